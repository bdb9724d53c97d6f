// GET /api/v1/countries — the countries we port from, with the number types we port there.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { countriesJson } from "@/lib/api/serializers";

export const GET = route({ roles: ["customer", "support"] }, async () => json({ data: countriesJson() }));

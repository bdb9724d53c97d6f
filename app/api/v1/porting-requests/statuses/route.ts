// GET /api/v1/porting-requests/statuses — Get Porting Request Statuses: the seven, with labels, descriptions and countries.
// A static segment: Next.js matches it before the dynamic [id] next to it.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { statusesJson } from "@/lib/api/serializers";

export const GET = route({ roles: ["customer", "support"] }, async () => json({ data: statusesJson() }));

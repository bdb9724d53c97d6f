// GET /api/v1/rejection-codes — why support may reject a request: every code with its label, what to fix and what it points at.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { rejectionCodesJson } from "@/lib/porting/serialize";

export const GET = route({ roles: ["customer", "support"] }, async () => json(rejectionCodesJson()));

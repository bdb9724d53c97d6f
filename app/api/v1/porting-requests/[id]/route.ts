// GET /api/v1/porting-requests/{id} — Get Porting Request: the full request with numbers and history.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { portingRequestJson } from "@/lib/porting/serialize";
import { getPortingRequestForActor } from "@/lib/porting/queries";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (_request, actor, { id }) => {
  return json(portingRequestJson(await getPortingRequestForActor(actor, id)));
});

// POST /api/v1/porting-requests/{id}/perform — Perform Porting Request (NL, Ready to be ported → Completed); optional { reason }.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { ActionBody } from "@/lib/api/schemas";
import { portingRequestJson } from "@/lib/porting/serialize";
import { performPortingRequest } from "@/lib/porting/perform-porting-request";

export const POST = route<"customer", { id: string }>({ roles: ["customer"] }, async (request, actor, { id }) => {
  const raw = await readJsonBody(request, { optional: true });
  const body = raw === undefined ? {} : parseStrict(ActionBody, expectObject(raw, '{ "reason": "…" }'));
  return json(portingRequestJson(await performPortingRequest(actor, id, { reason: body.reason ?? null })));
});

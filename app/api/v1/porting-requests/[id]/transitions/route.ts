// POST /api/v1/porting-requests/{id}/transitions — support only: { to, reason, firstPossiblePortingDate?, rejectionCodes? } as the transition table allows.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { TransitionBody } from "@/lib/api/schemas";
import { portingRequestJson } from "@/lib/porting/serialize";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";

export const POST = route<"support", { id: string }>({ roles: ["support"] }, async (request, actor, { id }) => {
  const body = parseStrict(TransitionBody, expectObject(await readJsonBody(request), '{ "to": "in_progress", "reason": "…" }'));
  const dto = await transitionPortingRequest(actor, {
    id,
    to: body.to,
    reason: body.reason,
    firstPossiblePortingDate: body.firstPossiblePortingDate ?? null,
    rejectionCodes: body.rejectionCodes ?? null,
  });
  return json(portingRequestJson(dto));
});

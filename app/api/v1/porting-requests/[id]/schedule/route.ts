// POST /api/v1/porting-requests/{id}/schedule — support only: { portingAt } confirms the porting moment of a non-NL request In progress; it completes by itself then.
// DELETE /api/v1/porting-requests/{id}/schedule — support only: takes the confirmed moment back (the request stays In progress).
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { ScheduleCompletionBody } from "@/lib/api/schedule-schemas";
import { cancelScheduledCompletion, scheduleCompletion } from "@/lib/porting/schedule-completion";
import { portingRequestJson } from "@/lib/porting/serialize";

export const POST = route<"support", { id: string }>({ roles: ["support"] }, async (request, actor, { id }) => {
  const body = parseStrict(ScheduleCompletionBody, expectObject(await readJsonBody(request), '{ "portingAt": "2030-05-14T09:00:00Z" }'));
  return json(portingRequestJson(await scheduleCompletion(actor, { id, portingAt: body.portingAt })));
});

export const DELETE = route<"support", { id: string }>({ roles: ["support"] }, async (_request, actor, { id }) => {
  return json(portingRequestJson(await cancelScheduledCompletion(actor, { id })));
});

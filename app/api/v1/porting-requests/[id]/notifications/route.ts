// GET /api/v1/porting-requests/{id}/notifications — the emails and callback deliveries (with every attempt) of each status change; the request pages poll it.
// POST /api/v1/porting-requests/{id}/notifications — "Resend": one callback delivery of this request again ({ deliveryId }).
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { ResendNotificationBody } from "@/lib/api/notification-schemas";
import { requestNotificationsJson, resendResultJson } from "@/lib/api/serializers";
import { notificationsForRequest } from "@/lib/notifications/queries";
import { resendCallback } from "@/lib/notifications/resend-callback";

type Params = { id: string };

export const GET = route<"customer" | "support", Params>({ roles: ["customer", "support"] }, async (_request, actor, { id }) => {
  return json(requestNotificationsJson(await notificationsForRequest(actor, id)));
});

export const POST = route<"customer" | "support", Params>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  const body = parseStrict(ResendNotificationBody, expectObject(await readJsonBody(request), '{ "deliveryId": "…" }'));
  const result = await resendCallback(actor, { deliveryId: body.deliveryId, portingRequestId: id });
  return json(resendResultJson(result), { status: 202 });
});

// POST /api/v1/webhook-deliveries/{id}/resend — send one delivery again (brought forward while retrying, else a new delivery of the same body).
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { resendWebhookDelivery } from "@/lib/webhook-endpoints/resend-webhook-delivery";

export const POST = route<"customer", { id: string }>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  return json(await resendWebhookDelivery(actor, id), { status: 202 });
});

// POST /api/v1/webhook-endpoints/{id}/test — queue a signed test message (`webhook_endpoint.test`) for this endpoint.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { sendTestWebhook } from "@/lib/webhook-endpoints/send-test-webhook";

export const POST = route<"customer", { id: string }>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  const delivery = await sendTestWebhook(actor, id);
  return json(delivery, { status: 202 });
});

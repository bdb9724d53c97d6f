// GET /api/v1/webhook-endpoints/{id}/deliveries — what was sent to this endpoint, newest first, each with every attempt.
import { parseStrict } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { WebhookDeliveriesQuery } from "@/lib/api/webhook-schemas";
import { listWebhookDeliveries } from "@/lib/webhook-endpoints/list-webhook-deliveries";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  return json(await listWebhookDeliveries(actor, id, parseStrict(WebhookDeliveriesQuery, queryOf(request))));
});

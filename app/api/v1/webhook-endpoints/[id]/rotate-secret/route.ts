// POST /api/v1/webhook-endpoints/{id}/rotate-secret — a new secret, in this answer only; the previous one keeps signing for 24 hours.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { rotateWebhookEndpointSecret } from "@/lib/webhook-endpoints/rotate-webhook-endpoint-secret";

export const POST = route<"customer", { id: string }>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  return json(await rotateWebhookEndpointSecret(actor, id));
});

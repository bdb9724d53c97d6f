// GET /api/v1/webhook-endpoints/{id} — one endpoint (never its secret).
// PATCH /api/v1/webhook-endpoints/{id} — change its url, events, description or enabled (an admin of the account).
// DELETE /api/v1/webhook-endpoints/{id} — delete it with its delivery log; nothing more is sent to it.
import { expectObject, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { UpdateWebhookEndpointBody } from "@/lib/api/webhook-schemas";
import { ValidationError } from "@/lib/errors";
import { deleteWebhookEndpoint } from "@/lib/webhook-endpoints/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhook-endpoints/list-webhook-endpoints";
import { updateWebhookEndpoint } from "@/lib/webhook-endpoints/update-webhook-endpoint";

type Params = { id: string };

export const GET = route<"customer" | "support", Params>({ roles: ["customer", "support"] }, async (_request, actor, { id }) => {
  return json(await getWebhookEndpoint(actor, id));
});

export const PATCH = route<"customer", Params>({ roles: ["customer"] }, async (request, actor, { id }) => {
  const body = expectObject(await readJsonBody(request), '{ "enabled": false }');
  const unknown = unknownFieldErrors(UpdateWebhookEndpointBody, body);
  if (unknown) throw new ValidationError(unknown);
  return json(await updateWebhookEndpoint(actor, id, body));
});

export const DELETE = route<"customer", Params>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  await deleteWebhookEndpoint(actor, id);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

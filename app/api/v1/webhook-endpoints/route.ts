// GET /api/v1/webhook-endpoints — the account's webhook endpoints, newest first (support: every account's, or ?accountId=).
// POST /api/v1/webhook-endpoints — a new endpoint ({url, events, description}); its secret is in this answer only.
import { expectObject, parseStrict, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { CreateWebhookEndpointBody, WebhookEndpointsQuery } from "@/lib/api/webhook-schemas";
import { ValidationError } from "@/lib/errors";
import { createWebhookEndpoint } from "@/lib/webhook-endpoints/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhook-endpoints/list-webhook-endpoints";

export const GET = route({ roles: ["customer", "support"] }, async (request, actor) => {
  return json(await listWebhookEndpoints(actor, parseStrict(WebhookEndpointsQuery, queryOf(request))));
});

export const POST = route({ roles: ["customer"] }, async (request, actor) => {
  const body = expectObject(await readJsonBody(request), '{ "url": "https://hooks.example.com/porting", "events": [] }');
  // Only unknown fields are refused here; the verb checks the caller, then names every other problem.
  const unknown = unknownFieldErrors(CreateWebhookEndpointBody, body);
  if (unknown) throw new ValidationError(unknown);
  const endpoint = await createWebhookEndpoint(actor, body);
  return json(endpoint, { status: 201, headers: { location: `/api/v1/webhook-endpoints/${endpoint.id}` } });
});

import { z } from "zod";
import { EVENT_CATALOGUE_TYPES, TEST_EVENT_TYPE } from "@/lib/webhook-endpoints/event-catalogue";
import { createWebhookEndpointSchema, listWebhookDeliveriesQuerySchema, listWebhookEndpointsQuerySchema, updateWebhookEndpointSchema } from "@/lib/webhook-endpoints/schemas";
import { requestComponents, responseComponents } from "./schemas";

// The REST API's contract for webhook endpoints (issue 15 item 1). Request bodies are the verbs'
// own schemas (lib/webhook-endpoints/schemas.ts), closed; responses describe what the routes
// answer. Registered in lib/api/schemas.ts's registries like the rest. Client-safe.

const dateTime = () => z.iso.datetime();
const nextCursor = z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page.");
const EventType = z.enum(EVENT_CATALOGUE_TYPES).describe("An event type of the catalogue (List Event Types).");

// ---- requests ------------------------------------------------------------------------------------

export const CreateWebhookEndpointBody = z.strictObject(createWebhookEndpointSchema.shape).describe("A new webhook endpoint.");
export const UpdateWebhookEndpointBody = updateWebhookEndpointSchema.describe("Send any of url, events, description and enabled.");
export const WebhookEndpointsQuery = z.strictObject(listWebhookEndpointsQuerySchema.shape).describe("Paging of the endpoints, newest first.");
export const WebhookDeliveriesQuery = z.strictObject(listWebhookDeliveriesQuerySchema.shape).describe("Paging of the deliveries, newest first.");

// ---- responses -----------------------------------------------------------------------------------

export const EventTypeList = z
  .object({
    data: z.array(z.object({ type: EventType, description: z.string().describe("What happened, and what the body holds.") })),
  })
  .describe("Every event type, in catalogue order.");

export const WebhookEndpoint = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    events: z.array(EventType).describe("The event types it receives; empty means every type, including types added later."),
    enabled: z.boolean().describe("A disabled endpoint is sent nothing: no event is queued for it, and deliveries still being retried stop."),
    previousSecretValidUntil: dateTime()
      .nullable()
      .describe("After a rotation: until when the previous secret also signs (both signatures are sent); null when only the current one does."),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .describe("A receiver of the account's events. Its secret is shown only when it is created or rotated.");

export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z
    .string()
    .describe("`whsec_…`: verify every delivery's `webhook-signature` with it (Standard Webhooks). Shown only in this answer: store it now; a lost secret is replaced with Rotate Secret."),
}).describe("The endpoint, with its signing secret (this once).");

export const WebhookEndpointList = z.object({ data: z.array(WebhookEndpoint), nextCursor }).describe("A page of webhook endpoints, newest first.");

export const WebhookAttempt = z
  .object({
    attempt: z.int().min(1),
    startedAt: dateTime(),
    durationMs: z.int().min(0),
    url: z.string().nullable().describe("The endpoint's URL this attempt went to (it may have been changed between attempts)."),
    statusCode: z.int().nullable().describe("Your endpoint's HTTP status; null when there was no answer."),
    error: z.string().nullable(),
    nextAttemptAt: dateTime().nullable().describe("When the retry after this attempt was due; null after the last one."),
  })
  .describe("One attempt to deliver to the endpoint.");

export const WebhookDelivery = z
  .object({
    id: z.uuid().describe("Resend it with Resend Webhook Delivery."),
    webhookEndpointId: z.uuid(),
    messageId: z.string().describe("The `webhook-id` header: the event's id (as in the event stream and the request's callback), the same on every retry; a resend of a finished delivery has a new one."),
    eventMessageId: z.string().describe("The event's id, the same on every resend of it."),
    eventType: z.string().describe(`An event type of the catalogue, or \`${TEST_EVENT_TYPE}\` for a test.`),
    portingRequestId: z.uuid().nullable().describe("The porting request the event is about; null for a test."),
    state: z.enum(["pending", "delivered", "failed"]).describe("`pending` (being sent or retried), `delivered` (your endpoint answered 2xx) or `failed` (gave up after the last attempt, a 410 Gone, or the endpoint was disabled)."),
    attempts: z.int().min(0),
    maxAttempts: z.int().min(1),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable().describe("Why the last attempt failed, in words."),
    nextAttemptAt: dateTime().nullable().describe("Pending only: when the next attempt is due."),
    inFlight: z.boolean().describe("An attempt is running right now."),
    deliveredAt: dateTime().nullable(),
    createdAt: dateTime(),
    body: z.string().describe("The body as sent, byte for byte (what the signature covers)."),
    attemptLog: z.array(WebhookAttempt).describe("Every attempt, oldest first."),
  })
  .describe("One event (or test) on its way to one endpoint, with every attempt.");

export const WebhookDeliveryList = z.object({ data: z.array(WebhookDelivery), nextCursor }).describe("A page of an endpoint's deliveries, newest first.");

export const WebhookResendResult = z
  .object({
    deliveryId: z.uuid().describe("The delivery that is attempted now: the same one when it was still being retried, else a new one."),
    messageId: z.string().describe("Its `webhook-id`: new for a new delivery, so a receiver that drops duplicates does not drop the resend."),
    mode: z
      .enum(["retry_now", "new_delivery", "already_sending"])
      .describe(
        "`retry_now`: it was still being retried; its next attempt is now. `new_delivery`: it was delivered or gave up; the same body goes out again as a new delivery. `already_sending`: an attempt is running right now; nothing else is queued.",
      ),
  })
  .describe("What the resend did.");

requestComponents.add(CreateWebhookEndpointBody, { id: "CreateWebhookEndpoint" });
requestComponents.add(UpdateWebhookEndpointBody, { id: "UpdateWebhookEndpoint" });
for (const [id, schema] of Object.entries({
  EventTypeList,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEndpointList,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookResendResult,
})) {
  responseComponents.add(schema, { id });
}

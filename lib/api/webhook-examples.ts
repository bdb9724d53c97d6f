import { EVENT_CATALOGUE } from "@/lib/webhook-endpoints/event-catalogue";

// Examples for the webhook endpoint operations of the OpenAPI document (lib/api/webhook-operations.ts);
// the contract test checks each against its schema.

export const EXAMPLE_WEBHOOK_ENDPOINT_ID = "3e9f1c2a-7b4d-4e8f-9a1b-2c3d4e5f6a7b";
export const EXAMPLE_WEBHOOK_DELIVERY_ID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

export const eventTypesExample = { data: EVENT_CATALOGUE };

export const createWebhookEndpointExample = {
  url: "https://hooks.example.com/porting",
  events: ["porting_request.status_changed", "porting_request.comment_added"],
  description: "Order system",
};

export const webhookEndpointExample = {
  id: EXAMPLE_WEBHOOK_ENDPOINT_ID,
  url: "https://hooks.example.com/porting",
  description: "Order system",
  events: ["porting_request.status_changed", "porting_request.comment_added"],
  enabled: true,
  previousSecretValidUntil: null,
  createdAt: "2026-05-04T09:30:12.204Z",
  updatedAt: "2026-05-04T09:30:12.204Z",
};

export const webhookEndpointWithSecretExample = { ...webhookEndpointExample, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };

export const rotatedWebhookEndpointExample = {
  ...webhookEndpointExample,
  previousSecretValidUntil: "2026-05-05T10:02:44.871Z",
  updatedAt: "2026-05-04T10:02:44.871Z",
  secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
};

export const updateWebhookEndpointExample = { events: [], enabled: true };

const testBody = JSON.stringify({
  type: "webhook_endpoint.test",
  webhookEndpointId: EXAMPLE_WEBHOOK_ENDPOINT_ID,
  message: "A test from Voice Porting: if the signature verifies with this endpoint's secret, your receiver is ready.",
  sentAt: "2026-05-04T09:31:00.118Z",
});

export const testDeliveryExample = {
  id: EXAMPLE_WEBHOOK_DELIVERY_ID,
  webhookEndpointId: EXAMPLE_WEBHOOK_ENDPOINT_ID,
  messageId: "msg_4kQ2b7YcVd1nT8sPzR6wXg",
  eventMessageId: "msg_4kQ2b7YcVd1nT8sPzR6wXg",
  eventType: "webhook_endpoint.test",
  portingRequestId: null,
  state: "pending",
  attempts: 0,
  maxAttempts: 10,
  lastStatusCode: null,
  lastError: null,
  nextAttemptAt: "2026-05-04T09:31:00.118Z",
  inFlight: false,
  deliveredAt: null,
  createdAt: "2026-05-04T09:31:00.118Z",
  body: testBody,
  attemptLog: [],
};

export const webhookDeliveriesExample = {
  data: [
    {
      ...testDeliveryExample,
      state: "delivered",
      attempts: 2,
      lastStatusCode: 200,
      nextAttemptAt: null,
      deliveredAt: "2026-05-04T09:31:31.020Z",
      attemptLog: [
        { attempt: 1, startedAt: "2026-05-04T09:31:00.140Z", durationMs: 212, url: "https://hooks.example.com/porting", statusCode: 500, error: "HTTP 500 Internal Server Error", nextAttemptAt: "2026-05-04T09:31:30.902Z" },
        { attempt: 2, startedAt: "2026-05-04T09:31:30.911Z", durationMs: 109, url: "https://hooks.example.com/porting", statusCode: 200, error: null, nextAttemptAt: null },
      ],
    },
  ],
  nextCursor: null,
};

export const webhookResendExample = { deliveryId: "0f1e2d3c-4b5a-4968-8776-655443322110", messageId: "msg_Zt3cW9qLx2VbN7mK4pRs1A", mode: "new_delivery" };

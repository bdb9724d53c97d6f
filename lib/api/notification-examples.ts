import type { RequestNotificationsJson, ResendResultJson } from "./notification-schemas";

// Examples of the notification answers (GET and POST …/notifications) for the OpenAPI document;
// the contract test checks each against its schema.

export const EXAMPLE_DELIVERY_ID = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d";

export const requestNotificationsExample: RequestNotificationsJson = {
  requestId: "0b8f5a52-8a3e-4c47-9d6b-2f1e3c4d5a6b",
  reference: "PR-000123",
  callbackUrl: "https://hooks.acme.example/porting",
  events: [
    {
      eventId: 4812,
      from: "in_progress",
      to: "ready_to_be_ported",
      reason: "KPN confirmed the porting date.",
      firstPossiblePortingDate: null,
      actor: { role: "support", name: "Sam from support" },
      at: "2026-05-12T09:30:00.000Z",
      emails: [
        {
          id: "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
          recipients: ["porting@acme.example"],
          subject: "PR-000123 is Ready to be ported",
          textBody: "Your porting request PR-000123 is Ready to be ported.\n\nReason: KPN confirmed the porting date.\n…",
          state: "delivered",
          attempts: 1,
          maxAttempts: 8,
          lastError: null,
          notSentReason: null,
          nextAttemptAt: null,
          sentAt: "2026-05-12T09:30:02.113Z",
          createdAt: "2026-05-12T09:30:00.000Z",
        },
      ],
      callbacks: [
        {
          id: EXAMPLE_DELIVERY_ID,
          messageId: "msg_2fW3x8c1Qn4k",
          eventType: "porting_request.status_changed",
          url: "https://hooks.acme.example/porting",
          state: "pending",
          attempts: 2,
          maxAttempts: 15,
          lastStatusCode: 503,
          lastError: "HTTP 503",
          nextAttemptAt: "2026-05-12T09:35:00.000Z",
          inFlight: false,
          deliveredAt: null,
          createdAt: "2026-05-12T09:30:00.000Z",
          attemptLog: [
            { attempt: 1, startedAt: "2026-05-12T09:30:01.020Z", durationMs: 212, statusCode: 503, error: "HTTP 503", nextAttemptAt: "2026-05-12T09:31:01.000Z" },
            { attempt: 2, startedAt: "2026-05-12T09:31:01.310Z", durationMs: 198, statusCode: 503, error: "HTTP 503", nextAttemptAt: "2026-05-12T09:35:00.000Z" },
          ],
        },
      ],
    },
  ],
};

export const resendResultExample: ResendResultJson = { deliveryId: EXAMPLE_DELIVERY_ID, messageId: "msg_2fW3x8c1Qn4k", mode: "retry_now" };

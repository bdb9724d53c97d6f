import { z } from "zod";
import { ACTOR_ROLES } from "@/lib/porting/values";
import { requestComponents, responseComponents, StatusId } from "./schemas";

// What happened to a request's notifications (GET …/notifications) and "Resend" (POST
// …/notifications), as the request page shows them. Beside lib/api/schemas.ts, registered in the
// same registries. Client-safe.

const dateTime = () => z.iso.datetime();
export const DELIVERY_STATE_VALUES = ["pending", "delivered", "failed", "not_sent"] as const;
const DeliveryState = z
  .enum(DELIVERY_STATE_VALUES)
  .describe("`pending` (being sent or retried), `delivered`, `failed` (gave up after the last attempt) or `not_sent` (see `notSentReason`).");

export const EmailNotification = z
  .object({
    id: z.uuid(),
    recipients: z.array(z.string()).describe("The company profile's notification addresses when the change happened."),
    subject: z.string(),
    textBody: z.string().describe("The message as sent."),
    state: DeliveryState,
    attempts: z.int().min(0),
    maxAttempts: z.int().min(1),
    lastError: z.string().nullable().describe("Why the last attempt failed, in words."),
    notSentReason: z.enum(["noSmtp", "noRecipients", "demo"]).nullable().describe("Set when `state` is `not_sent`."),
    nextAttemptAt: dateTime().nullable().describe("Pending only: when the next attempt is due."),
    sentAt: dateTime().nullable(),
    createdAt: dateTime(),
  })
  .describe("The status email of one change.");

export const CallbackAttempt = z
  .object({
    attempt: z.int().min(1),
    startedAt: dateTime(),
    durationMs: z.int().min(0),
    statusCode: z.int().nullable().describe("Your endpoint's HTTP status; null when there was no answer."),
    error: z.string().nullable(),
    nextAttemptAt: dateTime().nullable().describe("When the retry after this attempt was due; null after the last one."),
  })
  .describe("One attempt to deliver a callback.");

export const CallbackDelivery = z
  .object({
    id: z.uuid().describe("Pass as `deliveryId` to POST …/notifications to resend it."),
    messageId: z.string().describe("The `webhook-id` header: the same on every retry of this delivery."),
    eventType: z.string().describe("`porting_request.created` or `porting_request.status_changed`."),
    url: z.string(),
    state: DeliveryState,
    attempts: z.int().min(0),
    maxAttempts: z.int().min(1),
    lastStatusCode: z.int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: dateTime().nullable().describe("Pending only: when the next attempt is due."),
    inFlight: z.boolean().describe("An attempt is running right now."),
    deliveredAt: dateTime().nullable(),
    createdAt: dateTime(),
    attemptLog: z.array(CallbackAttempt).describe("Every attempt, oldest first."),
  })
  .describe("One callback of a status change to the request's callback URL, with every attempt.");

export const NotificationEvent = z
  .object({
    eventId: z.int(),
    from: StatusId.nullable(),
    to: StatusId,
    reason: z.string(),
    firstPossiblePortingDate: z.iso.date().nullable(),
    actor: z.object({ role: z.enum(ACTOR_ROLES), name: z.string() }),
    at: dateTime(),
    emails: z.array(EmailNotification),
    callbacks: z.array(CallbackDelivery).describe("Empty when the request has no callback URL. A resend adds a delivery here."),
  })
  .describe("One status change and what it sent.");

export const RequestNotifications = z
  .object({
    requestId: z.uuid(),
    reference: z.string(),
    callbackUrl: z.string().nullable(),
    events: z.array(NotificationEvent).describe("Newest status change first."),
  })
  .describe("The emails and callbacks of every status change of one request.");

export const ResendNotificationBody = z
  .strictObject({
    deliveryId: z.uuid({ error: "Give the id of one of this request's callback deliveries (GET …/notifications)." }).describe(
      "A callback delivery of this request (`events[].callbacks[].id`).",
    ),
  })
  .describe("Resend one callback.");

export const ResendResult = z
  .object({
    deliveryId: z.uuid().describe("The delivery that is attempted now: the same one when it was still being retried, else a new one."),
    messageId: z.string().describe("Its `webhook-id`: new for a new delivery, so a receiver that drops duplicates does not drop the resend."),
    mode: z
      .enum(["retry_now", "new_delivery", "already_sending"])
      .describe(
        "`retry_now`: the delivery was still being retried; its next attempt is now. `new_delivery`: it was delivered or gave up; the same body goes out again as a new delivery. `already_sending`: an attempt is running right now; nothing else is queued.",
      ),
  })
  .describe("What the resend did. The body sent is the request as it was after that status change, never its current state.");

requestComponents.add(ResendNotificationBody, { id: "ResendNotification" });
for (const [id, schema] of Object.entries({ RequestNotifications, NotificationEvent, EmailNotification, CallbackDelivery, CallbackAttempt, ResendResult })) {
  responseComponents.add(schema, { id });
}

export type RequestNotificationsJson = z.infer<typeof RequestNotifications>;
export type ResendResultJson = z.infer<typeof ResendResult>;

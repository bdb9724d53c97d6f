import type { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { EventType } from "@/lib/events/types";
import { CALLBACK_SCHEDULE, maxAttempts } from "@/lib/notifications/schedule";

// What the API and the Settings page show of an endpoint and its deliveries. The secret is never
// part of an endpoint's JSON: it is returned once, by create and by rotate-secret (WithSecret).

export type WebhookEndpointDto = {
  id: string;
  url: string;
  description: string;
  /** Empty: every event type. */
  events: EventType[];
  enabled: boolean;
  /** After a rotation: until when the previous secret also signs; null when none does. */
  previousSecretValidUntil: string | null;
  createdAt: string;
  updatedAt: string;
};

export type WebhookEndpointWithSecret = WebhookEndpointDto & { secret: string };

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export function toEndpointDto(row: EndpointRow, now: Date = new Date()): WebhookEndpointDto {
  const previousValid = row.previousSecret && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.eventTypes as EventType[],
    enabled: row.enabled,
    previousSecretValidUntil: previousValid ? row.previousSecretExpiresAt!.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export type WebhookAttemptDto = {
  attempt: number;
  startedAt: string;
  durationMs: number;
  /** The endpoint's URL this attempt went to (null for an attempt whose worker stopped before recording it). */
  url: string | null;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: string | null;
};

export type WebhookDeliveryDto = {
  id: string;
  webhookEndpointId: string;
  /** The webhook-id header: the event's message id (its id in the event stream), or a new one for a resend. */
  messageId: string;
  /** The event's message id, the same on every resend of it. */
  eventMessageId: string;
  eventType: string;
  portingRequestId: string | null;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  maxAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  inFlight: boolean;
  deliveredAt: string | null;
  createdAt: string;
  /** The body as sent (the event's JSON, byte for byte). */
  body: string;
  attemptLog: WebhookAttemptDto[];
};

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookAttempts.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const WEBHOOK_MAX_ATTEMPTS = maxAttempts(CALLBACK_SCHEDULE);

export function toDeliveryDto(row: DeliveryRow, attempts: readonly AttemptRow[], now: Date = new Date()): WebhookDeliveryDto {
  const pending = row.state === "pending";
  return {
    id: row.id,
    webhookEndpointId: row.endpointId,
    messageId: row.messageId,
    eventMessageId: row.eventMessageId,
    eventType: row.eventType,
    portingRequestId: row.portingRequestId,
    // not_sent is never written for webhooks; read as failed should it ever be.
    state: row.state === "not_sent" ? "failed" : row.state,
    attempts: row.attempts,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    nextAttemptAt: pending ? iso(row.nextAttemptAt) : null,
    inFlight: pending && row.lockedUntil !== null && row.lockedUntil > now,
    deliveredAt: iso(row.deliveredAt),
    createdAt: row.createdAt.toISOString(),
    body: row.body,
    attemptLog: attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: a.startedAt.toISOString(),
      durationMs: a.durationMs,
      url: a.url,
      statusCode: a.statusCode,
      error: a.error,
      nextAttemptAt: iso(a.nextAttemptAt),
    })),
  };
}

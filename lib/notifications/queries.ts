import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { callbackAttempts, callbackDeliveries, emailMessages, portingRequestEvents, type DELIVERY_STATES } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { getPortingRequestRowForActor } from "@/lib/porting/queries";
import { isUuid } from "@/lib/shared/ids";
import type { ActorRole, PortingStatus } from "@/lib/porting/values";
import { emailErrorFor, shownEmailState, type NotSentReason } from "./events";
import { CALLBACK_SCHEDULE, EMAIL_SCHEDULE, maxAttempts } from "./schedule";

// What happened to the notifications of one request, per status change: its email (recipients,
// subject, state, attempts, last error, the body as sent) and its callback deliveries with every
// attempt. Tenant-scoped like the request itself: another account's request is a NotFoundError.
// The request page shows this and polls it (GET /api/v1/porting-requests/{id}/notifications);
// the GET JSON of the request (and so every callback body) never includes it.

export type DeliveryState = (typeof DELIVERY_STATES)[number];

export type EmailRecord = {
  id: string;
  recipients: string[];
  subject: string;
  textBody: string;
  state: DeliveryState;
  attempts: number;
  maxAttempts: number;
  /** Support: the mail server's answer. Customers: "not delivered yet, retrying" and the like (emailErrorFor). */
  lastError: string | null;
  /** Set when state is not_sent: why (no SMTP server, no addresses, demo data). */
  notSentReason: NotSentReason | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
};

export type CallbackAttemptRecord = {
  attempt: number;
  startedAt: string;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: string | null;
};

export type CallbackDeliveryRecord = {
  id: string;
  messageId: string;
  eventType: string;
  url: string;
  state: DeliveryState;
  attempts: number;
  maxAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  /** An attempt is running right now (a worker holds the lease). */
  inFlight: boolean;
  deliveredAt: string | null;
  createdAt: string;
  attemptLog: CallbackAttemptRecord[];
};

export type NotificationEvent = {
  eventId: number;
  from: PortingStatus | null;
  to: PortingStatus;
  reason: string;
  firstPossiblePortingDate: string | null;
  actor: { role: ActorRole; name: string };
  at: string;
  emails: EmailRecord[];
  callbacks: CallbackDeliveryRecord[];
};

export type RequestNotifications = {
  requestId: string;
  reference: string;
  callbackUrl: string | null;
  /** Newest status change first. */
  events: NotificationEvent[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function notificationsForRequest(actor: Actor, requestId: string, db: Executor = getDb()): Promise<RequestNotifications> {
  const request = await getPortingRequestRowForActor(db, actor, requestId);
  const [events, emails, deliveries] = await Promise.all([
    db.select().from(portingRequestEvents).where(eq(portingRequestEvents.portingRequestId, request.id)).orderBy(desc(portingRequestEvents.id)),
    db
      .select({
        id: emailMessages.id,
        eventId: emailMessages.eventId,
        recipients: emailMessages.recipients,
        subject: emailMessages.subject,
        textBody: emailMessages.textBody,
        state: emailMessages.state,
        attempts: emailMessages.attempts,
        lastError: emailMessages.lastError,
        nextAttemptAt: emailMessages.nextAttemptAt,
        sentAt: emailMessages.sentAt,
        createdAt: emailMessages.createdAt,
      })
      .from(emailMessages)
      .where(eq(emailMessages.portingRequestId, request.id))
      .orderBy(asc(emailMessages.createdAt)),
    db
      .select({
        id: callbackDeliveries.id,
        eventId: callbackDeliveries.eventId,
        messageId: callbackDeliveries.messageId,
        eventType: callbackDeliveries.eventType,
        url: callbackDeliveries.url,
        state: callbackDeliveries.state,
        attempts: callbackDeliveries.attempts,
        lastStatusCode: callbackDeliveries.lastStatusCode,
        lastError: callbackDeliveries.lastError,
        nextAttemptAt: callbackDeliveries.nextAttemptAt,
        inFlight: sql<boolean>`coalesce(${callbackDeliveries.lockedUntil} > now(), false)`,
        deliveredAt: callbackDeliveries.deliveredAt,
        createdAt: callbackDeliveries.createdAt,
      })
      .from(callbackDeliveries)
      .where(eq(callbackDeliveries.portingRequestId, request.id))
      .orderBy(asc(callbackDeliveries.createdAt), asc(callbackDeliveries.id)),
  ]);
  const attempts = deliveries.length
    ? await db
        .select()
        .from(callbackAttempts)
        .where(inArray(callbackAttempts.deliveryId, deliveries.map((d) => d.id)))
        .orderBy(asc(callbackAttempts.attempt))
    : [];

  const emailMax = maxAttempts(EMAIL_SCHEDULE);
  const callbackMax = maxAttempts(CALLBACK_SCHEDULE);
  return {
    requestId: request.id,
    reference: request.reference,
    callbackUrl: request.callbackUrl,
    events: events.map((event) => ({
      eventId: event.id,
      from: event.fromStatus,
      to: event.toStatus,
      reason: event.reason,
      firstPossiblePortingDate: event.firstPossiblePortingDate,
      actor: { role: event.actorRole, name: event.actorName },
      at: event.createdAt.toISOString(),
      emails: emails
        .filter((e) => e.eventId === event.id)
        .map((e) => {
          const shown = shownEmailState(e);
          return {
            id: e.id,
            recipients: e.recipients,
            subject: e.subject,
            textBody: e.textBody,
            state: shown.state,
            attempts: e.attempts,
            maxAttempts: emailMax,
            lastError: emailErrorFor(actor.role, { state: shown.state, lastError: e.lastError }),
            notSentReason: shown.notSentReason,
            nextAttemptAt: shown.state === "pending" ? iso(e.nextAttemptAt) : null,
            sentAt: iso(e.sentAt),
            createdAt: e.createdAt.toISOString(),
          };
        }),
      callbacks: deliveries
        .filter((d) => d.eventId === event.id)
        .map((d) => ({
          id: d.id,
          messageId: d.messageId,
          eventType: d.eventType,
          url: d.url,
          state: d.state,
          attempts: d.attempts,
          maxAttempts: callbackMax,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          nextAttemptAt: d.state === "pending" ? iso(d.nextAttemptAt) : null,
          inFlight: d.state === "pending" && d.inFlight,
          deliveredAt: iso(d.deliveredAt),
          createdAt: d.createdAt.toISOString(),
          attemptLog: attempts
            .filter((a) => a.deliveryId === d.id)
            .map((a) => ({
              attempt: a.attempt,
              startedAt: a.startedAt.toISOString(),
              durationMs: a.durationMs,
              statusCode: a.statusCode,
              error: a.error,
              nextAttemptAt: iso(a.nextAttemptAt),
            })),
        })),
    })),
  };
}

/** One delivery within the actor's reach (its request's account), or NotFoundError. */
export async function getCallbackDeliveryForActor(actor: Actor, deliveryId: string, db: Executor = getDb()) {
  if (!isUuid(deliveryId)) throw new NotFoundError("callback delivery");
  const [row] = await db
    .select()
    .from(callbackDeliveries)
    .where(and(eq(callbackDeliveries.id, deliveryId), actor.role === "customer" ? eq(callbackDeliveries.accountId, actor.accountId) : undefined))
    .limit(1);
  if (!row) throw new NotFoundError("callback delivery");
  return row;
}

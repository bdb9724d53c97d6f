// No "server-only": the notification worker (scripts/worker.ts, plain Node) queues the notifications
// of the requests it completes at their confirmed porting moment (lib/porting/scheduled-completions.ts).
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { callbackDeliveries, companyProfiles, emailMessages, portingRequests } from "@/db/schema";
import { portingRequestBody } from "@/lib/porting/serialize";
import { appUrl } from "@/lib/env";
import { recordEvent } from "@/lib/events/record";
import { getLogger } from "@/lib/observability/logger";
import { recordStatusChange } from "@/lib/observability/metrics";
import { currentRequestId } from "@/lib/observability/request-context";
import { CALLBACK_EVENT_TYPES, callbackViewer, EMAIL_NOT_SENT, NOTIFY_CHANNEL } from "./outbox";
import { loadPortingRequestDto } from "./queries";
import { renderStatusEmail } from "./status-email";
import type { ActorRole, PortingStatus } from "./values";

// Called inside the transaction of every status change (create and every transition), after its
// history row is written. The delivery records ARE the queue (docs/notifications.md): one
// email_messages row for the company profile's addresses and, with a callback URL, one
// callback_deliveries row whose body is the GET JSON serialized here, in the same transaction,
// so it is exactly the committed state. A rollback takes them away with the change; a crash
// after commit loses nothing, because the rows are committed with it. pg_notify wakes the
// workers, and is delivered only on commit.
//
// The change is also ONE account event (lib/events, DESIGN.md Events): its message_id is the
// callback's webhook-id and its body the same GET JSON, so the event stream, webhook endpoints and
// the callback all name one change by one id.

export type StatusChangeEvent = {
  /** porting_request_events.id: stable, so a delivery can be de-duplicated (at-least-once). */
  eventId: number;
  portingRequestId: string;
  accountId: string;
  reference: string;
  fromStatus: PortingStatus | null;
  toStatus: PortingStatus;
  reason: string;
  firstPossiblePortingDate: string | null;
  actor: { userId: string | null; role: ActorRole; name: string };
  at: Date;
};

export async function enqueueStatusNotifications(tx: Executor, event: StatusChangeEvent): Promise<void> {
  const [row] = await tx
    .select({
      request: portingRequests,
      profileName: companyProfiles.name,
      recipients: companyProfiles.notificationEmails,
    })
    .from(portingRequests)
    .innerJoin(companyProfiles, eq(companyProfiles.id, portingRequests.companyProfileId))
    .where(eq(portingRequests.id, event.portingRequestId))
    .limit(1);
  if (!row) throw new Error(`enqueueStatusNotifications: request ${event.portingRequestId} not found in its own transaction`);
  const { request } = row;

  // The customer's GET JSON after the change: one serializer for the API and the callbacks.
  const dto = await loadPortingRequestDto(tx, callbackViewer(request.accountId), request);

  const email = renderStatusEmail({
    requestId: request.id,
    reference: request.reference,
    country: request.country,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    reason: event.reason,
    firstPossiblePortingDate: event.firstPossiblePortingDate,
    phoneNumbers: dto.phoneNumbers.map((n) => n.number),
    companyProfileName: row.profileName,
    appUrl: appUrl(),
    rejectionCodes: dto.rejectionCodes,
    resubmissionOf: dto.resubmissionOf,
    sandbox: request.sandbox,
  });
  const recipients = [...new Set(row.recipients.map((r) => r.trim()).filter(Boolean))];
  // The request that made the change, so the worker's lines for these deliveries carry its id.
  const requestId = currentRequestId();
  await tx.insert(emailMessages).values({
    requestId,
    portingRequestId: request.id,
    eventId: event.eventId,
    recipients,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    ...(recipients.length === 0 ? { state: "not_sent" as const, lastError: EMAIL_NOT_SENT.noRecipients } : {}),
  });

  const eventType = event.fromStatus === null ? CALLBACK_EVENT_TYPES.created : CALLBACK_EVENT_TYPES.statusChanged;
  const body = portingRequestBody(dto);
  const recorded = await recordEvent(tx, { accountId: request.accountId, portingRequestId: request.id, type: eventType, body });

  if (request.callbackUrl) {
    await tx.insert(callbackDeliveries).values({
      requestId,
      messageId: recorded.messageId,
      portingRequestId: request.id,
      accountId: request.accountId,
      eventId: event.eventId,
      eventType,
      url: request.callbackUrl,
      body,
    });
  }

  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${request.id})`);
  recordStatusChange(request.country, event.fromStatus, event.toStatus);
  getLogger().info(
    { portingRequestId: request.id, reference: request.reference, country: request.country, from: event.fromStatus, to: event.toStatus, eventId: event.eventId, messageId: recorded.messageId, callback: Boolean(request.callbackUrl) },
    "status change",
  );
}

import { asc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { callbackDeliveries, companyProfiles, emailMessages, portingRequestEvents, portingRequests } from "@/db/schema";
import { portingRequestBody } from "@/lib/porting/serialize";
import { appUrl } from "@/lib/env";
import { loadPortingRequestDto } from "@/lib/porting/queries";
import { renderStatusEmail } from "@/lib/porting/status-email";
import { CALLBACK_EVENT_TYPES, callbackViewer, EMAIL_NOT_SENT } from "./events";
import { newMessageId } from "./webhooks/sign";

// No "server-only" here: the demo seed (db/seed.ts, run by scripts/start.ts under plain Node) loads it.

// Demo data (db/seed.ts) writes history straight into the tables, as if the workflow had run.
// This gives that history the notification records the workflow would have left, so the request
// pages show them: every seeded change has its email, kept but never sent (the addresses are
// fictional), and a request with a callback URL has the callback of its latest change queued;
// its receiver does not exist, so it shows up as failing on the support Callbacks page, as a
// real one would.

export async function recordSeededNotifications(tx: Executor, requestId: string): Promise<void> {
  const [row] = await tx
    .select({ request: portingRequests, profileName: companyProfiles.name, recipients: companyProfiles.notificationEmails })
    .from(portingRequests)
    .innerJoin(companyProfiles, eq(companyProfiles.id, portingRequests.companyProfileId))
    .where(eq(portingRequests.id, requestId));
  if (!row) return;
  const { request } = row;
  const dto = await loadPortingRequestDto(tx, callbackViewer(request.accountId), request);
  const events = await tx.select().from(portingRequestEvents).where(eq(portingRequestEvents.portingRequestId, requestId)).orderBy(asc(portingRequestEvents.id));
  if (events.length === 0) return;

  await tx.insert(emailMessages).values(
    events.map((event) => {
      const email = renderStatusEmail({
        requestId,
        reference: request.reference,
        country: request.country,
        fromStatus: event.fromStatus,
        toStatus: event.toStatus,
        reason: event.reason,
        firstPossiblePortingDate: event.firstPossiblePortingDate,
        phoneNumbers: dto.phoneNumbers.map((n) => n.number),
        companyProfileName: row.profileName,
        appUrl: appUrl(),
      });
      return {
        portingRequestId: requestId,
        eventId: event.id,
        recipients: row.recipients,
        subject: email.subject,
        textBody: email.text,
        htmlBody: email.html,
        state: "not_sent" as const,
        lastError: EMAIL_NOT_SENT.demo,
        createdAt: event.createdAt,
        nextAttemptAt: event.createdAt,
      };
    }),
  );

  const latest = events.at(-1)!;
  if (request.callbackUrl) {
    await tx.insert(callbackDeliveries).values({
      messageId: newMessageId(),
      portingRequestId: requestId,
      accountId: request.accountId,
      eventId: latest.id,
      eventType: latest.fromStatus === null ? CALLBACK_EVENT_TYPES.created : CALLBACK_EVENT_TYPES.statusChanged,
      url: request.callbackUrl,
      // Exactly the GET JSON now, which is the state after the latest change.
      body: portingRequestBody(dto),
      createdAt: latest.createdAt,
    });
  }
}

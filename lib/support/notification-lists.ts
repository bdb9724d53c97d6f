import "server-only";
import { and, desc, eq, isNotNull, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { accounts, callbackDeliveries, emailMessages, portingRequestEvents, portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSupport } from "./access";
import { decodeCursor, encodeCursor } from "@/lib/shared/cursor";
import { parseInput } from "@/lib/shared/validation";
import { shownEmailState, type NotSentReason } from "@/lib/notifications/events";
import { CALLBACK_SCHEDULE, EMAIL_SCHEDULE, maxAttempts } from "@/lib/notifications/schedule";
import type { PortingStatus } from "@/lib/porting/values";
import type { DeliveryState } from "@/lib/notifications/queries";

// Support's views across every account: callbacks that are failing (failed for good, or being
// retried after a failed attempt), and the mail outbox. Newest first, keyset pages on
// (created_at, id) so a page costs the same on the millionth row.

export const PAGE_SIZE = 50;

const createdText = (column: typeof callbackDeliveries.createdAt | typeof emailMessages.createdAt) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

// ---- failing callbacks -----------------------------------------------------------------------------

export const FAILING_FILTERS = ["all", "retrying", "failed"] as const;
export type FailingFilter = (typeof FAILING_FILTERS)[number];

export const failingCallbacksSchema = z.object({
  state: z.enum(FAILING_FILTERS).catch("all").default("all"),
  cursor: z.string().max(200).optional(),
});

export type FailingCallback = {
  id: string;
  messageId: string;
  eventType: string;
  account: { id: string; name: string };
  request: { id: string; reference: string };
  /** The status change this callback reports. */
  toStatus: PortingStatus;
  url: string;
  state: DeliveryState;
  attempts: number;
  maxAttempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
};

const retrying = and(eq(callbackDeliveries.state, "pending"), isNotNull(callbackDeliveries.lastError)) as SQL;
const failed = eq(callbackDeliveries.state, "failed");

function failingCondition(filter: FailingFilter): SQL {
  return filter === "failed" ? failed : filter === "retrying" ? retrying : (or(failed, retrying) as SQL);
}

export async function listFailingCallbacks(
  actor: Actor,
  input: z.input<typeof failingCallbacksSchema>,
  db: Executor = getDb(),
): Promise<{ items: FailingCallback[]; nextCursor: string | null; counts: Record<Exclude<FailingFilter, "all">, number> }> {
  assertSupport(actor, "This list is for support staff only.");
  const filters = parseInput(failingCallbacksSchema, input);
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const [rows, countRows] = await Promise.all([
    db
      .select({
        delivery: callbackDeliveries,
        accountName: accounts.name,
        reference: portingRequests.reference,
        toStatus: portingRequestEvents.toStatus,
        createdText: createdText(callbackDeliveries.createdAt),
      })
      .from(callbackDeliveries)
      .innerJoin(accounts, eq(accounts.id, callbackDeliveries.accountId))
      .innerJoin(portingRequests, eq(portingRequests.id, callbackDeliveries.portingRequestId))
      .innerJoin(portingRequestEvents, eq(portingRequestEvents.id, callbackDeliveries.eventId))
      .where(
        and(
          failingCondition(filters.state),
          // Sandbox requests are their account's alone (DESIGN.md): support never sees them.
          eq(portingRequests.sandbox, false),
          cursor ? sql`(${callbackDeliveries.createdAt}, ${callbackDeliveries.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)` : undefined,
        ),
      )
      .orderBy(desc(callbackDeliveries.createdAt), desc(callbackDeliveries.id))
      .limit(PAGE_SIZE + 1),
    db
      .select({
        retrying: sql<number>`count(*) filter (where ${retrying})::int`,
        failed: sql<number>`count(*) filter (where ${failed})::int`,
      })
      .from(callbackDeliveries)
      .where(and(or(failed, retrying), sql`not exists (select 1 from ${portingRequests} where ${portingRequests.id} = ${callbackDeliveries.portingRequestId} and ${portingRequests.sandbox})`)),
  ]);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const max = maxAttempts(CALLBACK_SCHEDULE);
  return {
    items: page.map(({ delivery: d, accountName, reference, toStatus }) => ({
      id: d.id,
      messageId: d.messageId,
      eventType: d.eventType,
      account: { id: d.accountId, name: accountName },
      request: { id: d.portingRequestId, reference },
      toStatus,
      url: d.url,
      state: d.state,
      attempts: d.attempts,
      maxAttempts: max,
      lastStatusCode: d.lastStatusCode,
      lastError: d.lastError,
      nextAttemptAt: d.state === "pending" ? d.nextAttemptAt.toISOString() : null,
      createdAt: d.createdAt.toISOString(),
    })),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ t: last.createdText, i: last.delivery.id }) : null,
    counts: { retrying: countRows[0]?.retrying ?? 0, failed: countRows[0]?.failed ?? 0 },
  };
}

// ---- the mail outbox ---------------------------------------------------------------------------------

export const OUTBOX_FILTERS = ["all", "pending", "delivered", "not_sent", "failed"] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

export const outboxSchema = z.object({
  state: z.enum(OUTBOX_FILTERS).catch("all").default("all"),
  cursor: z.string().max(200).optional(),
});

export type OutboxEmail = {
  id: string;
  account: { id: string; name: string };
  request: { id: string; reference: string };
  recipients: string[];
  subject: string;
  textBody: string;
  state: DeliveryState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  notSentReason: NotSentReason | null;
  sentAt: string | null;
  createdAt: string;
};

export async function listOutbox(
  actor: Actor,
  input: z.input<typeof outboxSchema>,
  db: Executor = getDb(),
): Promise<{ items: OutboxEmail[]; nextCursor: string | null }> {
  assertSupport(actor, "This list is for support staff only.");
  const filters = parseInput(outboxSchema, input);
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const rows = await db
    .select({
      email: emailMessages,
      accountId: portingRequests.accountId,
      accountName: accounts.name,
      requestId: portingRequests.id,
      reference: portingRequests.reference,
      createdText: createdText(emailMessages.createdAt),
    })
    .from(emailMessages)
    .innerJoin(portingRequests, eq(portingRequests.id, emailMessages.portingRequestId))
    .innerJoin(accounts, eq(accounts.id, portingRequests.accountId))
    .where(
      and(
        filters.state === "all" ? undefined : eq(emailMessages.state, filters.state),
        eq(portingRequests.sandbox, false),
        cursor ? sql`(${emailMessages.createdAt}, ${emailMessages.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
    .limit(PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  const max = maxAttempts(EMAIL_SCHEDULE);
  return {
    items: page.map(({ email: e, accountId, accountName, requestId, reference }) => ({
      id: e.id,
      account: { id: accountId, name: accountName },
      request: { id: requestId, reference },
      recipients: e.recipients,
      subject: e.subject,
      textBody: e.textBody,
      // A worker without SMTP leaves emails pending; they are shown as not sent (no SMTP configured).
      ...shownEmailState(e),
      attempts: e.attempts,
      maxAttempts: max,
      lastError: e.lastError,
      sentAt: e.sentAt ? e.sentAt.toISOString() : null,
      createdAt: e.createdAt.toISOString(),
    })),
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ t: last.createdText, i: last.email.id }) : null,
  };
}

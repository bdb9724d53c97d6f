import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { events } from "@/db/schema";

// Reading the event record in its one order, (tx_id, id) (db/schema.ts says why not id alone).
// A read returns only rows below the horizon, pg_snapshot_xmin(pg_current_snapshot()): every
// transaction older than it has ended, so no row can ever appear before the last one returned.
// Committed rows at or above the horizon (a transaction older than theirs is still running) are
// reported as `heldBack`, and the caller reads again shortly.

/** Where a reader stands: the last event it has seen (txId is a decimal xid8). */
export type EventPosition = { txId: string; id: number };

export type StoredEvent = {
  id: number;
  txId: string;
  messageId: string;
  accountId: string;
  portingRequestId: string | null;
  type: string;
  body: string;
  /** An event of a sandbox request (only test keys' streams, and the account's pages, carry it). */
  sandbox: boolean;
  createdAt: Date;
};

export type EventPage = { events: StoredEvent[]; heldBack: boolean };

export function comparePositions(a: EventPosition, b: EventPosition): number {
  const ta = BigInt(a.txId);
  const tb = BigInt(b.txId);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id - b.id;
}

export function positionOf(event: Pick<StoredEvent, "txId" | "id">): EventPosition {
  return { txId: event.txId, id: event.id };
}

const columns = {
  id: events.id,
  txId: events.txId,
  messageId: events.messageId,
  accountId: events.accountId,
  portingRequestId: events.portingRequestId,
  type: events.type,
  body: events.body,
  sandbox: events.sandbox,
  createdAt: events.createdAt,
};

/** Which events a reader sees: the sandbox's (true), the live ones (false), or both (null: the account's own pages). */
export type EventSide = boolean | null;

function sideCondition(sandbox: EventSide | undefined) {
  return sandbox === null || sandbox === undefined ? undefined : eq(events.sandbox, sandbox);
}

/**
 * Events after `after` (all of them when null), oldest first, at most `limit`; only one account's
 * when `accountId` is given (support and the per-instance listener read every account's).
 */
export async function readEvents(
  db: Executor,
  opts: { after: EventPosition | null; accountId?: string | null; limit?: number; sandbox?: EventSide },
): Promise<EventPage> {
  const limit = opts.limit ?? 500;
  const rows = await db
    .select({ ...columns, horizon: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text` })
    .from(events)
    .where(
      and(
        opts.accountId ? eq(events.accountId, opts.accountId) : undefined,
        sideCondition(opts.sandbox),
        opts.after ? sql`(${events.txId}, ${events.id}) > (${opts.after.txId}::xid8, ${opts.after.id}::bigint)` : undefined,
      ),
    )
    .orderBy(asc(events.txId), asc(events.id))
    .limit(limit);
  const out: StoredEvent[] = [];
  for (const { horizon, ...row } of rows) {
    if (BigInt(row.txId) >= BigInt(horizon)) return { events: out, heldBack: true };
    out.push(row);
  }
  return { events: out, heldBack: false };
}

/** The newest position below the horizon (where a reader that wants only new events starts); null when there are none. */
export async function latestPosition(db: Executor): Promise<EventPosition | null> {
  const [row] = await db
    .select({ txId: events.txId, id: events.id })
    .from(events)
    .where(sql`${events.txId} < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy(sql`${events.txId} desc`, sql`${events.id} desc`)
    .limit(1);
  return row ?? null;
}

/**
 * The position of the event with this webhook-id, when it is still kept and belongs to
 * `accountId` (any account when null: support). Another account's id is answered as unknown.
 */
export async function findEventPosition(db: Executor, messageId: string, accountId: string | null, sandbox?: EventSide): Promise<EventPosition | null> {
  const [row] = await db
    .select({ txId: events.txId, id: events.id })
    .from(events)
    .where(and(eq(events.messageId, messageId), accountId ? eq(events.accountId, accountId) : undefined, sideCondition(sandbox)))
    .limit(1);
  return row ?? null;
}

/** The oldest event still kept (of one account, or of all). */
export async function oldestEvent(db: Executor, accountId: string | null): Promise<Pick<StoredEvent, "createdAt"> | null> {
  const [row] = await db
    .select({ createdAt: events.createdAt })
    .from(events)
    .where(accountId ? eq(events.accountId, accountId) : undefined)
    .orderBy(asc(events.txId), asc(events.id))
    .limit(1);
  return row ?? null;
}


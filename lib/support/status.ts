import "server-only";
import { and, count, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import type { SupportActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import type { PortingStatus } from "@/lib/porting/values";
import { AGREED_DATE_THRESHOLD, amsterdamDate, WAIT_THRESHOLDS, waitState } from "./wait-thresholds";
import { readQueue } from "@/lib/notifications/queue-metrics";

// The support console's status strip: the numbers an on-call person looks at first, the same as
// the metrics (lib/notifications/queue-metrics.ts reads the queue for both), each with the page
// that lists them.

export type SupportStatus = {
  /** Open requests waiting in their status longer than lib/support/wait-thresholds.ts allows. */
  overdue: number;
  /** Callbacks being retried after a failed attempt, or failed for good in the last 24 hours. */
  failingCallbacks: number;
  /** Emails that failed or were not sent (no SMTP server, no recipients) in the last 24 hours. */
  emailsNotSent: number;
  /** The oldest delivery still waiting to go out, if any. */
  oldestPending: { kind: "email" | "callback"; seconds: number } | null;
};

const DAY = 86_400_000;

/** Open requests past their wait threshold: counted in SQL, except the business-day edge. */
export async function countOverdue(now: number): Promise<number> {
  const db = getDb();
  let total = 0;
  for (const [status, threshold] of Object.entries(WAIT_THRESHOLDS) as [PortingStatus, NonNullable<(typeof WAIT_THRESHOLDS)[PortingStatus]>][]) {
    // Sandbox requests never wait for support (the simulated provider moves them).
    const inStatus = and(eq(portingRequests.status, status), eq(portingRequests.sandbox, false));
    if (threshold.kind === "days" && status === "in_progress") {
      // A request with an agreed porting date counts from that date (waitState, AGREED_DATE_THRESHOLD).
      const agreed = sql`coalesce(${portingRequests.scheduledPortingAt}, ${portingRequests.preferredPortingDate})`;
      const [row] = await db
        .select({ n: count() })
        .from(portingRequests)
        .where(
          and(
            inStatus,
            sql`((${agreed} is null and ${portingRequests.statusChangedAt} < ${new Date(now - threshold.days * DAY).toISOString()}::timestamptz)
              or ${agreed} < ${new Date(now - AGREED_DATE_THRESHOLD.graceHours * 3_600_000).toISOString()}::timestamptz)`,
          ),
        );
      total += row?.n ?? 0;
    } else if (threshold.kind === "days") {
      const [row] = await db.select({ n: count() }).from(portingRequests).where(and(inStatus, lt(portingRequests.statusChangedAt, new Date(now - threshold.days * DAY))));
      total += row?.n ?? 0;
    } else if (threshold.kind === "past_first_possible_date") {
      const [row] = await db
        .select({ n: count() })
        .from(portingRequests)
        .where(and(inStatus, lt(portingRequests.firstPossiblePortingDate, amsterdamDate(new Date(now)))));
      total += row?.n ?? 0;
    } else if (threshold.kind === "business_days") {
      // n business days span at most this many calendar days (weekends in between): older is
      // surely overdue; between the two bounds, the table's own rule decides row by row.
      const surely = new Date(now - (Math.ceil((threshold.days * 7) / 5) + 2) * DAY);
      const [row] = await db.select({ n: count() }).from(portingRequests).where(and(inStatus, lt(portingRequests.statusChangedAt, surely)));
      total += row?.n ?? 0;
      const edge = await db
        .select({ changed: sql<string>`to_char(${portingRequests.statusChangedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` })
        .from(portingRequests)
        .where(and(inStatus, gte(portingRequests.statusChangedAt, surely), lt(portingRequests.statusChangedAt, new Date(now - threshold.days * DAY))));
      total += edge.filter((r) => waitState({ status, statusChangedAt: r.changed, firstPossiblePortingDate: null }, now).overdue).length;
    }
  }
  return total;
}

export async function readSupportStatus(actor: SupportActor, now = Date.now()): Promise<SupportStatus> {
  if ((actor as { role: string }).role !== "support") throw new ForbiddenError("The status strip is for support staff only.");
  const [overdue, queue] = await Promise.all([countOverdue(now), readQueue()]);
  const email = queue.find((q) => q.kind === "email");
  const callback = queue.find((q) => q.kind === "callback");
  const oldest = [email, callback]
    .filter((q): q is NonNullable<typeof q> => Boolean(q) && (q!.pending + q!.inFlight > 0))
    .sort((a, b) => b.oldestPendingSeconds - a.oldestPendingSeconds)[0];
  return {
    overdue,
    failingCallbacks: (callback?.retrying ?? 0) + (callback?.failed24h ?? 0),
    emailsNotSent: (email?.failed24h ?? 0) + (email?.notSent24h ?? 0),
    oldestPending: oldest ? { kind: oldest.kind, seconds: oldest.oldestPendingSeconds } : null,
  };
}

import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { portingRequests, scheduledCompletions } from "@/db/schema";

// No "server-only": the notification worker (scripts/worker.ts, plain Node) loads this through
// apply-transition.ts and scheduled-completions.ts.

// The two writes every end of a schedule shares: the job row and the moment the request shows
// (db/schema.ts scheduled_completions, porting_requests.scheduled_porting_at). Callers run them in
// their own transaction, after locking or updating the request row (lock order: request, then job).

/**
 * Ends the pending schedule of a request, in the caller's transaction (a status change, a
 * reschedule, a cancellation). The caller has locked or updated the request row first.
 */
export async function endPendingSchedule(tx: Executor, portingRequestId: string, reason: string): Promise<void> {
  await tx
    .update(scheduledCompletions)
    .set({ state: "cancelled", endedReason: reason, endedAt: sql`now()`, lockedUntil: null })
    .where(and(eq(scheduledCompletions.portingRequestId, portingRequestId), eq(scheduledCompletions.state, "pending")));
}

/** The request no longer shows a porting moment (its schedule ended without completing it). */
export async function clearScheduledMoment(tx: Executor, portingRequestId: string): Promise<void> {
  await tx
    .update(portingRequests)
    .set({ scheduledPortingAt: null, version: sql`${portingRequests.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(portingRequests.id, portingRequestId), sql`${portingRequests.scheduledPortingAt} is not null`));
}

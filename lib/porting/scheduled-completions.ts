import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { portingRequests, scheduledCompletions, type ScheduledCompletion } from "@/db/schema";
import type { SystemActor } from "@/lib/auth/actor";
import { ConflictError, isDomainError } from "@/lib/errors";
import { runWithRequestContext } from "@/lib/observability/request-context";
import { applyTransition } from "./apply-transition";
import { clearScheduledMoment } from "./schedule-rows";
import { formatPortingMoment } from "./scheduling";
import { findTransition } from "./transitions";

// No "server-only": the notification worker (scripts/worker.ts, plain Node) completes scheduled
// requests (docs/notifications.md, "Scheduled completions").
//
// A confirmed porting moment is a scheduled_completions row, a job on the same durable queue as the
// deliveries: the worker claims due rows with FOR UPDATE SKIP LOCKED and a lease (so two workers
// never hold one at once) and counts the attempt (the fencing token). Completing is then ONE
// transaction that locks the request, marks the job `completed` only while it still holds the
// claim (same attempts, still pending) and applies the Completed transition (numbers assigned,
// history, email, callback, event): the two commit together or not at all. So whatever happens —
// a worker killed mid-claim or mid-transaction (rolled back; the lease expires and another worker
// takes the row), two workers, a lease that ran out while a lock was awaited (the fence refuses the
// older claim) — the request is completed exactly once. Unlike a delivery, nothing leaves the
// database before the commit, so a retry can never repeat an effect.
//
// Lock order, request before job, everywhere (this runner, the schedule verbs, applyTransition),
// so a completion racing a reschedule or a hand completion waits instead of deadlocking.

/** Who completes a request at its confirmed moment, in the history and the status email. */
export const SCHEDULE_ACTOR: SystemActor = { role: "system", userId: null, name: "Porting schedule" };

/** Attempts before a completion that keeps failing for want of the database is given up (`failed`). */
export const COMPLETION_MAX_ATTEMPTS = 10;

export type CompletionOutcome =
  | { result: "completed"; portingRequestId: string }
  /** The claim was lost (a newer claim, or the schedule was cancelled meanwhile): nothing was done. */
  | { result: "superseded" }
  /** The completion was refused for good (numbers already on a voice account, a status the table refuses). */
  | { result: "failed"; error: string }
  /** The database failed; retried after a pause, until COMPLETION_MAX_ATTEMPTS. */
  | { result: "retry"; error: string };

/**
 * Claims up to `limit` due completions (pending, due, not leased, attempts left): one statement,
 * a lease of `leaseMs`, the attempt counted. Rows out of attempts are failed first.
 */
export async function claimDueCompletions(db: Db, options: { leaseMs: number; limit: number; maxAttempts?: number }): Promise<ScheduledCompletion[]> {
  const max = options.maxAttempts ?? COMPLETION_MAX_ATTEMPTS;
  await failExhausted(db, max);
  const claimed = await db.execute<{ id: string }>(sql`
    update scheduled_completions t
       set locked_until = now() + ${options.leaseMs}::bigint * interval '1 millisecond', attempts = t.attempts + 1
      from (select id from scheduled_completions
             where state = 'pending' and porting_at <= now()
               and (locked_until is null or locked_until < now())
               and attempts < ${max}
             order by porting_at
             limit ${options.limit}
             for update skip locked) due
     where t.id = due.id
    returning t.id`);
  if (claimed.length === 0) return [];
  // Read back through drizzle for typed rows (the claim above is the only writer of these leases).
  const rows = await db
    .select()
    .from(scheduledCompletions)
    .where(inArray(scheduledCompletions.id, claimed.map((c) => c.id)));
  return rows.sort((a, b) => a.portingAt.getTime() - b.portingAt.getTime());
}

/** Milliseconds (by the database's clock) until the next pending completion is due; null when none waits. */
export async function msUntilNextCompletion(db: Db): Promise<number | null> {
  const [row] = await db.execute<{ ms: string | null }>(sql`
    select (extract(epoch from (min(greatest(porting_at, coalesce(locked_until, porting_at))) - now())) * 1000)::bigint::text as ms
      from scheduled_completions where state = 'pending'`);
  return row?.ms == null ? null : Math.max(0, Number(row.ms));
}

/** Completes the request of a claimed job, once (see the top of this file). */
export async function runScheduledCompletion(db: Db, job: ScheduledCompletion): Promise<CompletionOutcome> {
  try {
    // The deliveries this completion queues carry the X-Request-Id of the call that confirmed the moment.
    const run = () => completeInTransaction(db, job);
    return job.requestId ? await runWithRequestContext({ requestId: job.requestId }, run) : await run();
  } catch (error) {
    if (isDomainError(error)) {
      // Refused by the rules (a number went onto a voice account meanwhile): retrying will not help.
      const failed = await failCompletion(db, job, error.message);
      return failed ? { result: "failed", error: error.message } : { result: "superseded" };
    }
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(scheduledCompletions)
      .set({
        lastError: `The completion could not run (${message.slice(0, 200)}); it is retried.`,
        // locked_until doubles as "not before": a short pause that grows with each attempt.
        lockedUntil: sql`now() + ${Math.min(2 ** job.attempts, 300)}::int * interval '1 second'`,
      })
      .where(and(eq(scheduledCompletions.id, job.id), eq(scheduledCompletions.attempts, job.attempts), eq(scheduledCompletions.state, "pending")))
      .catch(() => {
        // The database is away: the lease runs out by itself and any worker retries.
      });
    return { result: "retry", error: message };
  }
}

async function completeInTransaction(db: Db, job: ScheduledCompletion): Promise<CompletionOutcome> {
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(portingRequests).where(eq(portingRequests.id, job.portingRequestId)).for("update");
    if (!request) return { result: "superseded" } as const;
    // The fence: only the holder of the latest claim of a still pending job completes.
    const [held] = await tx
      .update(scheduledCompletions)
      .set({ state: "completed", endedAt: sql`now()`, lockedUntil: null, lastError: null })
      .where(and(eq(scheduledCompletions.id, job.id), eq(scheduledCompletions.attempts, job.attempts), eq(scheduledCompletions.state, "pending")))
      .returning({ id: scheduledCompletions.id });
    if (!held) return { result: "superseded" } as const;

    const transition = findTransition("complete", request.status, request.country, "support");
    if (!transition) {
      // Cannot happen while every status change ends the schedule in its transaction; a loud failure if it does.
      throw new ConflictError(`The request is ${request.status}, so it cannot be completed at its porting moment.`);
    }
    await applyTransition(tx, {
      request,
      transition,
      actor: SCHEDULE_ACTOR,
      reason: `Completed at the porting moment confirmed by ${job.scheduledByName}: ${formatPortingMoment(job.portingAt)}.`,
      firstPossiblePortingDate: null,
    });
    await tx.execute(sql`
      update scheduled_completions
         set completion_event_id = (select max(id) from porting_request_events where porting_request_id = ${request.id})
       where id = ${job.id}`);
    return { result: "completed", portingRequestId: request.id } as const;
  });
}

/** A refused completion: the job is `failed` with the reason and the request no longer shows the moment. */
async function failCompletion(db: Db, job: ScheduledCompletion, reason: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.select({ id: portingRequests.id }).from(portingRequests).where(eq(portingRequests.id, job.portingRequestId)).for("update");
    const [failed] = await tx
      .update(scheduledCompletions)
      .set({ state: "failed", lastError: reason, endedAt: sql`now()`, lockedUntil: null })
      .where(and(eq(scheduledCompletions.id, job.id), eq(scheduledCompletions.attempts, job.attempts), eq(scheduledCompletions.state, "pending")))
      .returning({ id: scheduledCompletions.id });
    if (!failed) return false;
    await clearScheduledMoment(tx, job.portingRequestId);
    return true;
  });
}

/** Rows that used every attempt without completing (the database kept failing): `failed`, never tried again. */
async function failExhausted(db: Db, max: number): Promise<void> {
  const exhausted = await db
    .select()
    .from(scheduledCompletions)
    .where(
      and(
        eq(scheduledCompletions.state, "pending"),
        sql`${scheduledCompletions.attempts} >= ${max}`,
        or(isNull(scheduledCompletions.lockedUntil), lt(scheduledCompletions.lockedUntil, sql`now()`)),
      ),
    )
    .limit(20);
  for (const job of exhausted) {
    await failCompletion(db, job, `${job.lastError ?? "The completion did not finish."} No attempts were left: complete the request by hand.`);
  }
}

// No "server-only": the notification worker (scripts/worker.ts, plain Node) runs the sandbox's
// simulated provider and support (lib/porting/sandbox-worker.ts).
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { portingRequestNumbers, portingRequests, type PortingRequest } from "@/db/schema";
import type { SystemActor } from "@/lib/auth/actor";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { applyTransition } from "./apply-transition";
import { requestNumbers, resolveRejection } from "./rejection";
import {
  SANDBOX_ACTOR_NAME,
  SANDBOX_DELAY_DAYS,
  SANDBOX_REJECTION,
  SANDBOX_SCENARIOS,
  nextSandboxStatus,
  sandboxStepReason,
  scenarioForNumbers,
} from "./sandbox";
import { findTransitionTo } from "./transitions";
import type { PortingStatus } from "./values";

// The other side of the sandbox (DESIGN.md, Sandbox; the scenarios are data in sandbox.ts): a
// sandbox request whose numbers include a magic number moves one step once it has been
// `stepSeconds` in its current status, exactly as support would move it: through applyTransition,
// the one writer of a status, so the history, the status email, the signed callback, the
// webhook endpoints' deliveries and the event stream all happen for real.
//
// Safe with any number of workers and crashes: a round claims due rows with FOR UPDATE SKIP
// LOCKED (two workers never take one row; a row stepped and committed by one is no longer due for
// the other, whose locking read re-checks it), and every step is one transaction (a savepoint
// within the round's), so a crash rolls back to the last committed step and the next round takes
// it again. A step whose rules refuse it (cannot happen while the scenarios follow the transition
// table) is rolled back alone and logged.

export const SANDBOX_ACTOR: SystemActor = { role: "system", userId: null, name: SANDBOX_ACTOR_NAME };

export type SandboxStep =
  | { result: "stepped"; portingRequestId: string; reference: string; from: PortingStatus; to: PortingStatus }
  | { result: "refused"; portingRequestId: string; error: string };

/** The statuses from which some scenario still has a step, per magic number: the claim's filter. */
function dueCondition(): SQL {
  const pairs = SANDBOX_SCENARIOS.map((scenario) => {
    const from: PortingStatus[] = ["requested", ...scenario.steps.slice(0, -1)];
    return sql`(${portingRequestNumbers.number} = ${scenario.number} and ${inArray(portingRequests.status, from)})`;
  });
  return sql`exists (select 1 from ${portingRequestNumbers}
    where ${portingRequestNumbers.portingRequestId} = ${portingRequests.id} and (${sql.join(pairs, sql` or `)}))`;
}

/** A calendar date in Amsterdam, `days` from now (the NL first possible porting date). */
function amsterdamDate(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/**
 * One round: claims up to `limit` due sandbox requests and moves each one step, in one
 * transaction with a savepoint per step. Returns what happened (empty: nothing was due).
 */
export async function runSandboxRound(db: Db, options: { stepSeconds: number; limit?: number }): Promise<SandboxStep[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(portingRequests)
      .where(
        and(
          eq(portingRequests.sandbox, true),
          inArray(portingRequests.status, ["requested", "in_progress", "delayed"]),
          sql`${portingRequests.statusChangedAt} <= now() - ${options.stepSeconds}::float8 * interval '1 second'`,
          dueCondition(),
        ),
      )
      .orderBy(asc(portingRequests.statusChangedAt), asc(portingRequests.id))
      .limit(options.limit ?? 20)
      .for("update", { skipLocked: true });
    const steps: SandboxStep[] = [];
    for (const request of due) {
      try {
        const step = await tx.transaction((savepoint) => stepOnce(savepoint, request));
        if (step) steps.push(step);
      } catch (error) {
        steps.push({ result: "refused", portingRequestId: request.id, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return steps;
  });
}

/** Runs rounds until nothing more is due now. */
export async function runSandboxSteps(db: Db, options: { stepSeconds: number; limit?: number }): Promise<SandboxStep[]> {
  const all: SandboxStep[] = [];
  const limit = options.limit ?? 20;
  for (;;) {
    const steps = await runSandboxRound(db, { ...options, limit });
    all.push(...steps);
    if (steps.filter((s) => s.result === "stepped").length < limit) return all;
  }
}

async function stepOnce(tx: Tx, request: PortingRequest): Promise<SandboxStep | null> {
  const numbers = await requestNumbers(tx, request.id);
  const scenario = scenarioForNumbers(numbers);
  const to = scenario ? nextSandboxStatus(scenario, request.status) : null;
  if (!scenario || !to) return null;
  // Support's row of the table: the simulated support accepts, delays, marks ready, rejects and completes.
  const transition = findTransitionTo(to, request.status, request.country, "support");
  if (!transition) throw new Error(`the transition table has no step from ${request.status} to ${to} in ${request.country}`);

  const firstPossiblePortingDate = transition.needsFirstPossibleDate ? amsterdamDate(SANDBOX_DELAY_DAYS) : null;
  let rejection = null;
  if (to === "blocked") {
    const errors: FieldErrors = {};
    rejection = await resolveRejection(tx, request, [{ code: SANDBOX_REJECTION.code, numbers: [scenario.number] }], errors);
    if (!rejection) throw new ValidationError(errors);
  }
  await applyTransition(tx, {
    request,
    transition,
    actor: SANDBOX_ACTOR,
    reason: sandboxStepReason(to, firstPossiblePortingDate),
    firstPossiblePortingDate,
    rejection,
  });
  return { result: "stepped", portingRequestId: request.id, reference: request.reference, from: request.status, to };
}

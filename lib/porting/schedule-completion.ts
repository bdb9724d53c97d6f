import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db, type Tx } from "@/db";
import { portingRequests, scheduledCompletions, type PortingRequest } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { currentRequestId } from "@/lib/observability/request-context";
import { isUuid } from "@/lib/shared/ids";
import { parseInput } from "@/lib/shared/validation";
import { conflictDetails } from "./apply-transition";
import { countryNameInText } from "./countries";
import type { PortingRequestDto } from "./dto";
import { loadPortingRequestDto, tenantCondition } from "./queries";
import { clearScheduledMoment, endPendingSchedule } from "./schedule-rows";
import {
  cancelScheduleSchema,
  completionMayBeScheduled,
  formatPortingMoment,
  portingMomentProblem,
  scheduleCompletionSchema,
  type CancelScheduleInput,
  type ScheduleCompletionInput,
} from "./scheduling";
import { statusLabel } from "./statuses";
import { NOTIFY_CHANNEL } from "./outbox";

// Support confirms the porting moment of a non-NL request (issue 14 item 5), or takes it back.
// One transaction each: lock the request within the tenant, check the role (403), the table (409:
// only when support may complete it) and the moment (422), then end the previous schedule, set the
// moment the request shows and queue the job the worker completes it with
// (lib/porting/scheduled-completions.ts). Not a status change: no email or callback (the spec's
// notifications are status updates); the customer sees the moment on the page and in the GET JSON,
// and the completion at that moment notifies as every completion does.
// The two verbs share one file: they are each other's undo and share the lock and the checks.

export async function scheduleCompletion(actor: Actor, input: ScheduleCompletionInput, db: Db = getDb()): Promise<PortingRequestDto> {
  if (actor.role !== "support") throw new ForbiddenError("Confirming a porting moment is for support only.");
  const data = parseInput(scheduleCompletionSchema, input);
  if (!isUuid(data.id)) throw new NotFoundError("porting request");
  const portingAt = new Date(data.portingAt);

  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, actor, data.id);
    if (!completionMayBeScheduled(request)) throw notSchedulable(request, actor);
    checkVersion(request, actor, data.expectedVersion);
    const problem = portingMomentProblem(portingAt);
    if (problem) throw new ValidationError({ portingAt: [problem] });

    const updated = await writeSchedule(tx, request, portingAt, actor);
    return loadPortingRequestDto(tx, actor, updated);
  });
}

export async function cancelScheduledCompletion(actor: Actor, input: CancelScheduleInput, db: Db = getDb()): Promise<PortingRequestDto> {
  if (actor.role !== "support") throw new ForbiddenError("Cancelling a porting moment is for support only.");
  const data = parseInput(cancelScheduleSchema, input);
  if (!isUuid(data.id)) throw new NotFoundError("porting request");

  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, actor, data.id);
    checkVersion(request, actor, data.expectedVersion);
    if (request.scheduledPortingAt === null) {
      throw new ConflictError(`No porting moment is confirmed for this request (it is ${statusLabel(request.status)}).`, conflictDetails(request, actor));
    }
    await endPendingSchedule(tx, request.id, `Cancelled by ${actor.name}.`);
    await clearScheduledMoment(tx, request.id);
    const [updated] = await tx.select().from(portingRequests).where(eq(portingRequests.id, request.id));
    return loadPortingRequestDto(tx, actor, updated!);
  });
}

/**
 * Ends the request's previous schedule, queues the job and sets the moment the request shows.
 * The caller has locked the request and checked the rules (tests use it to put a moment seconds
 * ahead at any time of day, which the 06:00–20:00 UTC rule would refuse at night).
 */
export async function writeSchedule(
  tx: Tx,
  request: PortingRequest,
  portingAt: Date,
  by: { userId: string | null; name: string },
): Promise<PortingRequest> {
  await endPendingSchedule(tx, request.id, `Replaced by ${formatPortingMoment(portingAt)} (${by.name}).`);
  await tx.insert(scheduledCompletions).values({
    portingRequestId: request.id,
    accountId: request.accountId,
    portingAt,
    scheduledByUserId: by.userId,
    scheduledByName: by.name,
    requestId: currentRequestId(),
  });
  const [updated] = await tx
    .update(portingRequests)
    .set({ scheduledPortingAt: portingAt, version: sql`${portingRequests.version} + 1`, updatedAt: sql`now()` })
    .where(eq(portingRequests.id, request.id))
    .returning();
  if (!updated) throw new NotFoundError("porting request");
  // Workers recompute when the next completion is due (they also poll).
  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${request.id})`);
  return updated;
}

/** The request within the actor's scope, locked for this transaction (a completion or status change waits, and vice versa). */
async function lockRequest(tx: Tx, actor: Actor, id: string): Promise<PortingRequest> {
  const [row] = await tx
    .select()
    .from(portingRequests)
    .where(and(eq(portingRequests.id, id), tenantCondition(actor)))
    .for("update");
  if (!row) throw new NotFoundError("porting request");
  return row;
}

function checkVersion(request: PortingRequest, actor: Actor, expected: number | null | undefined) {
  if (expected != null && expected !== request.version) {
    throw new ConflictError(`This request changed meanwhile (it is now ${statusLabel(request.status)}): reload it and try again.`, conflictDetails(request, actor));
  }
}

function notSchedulable(request: PortingRequest, actor: Actor): ConflictError {
  const details = conflictDetails(request, actor);
  if (request.country === "NL") {
    return new ConflictError(
      `A porting moment is not confirmed for requests from ${countryNameInText("NL")}: the current provider sets the date, and the customer performs the porting once the request is Ready to be ported.`,
      details,
    );
  }
  return new ConflictError(
    `A porting moment can be confirmed while the request is In progress; it is ${statusLabel(request.status)}.`,
    details,
  );
}

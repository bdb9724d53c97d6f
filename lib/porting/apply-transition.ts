// No "server-only": the notification worker (scripts/worker.ts, plain Node) completes requests at
// their confirmed porting moment through this (lib/porting/scheduled-completions.ts).
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import {
  portingRequestEvents,
  portingRequestNumbers,
  portingRequests,
  voiceNumbers,
  type PortingRequest,
} from "@/db/schema";
import type { Actor, SystemActor } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { formatNumber } from "./numbers";
import type { StoredRejection } from "./rejection-codes";
import { enqueueStatusNotifications } from "./notify";
import { endPendingSchedule } from "./schedule-rows";
import { adjustStatusCounts } from "./status-counts";
import { isFinalStatus, statusLabel } from "./statuses";
import { allowedActions, type Transition } from "./transitions";

// The shared core of every status change (STYLE.md habit 5): a guarded UPDATE, the history row,
// the counts, the numbers and the notifications, all in the caller's transaction. Zero rows from
// the guarded UPDATE means someone else changed the request first: a conflict, never a second
// history entry.

export type ApplyTransitionInput = {
  /** The request as read in this transaction, within the actor's scope; `status` was checked against `transition`. */
  request: PortingRequest;
  transition: Transition;
  /** The platform itself (SystemActor) completes a request at its confirmed porting moment. */
  actor: Actor | SystemActor;
  reason: string;
  /** Only stored when the transition asks for it (delay). */
  firstPossiblePortingDate: string | null;
  /** When given, the change also requires this version (the page the user looked at). */
  expectedVersion?: number;
  /** A rejection's codes and the profile as it was; the database requires it for Blocked. */
  rejection?: StoredRejection | null;
};

export function conflictDetails(request: Pick<PortingRequest, "status" | "country" | "version">, actor: Actor | SystemActor) {
  return {
    currentStatus: request.status,
    // The platform acts where support would (a scheduled completion).
    allowedActions: allowedActions(request, actor.role === "system" ? "support" : actor.role),
    version: request.version,
  };
}

export async function applyTransition(tx: Tx, input: ApplyTransitionInput): Promise<PortingRequest> {
  const { request, transition, actor, reason } = input;
  const from = request.status;
  if (!transition.from.includes(from)) {
    throw new Error(`applyTransition: ${transition.action} does not start from ${from}`);
  }
  const setsDate = transition.needsFirstPossibleDate;

  // The guard is `status IN (transition.from)` narrowed to the one status this request was
  // checked in: the history row and the counts record that exact from-status, so a concurrent
  // move between two allowed from-statuses (delay vs. mark ready) must lose as well.
  const [updated] = await tx
    .update(portingRequests)
    .set({
      status: transition.to,
      statusReason: reason,
      version: sql`${portingRequests.version} + 1`,
      statusChangedAt: sql`now()`,
      updatedAt: sql`now()`,
      // A confirmed porting moment belongs to the status it was confirmed in (a database check says so).
      scheduledPortingAt: null,
      ...(setsDate ? { firstPossiblePortingDate: input.firstPossiblePortingDate } : {}),
    })
    .where(
      and(
        eq(portingRequests.id, request.id),
        eq(portingRequests.status, from),
        input.expectedVersion !== undefined ? eq(portingRequests.version, input.expectedVersion) : undefined,
      ),
    )
    .returning();

  if (!updated) {
    const [current] = await tx.select().from(portingRequests).where(eq(portingRequests.id, request.id)).limit(1);
    if (!current) throw new NotFoundError("porting request");
    const message =
      current.status === from
        ? `This request was changed meanwhile (it is still ${statusLabel(current.status)}): reload it and try again.`
        : `This request changed to ${statusLabel(current.status)} meanwhile.`;
    throw new ConflictError(message, conflictDetails(current, actor));
  }

  if (from === "in_progress" && request.country !== "NL") {
    // The request leaves the only status a porting moment can be confirmed in: the schedule ends
    // with it (a scheduled completion marks its own job first, so this finds nothing then). Read
    // after the guarded UPDATE, so a schedule confirmed just before is seen and ended too.
    await endPendingSchedule(tx, request.id, `The request changed to ${statusLabel(transition.to)} (${reason}).`);
  }

  if (isFinalStatus(transition.to)) {
    // Frees the numbers for a new request: the partial unique index covers open rows only.
    await tx
      .update(portingRequestNumbers)
      .set({ open: false })
      .where(eq(portingRequestNumbers.portingRequestId, request.id));
  }

  // A sandbox request never touches real voice numbers (DESIGN.md, Sandbox): its completion is
  // the status, the history and the notifications only.
  if (transition.to === "completed" && !request.sandbox) {
    await assignNumbersToVoiceAccount(tx, updated, request, actor);
  }

  const [event] = await tx
    .insert(portingRequestEvents)
    .values({
      portingRequestId: request.id,
      fromStatus: from,
      toStatus: transition.to,
      reason,
      firstPossiblePortingDate: setsDate ? input.firstPossiblePortingDate : null,
      rejection: transition.to === "blocked" ? (input.rejection ?? null) : null,
      actorUserId: actor.userId,
      actorRole: actor.role,
      actorName: actor.name,
    })
    .returning({ id: portingRequestEvents.id, createdAt: portingRequestEvents.createdAt });
  if (!event) throw new Error("applyTransition: history insert returned no row");

  // porting_request_counts holds live requests only (the Sandbox tab counts its own rows).
  if (from !== transition.to && !request.sandbox) {
    await adjustStatusCounts(tx, request.accountId, { [from]: -1, [transition.to]: 1 });
  }

  // Notifications: enqueued here, in this transaction (see issue: notifications)
  await enqueueStatusNotifications(tx, {
    eventId: event.id,
    portingRequestId: request.id,
    accountId: request.accountId,
    reference: request.reference,
    fromStatus: from,
    toStatus: transition.to,
    reason,
    firstPossiblePortingDate: updated.firstPossiblePortingDate,
    actor: { userId: actor.userId, role: actor.role, name: actor.name },
    at: event.createdAt,
  });

  return updated;
}

/**
 * Completion puts every number of the request on the account's voice numbers, with the request's
 * distribution group. A number already on a voice account (voice_numbers is unique per number)
 * fails the whole transition: the thrown conflict rolls back the status change too.
 */
async function assignNumbersToVoiceAccount(tx: Tx, updated: PortingRequest, before: PortingRequest, actor: Actor | SystemActor) {
  const numbers = await tx
    .select({ number: portingRequestNumbers.number, type: portingRequestNumbers.type })
    .from(portingRequestNumbers)
    .where(eq(portingRequestNumbers.portingRequestId, updated.id))
    .orderBy(asc(portingRequestNumbers.position));
  if (numbers.length === 0) return;
  const inserted = await tx
    .insert(voiceNumbers)
    .values(
      numbers.map((n) => ({
        accountId: updated.accountId,
        number: n.number,
        type: n.type,
        distributionGroupId: updated.distributionGroupId,
        portingRequestId: updated.id,
      })),
    )
    .onConflictDoNothing({ target: voiceNumbers.number })
    .returning({ number: voiceNumbers.number });
  if (inserted.length === numbers.length) return;
  const done = new Set(inserted.map((i) => i.number));
  const taken = numbers.map((n) => n.number).filter((n) => !done.has(n));
  const list = taken.map(formatNumber).join(", ");
  throw new ConflictError(
    `The request can't be completed: ${list} ${taken.length === 1 ? "is" : "are"} already on a voice account. Nothing was changed.`,
    { ...conflictDetails(before, actor), numbersOnVoiceAccount: taken },
  );
}

import "server-only";
import { getDb, type Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldErrors } from "@/lib/errors";
import { applyTransition, conflictDetails } from "./apply-transition";
import type { PortingRequestDto } from "./dto";
import { getPortingRequestRowForActor, loadPortingRequestDto } from "./queries";
import { isUuid } from "@/lib/shared/ids";
import { REASON_REQUIRED, transitionPortingRequestSchema, type TransitionPortingRequestInput } from "./schemas";
import { parseInput } from "@/lib/shared/validation";
import { resolveRejection } from "./rejection";
import { statusLabel } from "./statuses";
import {
  ACTION_LABELS,
  TRANSITIONS,
  countryMatches,
  findTransition,
  findTransitionTo,
  roleMayReachStatus,
  roleMayTakeAction,
  type Transition,
} from "./transitions";
import { countryNameInText } from "./countries";

// Every status change: support's accept / reject / delay / mark ready / complete, and the
// customer's perform and cancel (thin wrappers in their own files). One transaction: read within
// the tenant, check the role (403) and the table (409), validate the reason and date (422), then
// the guarded update and everything that goes with it (apply-transition.ts).

/** Dutch calendar dates: the first possible porting date comes from a Dutch operator (NL flow only). */
export function todayInAmsterdam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export async function transitionPortingRequest(
  actor: Actor,
  input: TransitionPortingRequestInput,
  db: Db = getDb(),
): Promise<PortingRequestDto> {
  const data = parseInput(transitionPortingRequestSchema, input);

  // The role check needs no data and reveals nothing, so it comes before the tenant lookup.
  if (data.action && !roleMayTakeAction(data.action, actor.role)) {
    throw new ForbiddenError(`${ACTION_LABELS[data.action]} is for ${actor.role === "customer" ? "support" : "customers"} only.`);
  }
  if (data.to && !roleMayReachStatus(data.to, actor.role)) {
    throw new ForbiddenError(`You can't move a request to ${statusLabel(data.to)}.`);
  }
  if (!isUuid(data.id)) throw new NotFoundError("porting request");

  return db.transaction(async (tx) => {
    const request = await getPortingRequestRowForActor(tx, actor, data.id);
    const transition = data.action
      ? findTransition(data.action, request.status, request.country, actor.role)
      : data.to
        ? findTransitionTo(data.to, request.status, request.country, actor.role)
        : undefined;
    if (!transition) throw notAllowedNow(request, actor, data.action ?? null, data.to ?? null);

    if (data.expectedVersion != null && data.expectedVersion !== request.version) {
      throw new ConflictError(
        `This request changed meanwhile (it is now ${statusLabel(request.status)}): reload it and try again.`,
        conflictDetails(request, actor),
      );
    }

    const errors: FieldErrors = {};
    const reason = resolveReason(transition, data.reason ?? null, errors);
    const date = resolveFirstPossibleDate(transition, data.firstPossiblePortingDate ?? null, errors);
    let rejection = null;
    if (transition.to === "blocked") {
      rejection = await resolveRejection(tx, request, data.rejectionCodes ?? null, errors);
    } else if (data.rejectionCodes && data.rejectionCodes.length > 0) {
      errors.rejectionCodes = ["Rejection codes go with a rejection only (to: blocked): leave them out."];
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const updated = await applyTransition(tx, {
      request,
      transition,
      actor,
      reason,
      firstPossiblePortingDate: date,
      rejection,
      ...(data.expectedVersion != null ? { expectedVersion: data.expectedVersion } : {}),
    });
    return loadPortingRequestDto(tx, actor, updated);
  });
}

function resolveReason(transition: Transition, given: string | null, errors: FieldErrors): string {
  const reason = given?.trim() ?? "";
  if (reason) return reason;
  if (transition.needsReason || !transition.defaultReason) {
    errors.reason = [REASON_REQUIRED];
    return "";
  }
  return transition.defaultReason;
}

function resolveFirstPossibleDate(transition: Transition, given: string | null, errors: FieldErrors): string | null {
  if (!transition.needsFirstPossibleDate) return null;
  if (!given) {
    errors.firstPossiblePortingDate = ["Give the first possible porting date (YYYY-MM-DD) proposed by the current provider."];
    return null;
  }
  if (given < todayInAmsterdam()) {
    errors.firstPossiblePortingDate = ["The first possible porting date can't be in the past."];
    return null;
  }
  return given;
}

function notAllowedNow(
  request: Parameters<typeof conflictDetails>[0],
  actor: Actor,
  action: Transition["action"] | null,
  to: Transition["to"] | null,
): ConflictError {
  const details = conflictDetails(request, actor);
  const what = action ? ACTION_LABELS[action] : `Moving to ${statusLabel(to ?? request.status)}`;
  const rows = TRANSITIONS.filter((t) => t.role === actor.role && (action ? t.action === action : t.to === to));
  const here = rows.filter((t) => countryMatches(t.countries, request.country));
  let message: string;
  if (here.length > 0) {
    // A matter of status: say from which statuses it does work, so the next step is clear.
    const from = [...new Set(here.flatMap((t) => t.from))].map(statusLabel).join(" or ");
    message = `${what} is not possible now: the request is ${statusLabel(request.status)}. It is possible when the request is ${from}.`;
  } else {
    // A matter of country: waiting will not help.
    message = `${what} is not available for requests from ${countryNameInText(request.country)}.`;
  }
  return new ConflictError(message, details);
}

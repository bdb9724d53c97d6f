import type { PortingRequest, PortingRequestEvent, PortingRequestNumber } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { describeRejectionCodes, type RejectionCodeDetail } from "./rejection-codes";
import { isFinalStatus, statusLabel } from "./statuses";
import { allowedActions, type TransitionAction } from "./transitions";
import type { ActorRole, ContractScenario, NumberType, PortingStatus } from "./values";

// What a verb returns and what `GET /api/v1/porting-requests/{id}` (and so every callback body)
// shows: never a raw row. Timestamps are ISO 8601 UTC strings; `firstPossiblePortingDate` is a
// calendar date; ids are UUIDs and people read the reference.

export type PortingRequestHistoryEntry = {
  from: PortingStatus | null;
  to: PortingStatus;
  reason: string;
  firstPossiblePortingDate: string | null;
  actor: { role: ActorRole; name: string };
  at: string;
};

export type PortingRequestDto = {
  id: string;
  reference: string;
  /** The customer's own reference (a purchase order, a ticket); null when none was given. */
  customerReference: string | null;
  accountId: string;
  accountName?: string;
  status: PortingStatus;
  statusLabel: string;
  statusReason: string;
  country: string;
  numberType: NumberType;
  companyProfileId: string;
  phoneNumbers: { number: string; type: NumberType }[];
  currentProvider: string;
  preferredPortingDate: string | null;
  firstPossiblePortingDate: string | null;
  /** Outside NL: the porting moment support confirmed; the request completes by itself then. */
  scheduledPortingAt: string | null;
  contractScenario: ContractScenario | null;
  distributionGroupId: string | null;
  callbackUrl: string | null;
  comment: string | null;
  version: number;
  /** What this caller may do now (buttons, API hints); from the transition table. */
  allowedActions: TransitionAction[];
  history: PortingRequestHistoryEntry[];
  /** Blocked: why, as codes with what to fix (lib/porting/rejection-codes.ts); empty otherwise. */
  rejectionCodes: RejectionCodeDetail[];
  /** The Blocked request this one corrects, and the corrected request made from this one. */
  resubmissionOf: RequestLink | null;
  resubmittedAs: RequestLink | null;
  createdAt: string;
  updatedAt: string;
  statusChangedAt: string;
  /**
   * Support asked the customer for information and waits for the reply ("waiting for you" on the
   * customer's pages). A flag beside the status, never a status (DESIGN.md); false once final.
   */
  waitingForCustomer: boolean;
  /** A request of the account's sandbox (made with a test key; DESIGN.md, Sandbox). */
  sandbox: boolean;
};

export type RequestLink = { id: string; reference: string };

/** A row of the list: the request without its history, with the first few numbers. */
export type PortingRequestListItemDto = Omit<
  PortingRequestDto,
  "history" | "phoneNumbers" | "callbackUrl" | "comment" | "rejectionCodes" | "resubmissionOf" | "resubmittedAs"
> & {
  numberCount: number;
  /** Up to `LIST_NUMBER_PREVIEW` numbers, in the order they were given. */
  phoneNumbers: string[];
};

export const LIST_NUMBER_PREVIEW = 3;

/**
 * A timestamp as a row holds it: a Date when drizzle read the row (a verb's own transaction), or
 * already the ISO 8601 text the JSON shows when PostgreSQL wrote it (lib/porting/request-parts.ts).
 */
type Instant = Date | string;
type WithInstants<T> = { [K in keyof T]: T[K] extends Date ? Instant : T[K] extends Date | null ? Instant | null : T[K] };

/** The request's own row as the DTO reads it: a drizzle row, or its JSON from request-parts.ts. */
export type DtoRequest = WithInstants<PortingRequest>;

export type PortingRequestParts = {
  request: DtoRequest;
  accountName?: string;
  numbers: readonly Pick<PortingRequestNumber, "number" | "type" | "position">[];
  events: readonly (WithInstants<
    Pick<PortingRequestEvent, "id" | "fromStatus" | "toStatus" | "reason" | "firstPossiblePortingDate" | "actorRole" | "actorName" | "createdAt">
  > &
    Partial<Pick<PortingRequestEvent, "rejection">>)[];
  /** The requests linked by a resubmission (lib/porting/request-parts.ts); absent reads as none. */
  links?: { resubmissionOf: RequestLink | null; resubmittedAs: RequestLink | null } | null;
};

const iso = (instant: Instant) => (typeof instant === "string" ? instant : instant.toISOString());

function common(request: DtoRequest, actor: Actor, accountName: string | undefined) {
  return {
    id: request.id,
    reference: request.reference,
    customerReference: request.customerReference,
    accountId: request.accountId,
    ...(accountName !== undefined ? { accountName } : {}),
    status: request.status,
    statusLabel: statusLabel(request.status),
    statusReason: request.statusReason,
    country: request.country,
    numberType: request.numberType,
    companyProfileId: request.companyProfileId,
    currentProvider: request.currentProvider,
    preferredPortingDate: request.preferredPortingDate ? iso(request.preferredPortingDate) : null,
    firstPossiblePortingDate: request.firstPossiblePortingDate,
    scheduledPortingAt: request.scheduledPortingAt ? iso(request.scheduledPortingAt) : null,
    contractScenario: request.contractScenario,
    distributionGroupId: request.distributionGroupId,
    version: request.version,
    allowedActions: allowedActions(request, actor.role),
    createdAt: iso(request.createdAt),
    updatedAt: iso(request.updatedAt),
    statusChangedAt: iso(request.statusChangedAt),
    waitingForCustomer: request.waitingForCustomerSince !== null && !isFinalStatus(request.status),
    sandbox: request.sandbox,
  };
}

export function toPortingRequestDto(parts: PortingRequestParts, actor: Actor): PortingRequestDto {
  const { request } = parts;
  // A Blocked request is final, so its last event is the rejection with its codes.
  const rejection = request.status === "blocked" ? parts.events.findLast((e) => e.toStatus === "blocked")?.rejection : null;
  // Added to common's object rather than spread into a new literal: V8 copied the spread through a
  // slow path (a list of 50 spent 4 ms building DTOs and their JSON; 0.3 ms this way, bench/README.md).
  return Object.assign(common(request, actor, parts.accountName), {
    phoneNumbers: [...parts.numbers]
      .sort((a, b) => a.position - b.position)
      .map((n) => ({ number: n.number, type: n.type })),
    callbackUrl: request.callbackUrl,
    comment: request.comment,
    history: [...parts.events]
      .sort((a, b) => a.id - b.id)
      .map((e) => ({
        from: e.fromStatus,
        to: e.toStatus,
        reason: e.reason,
        firstPossiblePortingDate: e.firstPossiblePortingDate,
        actor: { role: e.actorRole, name: e.actorName },
        at: iso(e.createdAt),
      })),
    rejectionCodes: rejection ? describeRejectionCodes(rejection.codes) : [],
    resubmissionOf: parts.links?.resubmissionOf ?? null,
    resubmittedAs: parts.links?.resubmittedAs ?? null,
  });
}

export function toPortingRequestListItemDto(
  request: DtoRequest,
  extra: { accountName?: string; numberCount: number; phoneNumbers: string[] },
  actor: Actor,
): PortingRequestListItemDto {
  return Object.assign(common(request, actor, extra.accountName), {
    numberCount: extra.numberCount,
    phoneNumbers: extra.phoneNumbers.slice(0, LIST_NUMBER_PREVIEW),
  });
}

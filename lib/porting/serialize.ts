import type { PortingRequestDto } from "./dto";
import { REJECTION_CODE_LIST, type RejectionTarget } from "./rejection-codes";
import type { CountryCode } from "./values";

// A porting request as its public JSON: the GET answer of the API and, byte for byte, every
// callback body (the status change serializes it inside its own transaction, lib/porting/notify.ts).
// It lives in the domain because the domain sends it; lib/api documents it (lib/api/schemas.ts
// `PortingRequest`) and checks at compile time that the two agree (lib/api/serializers.ts).
// Fields are picked one by one (never spread), so a field added to the DTO for a page never leaks
// into the public contract by accident. Pure and client-safe.

export function portingRequestJson(dto: PortingRequestDto) {
  return {
    id: dto.id,
    reference: dto.reference,
    customerReference: dto.customerReference,
    status: dto.status,
    statusLabel: dto.statusLabel,
    statusReason: dto.statusReason,
    country: dto.country as CountryCode,
    numberType: dto.numberType,
    companyProfileId: dto.companyProfileId,
    phoneNumbers: dto.phoneNumbers.map((n) => ({ number: n.number, type: n.type })),
    currentProvider: dto.currentProvider,
    preferredPortingDate: dto.preferredPortingDate,
    firstPossiblePortingDate: dto.firstPossiblePortingDate,
    scheduledPortingAt: dto.scheduledPortingAt,
    contractScenario: dto.contractScenario,
    distributionGroupId: dto.distributionGroupId,
    callbackUrl: dto.callbackUrl,
    comment: dto.comment,
    allowedActions: [...dto.allowedActions],
    history: dto.history.map((h) => ({
      from: h.from,
      to: h.to,
      reason: h.reason,
      firstPossiblePortingDate: h.firstPossiblePortingDate,
      actor: { role: h.actor.role, name: h.actor.name },
      at: h.at,
    })),
    rejectionCodes: dto.rejectionCodes.map((c) => ({
      code: c.code,
      label: c.label,
      description: c.description,
      pointsAt: rejectionTargetJson(c.pointsAt),
      numbers: [...c.numbers],
    })),
    resubmissionOf: dto.resubmissionOf ? { id: dto.resubmissionOf.id, reference: dto.resubmissionOf.reference } : null,
    resubmittedAs: dto.resubmittedAs ? { id: dto.resubmittedAs.id, reference: dto.resubmittedAs.reference } : null,
    accountId: dto.accountId,
    accountName: dto.accountName ?? "",
    version: dto.version,
    createdAt: dto.createdAt,
    updatedAt: dto.updatedAt,
    statusChangedAt: dto.statusChangedAt,
    waitingForCustomer: dto.waitingForCustomer,
    sandbox: dto.sandbox,
  };
}

export type PortingRequestJson = ReturnType<typeof portingRequestJson>;

/** What a rejection code points at, as the API shows it (GET /rejection-codes and the request's `rejectionCodes`). */
export function rejectionTargetJson(target: RejectionTarget) {
  switch (target.type) {
    case "company_profile":
      return { type: target.type, fields: [...target.fields] };
    case "document":
      return { type: target.type, documentKind: target.documentKind };
    default:
      return { type: target.type };
  }
}

/** The callback body and the GET body, as the exact bytes sent. */
export function portingRequestBody(dto: PortingRequestDto): string {
  return JSON.stringify(portingRequestJson(dto));
}

/** GET /api/v1/rejection-codes: the catalogue, in order. */
export function rejectionCodesJson() {
  return {
    data: REJECTION_CODE_LIST.map((c) => ({ code: c.code, label: c.label, description: c.description, pointsAt: rejectionTargetJson(c.pointsAt) })),
  };
}

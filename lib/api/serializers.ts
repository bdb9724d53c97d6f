import type { CompanyProfileDto } from "@/lib/company-profiles/dto";
import type { DistributionGroupDto } from "@/lib/distribution-groups/dto";
import { COUNTRY_LIST, publicCountryRequirements } from "@/lib/porting/countries";
import type { PortingRequestJson as DomainPortingRequestJson } from "@/lib/porting/serialize";
import { STATUS_LIST, statusDescription } from "@/lib/porting/statuses";
import type { CountryCode } from "@/lib/porting/values";
import type { RequestNotifications } from "@/lib/notifications/queries";
import type { ResendResult } from "@/lib/notifications/resend-callback";
import type { VoiceNumberDto } from "@/lib/voice-numbers/dto";
import type { RequestNotificationsJson, ResendResultJson } from "./notification-schemas";
import type {
  CompanyProfileJson,
  CountryJson,
  CountryRequirementsJson,
  DistributionGroupJson,
  PortingRequestJson,
  StatusJson,
  VoiceNumberJson,
} from "./schemas";

// Where a domain DTO becomes API JSON. Fields are picked one by one (never spread), so a field
// added to a DTO for a page never leaks into the public contract by accident, and the TypeScript
// types from lib/api/schemas.ts keep each serializer and its documented schema in step. Pure and
// client-safe. A porting request's JSON is the domain's own (lib/porting/serialize.ts), because
// every status change sends it as the callback body; the line below holds it to the document.

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _portingRequestJsonIsDocumented: Same<DomainPortingRequestJson, PortingRequestJson> = true;

export function companyProfileJson(dto: CompanyProfileDto): CompanyProfileJson {
  return {
    id: dto.id,
    name: dto.name,
    companyName: dto.companyName,
    registrationNumber: dto.registrationNumber,
    vatNumber: dto.vatNumber,
    representativeFirstName: dto.representative.firstName,
    representativeLastName: dto.representative.lastName,
    representativePhone: dto.representative.phone,
    street: dto.address.street,
    postalCode: dto.address.postalCode,
    city: dto.address.city,
    addressCountry: dto.address.country,
    country: dto.country as CountryCode,
    numberTypes: [...dto.numberTypes],
    notificationEmails: [...dto.notificationEmails],
    meetsRequirements: dto.meetsRequirements,
    missingRequirements: [...dto.missingRequirements],
    requirementProblems: dto.requirementProblems.map((p) => ({ field: p.field, message: p.message })),
    portingRequestsCount: dto.portingRequestsCount,
    createdAt: dto.createdAt,
    updatedAt: dto.updatedAt,
  };
}

export function distributionGroupJson(dto: DistributionGroupDto): DistributionGroupJson {
  return {
    id: dto.id,
    name: dto.name,
    destinations: [...dto.destinations],
    numbersCount: dto.numbersCount,
    openPortingRequestsCount: dto.openPortingRequestsCount,
    createdAt: dto.createdAt,
    updatedAt: dto.updatedAt,
  };
}

export function voiceNumberJson(dto: VoiceNumberDto): VoiceNumberJson {
  return {
    number: dto.number,
    type: dto.type,
    distributionGroupId: dto.distributionGroupId,
    portingRequestId: dto.portingRequestId,
    portingRequestReference: dto.portingRequestReference,
    createdAt: dto.createdAt,
  };
}

/** The seven statuses; with a country, each description fits that country (statusDescription). */
export function statusesJson(country: CountryCode | null = null): StatusJson[] {
  return STATUS_LIST.map((s) => ({
    id: s.id,
    label: s.label,
    description: statusDescription(s.id, country),
    countries: s.countries === "all" ? "all" : [...s.countries],
    final: s.final,
  }));
}

export function countriesJson(): CountryJson[] {
  return COUNTRY_LIST.map((c) => ({
    code: c.code,
    name: c.name,
    dialCode: c.dialCode,
    nlFlow: c.nlFlow,
    preferredDateAllowed: c.preferredDateAllowed,
    numberTypes: c.numberTypes.map((t) => ({ type: t.type, label: t.label, supported: t.supported })),
  }));
}

export function countryRequirementsJson(code: CountryCode): CountryRequirementsJson {
  const c = publicCountryRequirements(code);
  return {
    code: c.code,
    name: c.name,
    dialCode: c.dialCode,
    nlFlow: c.nlFlow,
    preferredDateAllowed: c.preferredDateAllowed,
    preferredDateNote: c.preferredDateNote,
    contractScenarios: c.contractScenarios,
    defaultContractScenario: c.defaultContractScenario,
    numberTypes: c.numberTypes.map((t) =>
      t.supported
        ? {
            type: t.type,
            supported: true as const,
            label: t.label,
            description: t.description,
            example: t.example,
            leadTime: t.leadTime,
            notes: [...t.notes],
          }
        : { type: t.type, supported: false as const, label: t.label, reason: t.reason },
    ),
    profileFields: c.profileFields.map((f) => ({
      field: f.field,
      label: f.label,
      required: f.required,
      ...(f.hint ? { hint: f.hint } : {}),
      format: f.format,
    })),
    geographicNeedsAddressInCountry: c.geographicNeedsAddressInCountry,
    addressMustBeInCountry: c.addressMustBeInCountry,
    documents: c.documents.map((d) => ({ kind: d.kind, label: d.label, required: d.required, description: d.description })),
    leadTime: c.leadTime,
    completion: c.completion,
    notes: [...c.notes],
    simplifications: [...c.simplifications],
    fixedLineOrMobileAs: c.fixedLineOrMobileAs,
  };
}

/** GET …/notifications: the page's own read, field by field (a field added for a page stays out). */
export function requestNotificationsJson(n: RequestNotifications): RequestNotificationsJson {
  return {
    requestId: n.requestId,
    reference: n.reference,
    callbackUrl: n.callbackUrl,
    events: n.events.map((e) => ({
      eventId: e.eventId,
      from: e.from,
      to: e.to,
      reason: e.reason,
      firstPossiblePortingDate: e.firstPossiblePortingDate,
      actor: { role: e.actor.role, name: e.actor.name },
      at: e.at,
      emails: e.emails.map((m) => ({
        id: m.id,
        recipients: [...m.recipients],
        subject: m.subject,
        textBody: m.textBody,
        state: m.state,
        attempts: m.attempts,
        maxAttempts: m.maxAttempts,
        lastError: m.lastError,
        notSentReason: m.notSentReason,
        nextAttemptAt: m.nextAttemptAt,
        sentAt: m.sentAt,
        createdAt: m.createdAt,
      })),
      callbacks: e.callbacks.map((c) => ({
        id: c.id,
        messageId: c.messageId,
        eventType: c.eventType,
        url: c.url,
        state: c.state,
        attempts: c.attempts,
        maxAttempts: c.maxAttempts,
        lastStatusCode: c.lastStatusCode,
        lastError: c.lastError,
        nextAttemptAt: c.nextAttemptAt,
        inFlight: c.inFlight,
        deliveredAt: c.deliveredAt,
        createdAt: c.createdAt,
        attemptLog: c.attemptLog.map((a) => ({
          attempt: a.attempt,
          startedAt: a.startedAt,
          durationMs: a.durationMs,
          statusCode: a.statusCode,
          error: a.error,
          nextAttemptAt: a.nextAttemptAt,
        })),
      })),
    })),
  };
}

export function resendResultJson(r: ResendResult): ResendResultJson {
  return { deliveryId: r.deliveryId, messageId: r.messageId, mode: r.mode };
}

import type { CompanyProfileDto } from "@/lib/company-profiles/dto";
import type { DistributionGroupDto } from "@/lib/distribution-groups/dto";
import { COUNTRY_LIST, publicCountryRequirements } from "@/lib/porting/countries";
import type { PortingRequestJson as DomainPortingRequestJson } from "@/lib/porting/serialize";
import { STATUS_LIST, statusDescription } from "@/lib/porting/statuses";
import type { CountryCode } from "@/lib/porting/values";
import type { VoiceNumberDto } from "@/lib/voice-numbers/dto";
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

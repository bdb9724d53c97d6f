import type { CompanyProfile } from "@/db/schema";
import { COUNTRIES, isCountryCode, profileFieldLabel, supportedNumberTypes, type ProfileField } from "@/lib/porting/countries";
import { checkProfileRequirements, type ProfileForRequirements, type ProfileProblem } from "@/lib/porting/profile-requirements";
import type { NumberType } from "@/lib/porting/values";

// What the company-profile verbs return, to pages and to `/api/v1/company-profiles` alike: never a
// raw row. Whether the profile "meets the requirements" is computed from the country catalogue by
// the same check a porting request runs, for every number type the profile lists.

export type RequirementField = ProfileProblem["field"];

export type CompanyProfileDto = {
  id: string;
  name: string;
  companyName: string;
  registrationNumber: string | null;
  vatNumber: string | null;
  representative: { firstName: string | null; lastName: string | null; phone: string | null };
  address: { street: string | null; postalCode: string | null; city: string | null; country: string | null };
  country: string;
  numberTypes: NumberType[];
  notificationEmails: string[];
  /** True when a porting request of every listed number type would accept this profile. */
  meetsRequirements: boolean;
  /** Every field that keeps it from meeting them (empty, wrong format or wrong country), catalogue order; empty when met. */
  missingRequirements: RequirementField[];
  /** One sentence per problem, naming the field as the country calls it. */
  requirementProblems: { field: RequirementField; message: string }[];
  /** Porting requests (in any status) that name this profile; while > 0 it cannot be deleted. */
  portingRequestsCount: number;
  createdAt: string;
  updatedAt: string;
};

export type RequirementsSummary = Pick<CompanyProfileDto, "meetsRequirements" | "missingRequirements" | "requirementProblems">;

const ORDER: readonly RequirementField[] = ["country", "numberTypes"];

/** Client-safe: the profile page runs it on the form's values as they are typed. */
export function profileRequirements(profile: ProfileForRequirements): RequirementsSummary {
  const country = profile.country;
  if (!isCountryCode(country)) {
    const message = `We don't port numbers from ${country}: choose one of the countries we port from.`;
    return { meetsRequirements: false, missingRequirements: ["country"], requirementProblems: [{ field: "country", message }] };
  }
  const problems = new Map<string, { field: RequirementField; message: string }>();
  // Without number types (a form being filled in) the fields are still checked, for every type
  // the country supports, so the page can say everything that is missing.
  const types = profile.numberTypes.length > 0 ? profile.numberTypes : supportedNumberTypes(country);
  if (profile.numberTypes.length === 0) {
    const message = "Choose at least one number type this profile is for.";
    problems.set("numberTypes", { field: "numberTypes", message });
  }
  for (const type of types) {
    for (const problem of checkProfileRequirements(profile, country, type).problems) {
      problems.set(`${problem.field}\u0000${problem.message}`, { field: problem.field, message: problem.message });
    }
  }
  // Catalogue order, so "Missing: KvK number, City" reads like the form.
  const catalogueOrder: readonly RequirementField[] = [
    ...ORDER,
    ...COUNTRIES[country].profileFields.map((f) => f.field as ProfileField),
  ];
  const rank = (field: RequirementField) => {
    const index = catalogueOrder.indexOf(field);
    return index === -1 ? catalogueOrder.length : index;
  };
  const requirementProblems = [...problems.values()].sort((a, b) => rank(a.field) - rank(b.field));
  const missingRequirements = [...new Set(requirementProblems.map((p) => p.field))];
  return { meetsRequirements: requirementProblems.length === 0, missingRequirements, requirementProblems };
}

export function toCompanyProfileDto(profile: CompanyProfile, portingRequestsCount: number): CompanyProfileDto {
  return {
    id: profile.id,
    name: profile.name,
    companyName: profile.companyName,
    registrationNumber: profile.registrationNumber,
    vatNumber: profile.vatNumber,
    representative: {
      firstName: profile.representativeFirstName,
      lastName: profile.representativeLastName,
      phone: profile.representativePhone,
    },
    address: {
      street: profile.street,
      postalCode: profile.postalCode,
      city: profile.city,
      country: profile.addressCountry,
    },
    country: profile.country,
    numberTypes: profile.numberTypes,
    notificationEmails: profile.notificationEmails,
    ...profileRequirements(profile),
    portingRequestsCount,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

/** "KvK number" for NL's registrationNumber; the scope fields by their own names. */
export function requirementFieldLabel(country: string, field: RequirementField): string {
  if (field === "country") return "Country";
  if (field === "numberTypes") return "Number types";
  return isCountryCode(country) ? profileFieldLabel(country, field) : field;
}

import type { CompanyProfile } from "@/db/schema";
import {
  COUNTRIES,
  NUMBER_TYPE_LABELS,
  countryNameInText,
  type FieldFormat,
  type ProfileField,
} from "./countries";
import type { CountryCode, NumberType } from "./values";

// "A valid company profile matching the requirements and number type" (the spec) as a real check:
// the country catalogue says which fields a country needs and in which format; this says which
// of them a given profile lacks, in words a customer can act on. Pure: usable on the profile page
// as well as when a request is created.

export type ProfileForRequirements = Pick<
  CompanyProfile,
  | "name"
  | "companyName"
  | "registrationNumber"
  | "vatNumber"
  | "representativeFirstName"
  | "representativeLastName"
  | "representativePhone"
  | "street"
  | "postalCode"
  | "city"
  | "addressCountry"
  | "country"
  | "numberTypes"
  | "notificationEmails"
>;

export type ProfileProblem = {
  /** The profile field to fix; "country" and "numberTypes" are the profile's own scope fields. */
  field: ProfileField | "country" | "numberTypes";
  kind: "missing" | "format" | "mismatch";
  message: string;
};

export type ProfileRequirementsResult = {
  ok: boolean;
  /** Required fields that are empty. */
  missing: ProfileField[];
  problems: ProfileProblem[];
};

function valueOf(profile: ProfileForRequirements, field: ProfileField): string | readonly string[] | null {
  const value = profile[field];
  if (Array.isArray(value)) return value.filter((v) => v.trim() !== "");
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

export function matchesFormat(value: string, format: FieldFormat): boolean {
  const cleaned = format.ignore ? value.replace(format.ignore, "") : value;
  return format.pattern.test(cleaned.trim());
}

export function checkProfileRequirements(
  profile: ProfileForRequirements,
  country: CountryCode,
  numberType: NumberType,
): ProfileRequirementsResult {
  const catalogue = COUNTRIES[country];
  const name = `company profile "${profile.name}"`;
  const problems: ProfileProblem[] = [];
  const missing: ProfileField[] = [];

  // A profile states the country and number types it operates; KvK numbers do not make a German
  // profile, so a profile for another country is refused rather than checked field by field.
  if (profile.country !== country) {
    problems.push({
      field: "country",
      kind: "mismatch",
      message: `The ${name} is for ${countryNameInText(profile.country)}; choose a profile for ${countryNameInText(country)}.`,
    });
    return { ok: false, missing, problems };
  }
  if (!profile.numberTypes.includes(numberType)) {
    problems.push({
      field: "numberTypes",
      kind: "mismatch",
      message: `The ${name} does not list ${NUMBER_TYPE_LABELS[numberType].toLowerCase()} numbers among the number types it operates.`,
    });
  }

  const addressCountry = valueOf(profile, "addressCountry");
  for (const requirement of catalogue.profileFields) {
    const value = valueOf(profile, requirement.field);
    const empty = value === null || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (requirement.required) {
        missing.push(requirement.field);
        problems.push({ field: requirement.field, kind: "missing", message: `${requirement.label} is missing in the ${name}.` });
      }
      continue;
    }
    // A postal code follows the format of the country its address is in; only ours are known.
    if (requirement.field === "postalCode" && addressCountry !== country) continue;
    if (requirement.format && typeof value === "string" && !matchesFormat(value, requirement.format)) {
      problems.push({
        field: requirement.field,
        kind: "format",
        message: `${requirement.label} "${value}" in the ${name} is not valid: expected ${requirement.format.description}, such as ${requirement.format.example}.`,
      });
    }
  }

  // DESIGN.md: "an address in the same area code" is shown as text and checked only as an
  // address in the country (no postal-code-to-area-code data is shipped).
  const needsDomesticAddress =
    catalogue.addressMustBeInCountry || (numberType === "geographic" && catalogue.geographicNeedsAddressInCountry);
  if (needsDomesticAddress && typeof addressCountry === "string" && addressCountry.toUpperCase() !== country) {
    const why = catalogue.addressMustBeInCountry ? "" : " for geographic numbers";
    problems.push({
      field: "addressCountry",
      kind: "mismatch",
      message: `The address of the ${name} must be in ${countryNameInText(country)}${why}; it is in ${countryNameInText(addressCountry)}.`,
    });
  }

  return { ok: problems.length === 0, missing, problems };
}

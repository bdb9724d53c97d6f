import type { CompanyProfileDto } from "@/lib/company-profiles/dto";
import type { companyProfileFields } from "@/lib/company-profiles/schemas";
import { isCountryCode } from "@/lib/porting/countries";
import type { ProfileForRequirements } from "@/lib/porting/profile-requirements";
import type { CountryCode, NumberType } from "@/lib/porting/values";

// What the profile form holds: the schema's own fields (companyProfileFields), each text field as
// the string in its input. Where it starts from (a stored profile, or defaults for a new one), and
// what the live requirements summary reads from it.

export type ProfileFormField = keyof typeof companyProfileFields.shape;
type ListField = "country" | "numberTypes" | "notificationEmails";

export type CompanyProfileFormValues = Record<Exclude<ProfileFormField, ListField>, string> & {
  country: CountryCode;
  numberTypes: NumberType[];
  notificationEmails: string[];
};

/** Every field in the order the form shows it (focus goes to the first with an error). */
export const PROFILE_FORM_FIELDS = [
  "name",
  "country",
  "numberTypes",
  "companyName",
  "registrationNumber",
  "vatNumber",
  "representativeFirstName",
  "representativeLastName",
  "representativePhone",
  "street",
  "postalCode",
  "city",
  "addressCountry",
  "notificationEmails",
] as const satisfies readonly ProfileFormField[];

// A field added to the schema and not to the form fails the type check here.
type Unplaced = Exclude<ProfileFormField, (typeof PROFILE_FORM_FIELDS)[number]>;
const everyFieldPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void everyFieldPlaced;

export function formValuesOf(profile: CompanyProfileDto): CompanyProfileFormValues {
  return {
    name: profile.name,
    companyName: profile.companyName,
    registrationNumber: profile.registrationNumber ?? "",
    vatNumber: profile.vatNumber ?? "",
    representativeFirstName: profile.representative.firstName ?? "",
    representativeLastName: profile.representative.lastName ?? "",
    representativePhone: profile.representative.phone ?? "",
    street: profile.address.street ?? "",
    postalCode: profile.address.postalCode ?? "",
    city: profile.address.city ?? "",
    addressCountry: profile.address.country ?? "",
    country: (isCountryCode(profile.country) ? profile.country : "NL") as CountryCode,
    numberTypes: profile.numberTypes,
    notificationEmails: profile.notificationEmails.length > 0 ? profile.notificationEmails : [""],
  };
}

/** A new profile: the account's country (when we port from it) and the user's own address to notify. */
export function newFormValues(accountCountry: string, email: string): CompanyProfileFormValues {
  const country: CountryCode = isCountryCode(accountCountry) ? accountCountry : "NL";
  const blank = Object.fromEntries(PROFILE_FORM_FIELDS.map((field) => [field, ""])) as Record<ProfileFormField, string>;
  return { ...blank, addressCountry: country, country, numberTypes: [], notificationEmails: [email] };
}

/** The form as it is being filled in, read as a profile by the requirements check. */
export function requirementsInput(values: Partial<CompanyProfileFormValues>, country: CountryCode): ProfileForRequirements {
  return {
    name: values.name ?? "",
    companyName: values.companyName ?? "",
    registrationNumber: values.registrationNumber ?? null,
    vatNumber: values.vatNumber ?? null,
    representativeFirstName: values.representativeFirstName ?? null,
    representativeLastName: values.representativeLastName ?? null,
    representativePhone: values.representativePhone ?? null,
    street: values.street ?? null,
    postalCode: values.postalCode ?? null,
    city: values.city ?? null,
    addressCountry: values.addressCountry || null,
    country,
    numberTypes: (values.numberTypes ?? []).filter((t): t is NumberType => typeof t === "string"),
    notificationEmails: (values.notificationEmails ?? []).filter((e): e is string => typeof e === "string"),
  };
}

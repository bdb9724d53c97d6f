import { parsePhoneNumberFromString, type CountryCode as LibCountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { COUNTRIES, numberTypeSupport, type ProfileField } from "@/lib/porting/countries";
import { matchesFormat } from "@/lib/porting/profile-requirements";
import { COUNTRY_CODES, NUMBER_TYPES, type CountryCode, type NumberType } from "@/lib/porting/values";
import { isAddressCountryCode } from "./address-countries";

// One schema for a company profile, used by the form resolver, the server actions, the REST API
// and the verbs (STYLE.md habit 2). Client-safe: no env, no database.
//
// A profile may be saved incomplete: required-by-country fields may be empty (the profile then
// does not meet the requirements and says what is missing), but a value that IS given must have
// the country's format, and there must be somewhere to send status updates.

export const MAX_NOTIFICATION_EMAILS = 10;

const LIMITS = {
  name: 100,
  companyName: 200,
  registrationNumber: 50,
  vatNumber: 50,
  representativeFirstName: 100,
  representativeLastName: 100,
  representativePhone: 40,
  street: 200,
  postalCode: 20,
  city: 100,
} as const;

/** Forms send "" for an empty optional field; the API may send null or leave it out. */
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

const optionalText = (max: number, what: string) =>
  z.preprocess(
    emptyToNull,
    z
      .string({ error: `Enter ${what} as text.` })
      .trim()
      .max(max, `Keep ${what} under ${max} characters.`)
      .nullish(),
  );

const requiredText = (max: number, missing: string, what: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Keep ${what} under ${max} characters.`);

export const notificationEmailSchema = z
  .string({ error: "Enter the email address as text." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address here, or remove this row.")
  .max(254, "An email address is at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address, such as porting@example.com." }));

/** The fields one by one, without the rules that tie them to the country (see `companyProfileSchema`). */
export const companyProfileFields = z.object({
  name: requiredText(LIMITS.name, "Give the profile a name, such as “Head office”.", "the profile name"),
  companyName: requiredText(LIMITS.companyName, "Enter the company name as registered.", "the company name"),
  registrationNumber: optionalText(LIMITS.registrationNumber, "the registration number"),
  vatNumber: optionalText(LIMITS.vatNumber, "the VAT number"),
  representativeFirstName: optionalText(LIMITS.representativeFirstName, "the first name"),
  representativeLastName: optionalText(LIMITS.representativeLastName, "the last name"),
  representativePhone: optionalText(LIMITS.representativePhone, "the phone number"),
  street: optionalText(LIMITS.street, "the street"),
  postalCode: optionalText(LIMITS.postalCode, "the postal code"),
  city: optionalText(LIMITS.city, "the city"),
  addressCountry: z.preprocess(
    emptyToNull,
    z
      .string({ error: "Choose the country of the address." })
      .trim()
      .toUpperCase()
      .refine(isAddressCountryCode, "Choose the country of the address as a two-letter code, such as NL.")
      .nullish(),
  ),
  country: z.enum(COUNTRY_CODES, { error: "Choose the country this profile ports numbers in: NL, BE, DE, GB, FR or ES." }),
  numberTypes: z
    .array(z.enum(NUMBER_TYPES, { error: "Unknown number type: use geographic, national or toll_free." }), {
      error: "Choose the number types this profile is for.",
    })
    .min(1, "Choose at least one number type this profile is for."),
  notificationEmails: z
    .array(notificationEmailSchema, { error: "Enter the notification email addresses as a list." })
    .min(1, "Add at least one notification email address: every status update is emailed there.")
    .max(MAX_NOTIFICATION_EMAILS, `At most ${MAX_NOTIFICATION_EMAILS} notification email addresses.`),
});

type Fields = z.output<typeof companyProfileFields>;

/** Fields whose value, when given, must have the country's format (from the catalogue). */
const FORMATTED_FIELDS: readonly ProfileField[] = ["registrationNumber", "vatNumber", "postalCode"];

/** The catalogue's format of a field in a country, or undefined when it has none. */
export function fieldFormat(country: CountryCode, field: ProfileField) {
  return COUNTRIES[country].profileFields.find((f) => f.field === field)?.format;
}

/** "KvK number must be 8 digits, such as 12345678." — or null when the value is fine. */
export function formatProblem(
  country: CountryCode,
  field: ProfileField,
  value: string,
  addressCountry: string | null | undefined,
): string | null {
  // A postal code has the format of the country its address is in; we know only our own.
  if (field === "postalCode" && (addressCountry ?? country).toUpperCase() !== country) return null;
  const requirement = COUNTRIES[country].profileFields.find((f) => f.field === field);
  const format = requirement?.format;
  if (!requirement || !format || matchesFormat(value, format)) return null;
  return `${requirement.label} must be ${formatExpectation(format)}.`;
}

/** "8 digits, such as 12345678" — without repeating an example the description already gives. */
export function formatExpectation(format: { description: string; example: string }): string {
  return format.description.includes(format.example) ? format.description : `${format.description}, such as ${format.example}`;
}

/** A phone number in any common format → E.164, read in the address's (else the profile's) country. */
export function parseRepresentativePhone(value: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(value.replace(/^tel:/i, ""), {
    defaultCountry: country as LibCountryCode,
    extract: false,
  });
  return parsed && parsed.isValid() && !parsed.ext ? parsed.number : null;
}

function phoneExample(country: CountryCode): string {
  const geographic = COUNTRIES[country].numberTypes.find((t) => t.type === "geographic" && t.supported);
  return geographic && geographic.supported ? geographic.example : "+31 20 123 4567";
}

const isCountry = (value: unknown): value is CountryCode =>
  typeof value === "string" && (COUNTRY_CODES as readonly string[]).includes(value);

/**
 * The rules that tie fields to the profile's country. zod runs this even when some fields failed
 * (so one round trip names every problem), hence the defensive reads.
 */
function countryRules(input: Partial<Record<keyof Fields, unknown>>, ctx: z.RefinementCtx) {
  const country = input.country;
  if (!isCountry(country)) return;
  const addressCountry = typeof input.addressCountry === "string" ? input.addressCountry : null;

  if (Array.isArray(input.numberTypes)) {
    for (const type of new Set(input.numberTypes as unknown[])) {
      if (typeof type !== "string" || !(NUMBER_TYPES as readonly string[]).includes(type)) continue;
      const support = numberTypeSupport(country, type as NumberType);
      if (!support.supported) ctx.addIssue({ code: "custom", path: ["numberTypes"], message: support.reason });
    }
  }

  for (const field of FORMATTED_FIELDS) {
    const value = input[field as keyof Fields];
    if (typeof value !== "string" || value === "") continue;
    const problem = formatProblem(country, field, value, addressCountry);
    if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
  }

  const phone = input.representativePhone;
  if (typeof phone === "string" && phone !== "" && !parseRepresentativePhone(phone, addressCountry ?? country)) {
    ctx.addIssue({
      code: "custom",
      path: ["representativePhone"],
      message: `Enter a valid phone number, such as ${phoneExample(country)}.`,
    });
  }
}

const collapse = (value: string | null | undefined) => (value ? value.replace(/\s+/g, " ") : null);

/** "3412 3456" → "34123456": the separators the country's format ignores are dropped when stored. */
function withoutIgnored(country: CountryCode, field: ProfileField, value: string | null | undefined): string | null {
  const format = fieldFormat(country, field);
  const cleaned = format?.ignore ? value?.replace(format.ignore, "") : collapse(value);
  return cleaned ? cleaned.toUpperCase() : null;
}

/** Stored forms: phone in E.164, postal code and VAT number upper case, lists de-duplicated in a stable order. */
function normalise(input: Fields) {
  const country = input.country;
  return {
    name: input.name,
    companyName: input.companyName,
    registrationNumber: withoutIgnored(country, "registrationNumber", input.registrationNumber),
    vatNumber: input.vatNumber ? input.vatNumber.replace(/[\s.]/g, "").toUpperCase() : null,
    representativeFirstName: input.representativeFirstName ?? null,
    representativeLastName: input.representativeLastName ?? null,
    representativePhone: input.representativePhone
      ? (parseRepresentativePhone(input.representativePhone, input.addressCountry ?? country) ?? input.representativePhone)
      : null,
    street: collapse(input.street),
    postalCode: collapse(input.postalCode)?.toUpperCase() ?? null,
    city: collapse(input.city),
    addressCountry: input.addressCountry ?? null,
    country,
    numberTypes: NUMBER_TYPES.filter((t) => input.numberTypes.includes(t)),
    notificationEmails: [...new Set(input.notificationEmails)],
  };
}

/** A whole profile: create, and the result of applying a change to a stored profile. */
export const companyProfileSchema = companyProfileFields.superRefine(countryRules).transform(normalise);

export type CompanyProfileInput = z.input<typeof companyProfileSchema>;
export type CompanyProfileData = z.output<typeof companyProfileSchema>;

/**
 * A change (PATCH): any subset of the fields, each checked on its own here; the verb then checks
 * the changed profile as a whole (a new country can make a stored KvK number wrong).
 */
export const companyProfilePatchSchema = companyProfileFields.partial();
export type CompanyProfilePatch = z.input<typeof companyProfilePatchSchema>;

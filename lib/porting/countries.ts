import {
  COUNTRY_CODES,
  CONTRACT_SCENARIOS,
  type ContractScenario,
  type CountryCode,
  type DocumentKind,
  type NumberType,
} from "./values";
import { COUNTRY_NAMES, NUMBER_TYPE_LABELS } from "./country-names";

export { COUNTRY_NAMES, COUNTRY_OPTIONS, NUMBER_TYPE_LABELS, countryName, countryNameInText } from "./country-names";

// The country catalogue: what we port where, and what a request and its company profile need.
// Facts come from shared/spec/countries.md; where a rule is a simplification, the text says so
// (`simplifications`). Pure data, safe to import from client components. The create page and
// `GET /api/v1/countries/{code}/requirements` show it through `publicCountryRequirements`.

/** Company-profile fields a country can require (names as in db/schema.ts). */
export type ProfileField =
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
  | "notificationEmails";

export type FieldFormat = {
  pattern: RegExp;
  /** Human description used in messages, e.g. "8 digits". */
  description: string;
  example: string;
  /** Characters people type as separators (spaces, dots) that do not count. */
  ignore?: RegExp;
};

export type ProfileFieldRequirement = {
  field: ProfileField;
  label: string;
  required: boolean;
  format?: FieldFormat;
  hint?: string;
};

export type NumberTypeSupport =
  | {
      type: NumberType;
      supported: true;
      label: string;
      description: string;
      example: string;
      leadTime: string;
      notes: readonly string[];
    }
  | { type: NumberType; supported: false; label: string; reason: string };

export type DocumentRequirement = {
  kind: DocumentKind;
  label: string;
  required: boolean;
  description: string;
};

export type CountryRequirements = {
  code: CountryCode;
  name: string;
  dialCode: string;
  /** The Dutch (COIN) flow: Delayed, Ready to be ported, and Perform by the customer. */
  nlFlow: boolean;
  preferredDateAllowed: boolean;
  preferredDateNote: string;
  /** Contract scenarios of the EU code (2022); only the NL flow carries them. */
  contractScenarios: readonly ContractScenario[] | null;
  defaultContractScenario: ContractScenario | null;
  numberTypes: readonly NumberTypeSupport[];
  profileFields: readonly ProfileFieldRequirement[];
  /** Whether a geographic request needs the profile's address in this country (always true today). */
  geographicNeedsAddressInCountry: boolean;
  /** Whether every request (any number type) needs the profile's address in this country. */
  addressMustBeInCountry: boolean;
  documents: readonly DocumentRequirement[];
  leadTime: string;
  completion: string;
  notes: readonly string[];
  /** Where a rule is checked more loosely than it is stated. */
  simplifications: readonly string[];
  /**
   * What a libphonenumber FIXED_LINE_OR_MOBILE number counts as here. None of the six countries'
   * metadata produces that type today (their fixed and mobile ranges do not overlap); the
   * setting keeps a metadata update from silently refusing numbers.
   */
  fixedLineOrMobileAs: NumberType;
};


export const CONTRACT_SCENARIO_INFO: Record<ContractScenario, { label: string; description: string }> = {
  switch_at_contract_end: {
    label: "Switch at the end of the contract",
    description: "The number moves when the contract with the current provider ends. The default.",
  },
  early_termination: {
    label: "Switch now, ending the contract early",
    description: "The contract is ended early; the current provider may charge an early termination fee.",
  },
  keep_after_contract_end: {
    label: "Keep the number after the contract ended",
    description: "The contract has already ended; the number is kept and moves to us.",
  },
  keep_without_ending: {
    label: "Keep the number without ending the contract",
    description: "The number moves; the contract with the current provider continues.",
  },
};

// ---- shared building blocks -------------------------------------------------------------------

const SPACES = /[\s]/g;
const SPACES_AND_DOTS = /[\s.]/g;

const companyName: ProfileFieldRequirement = { field: "companyName", label: "Company name", required: true };
const street: ProfileFieldRequirement = { field: "street", label: "Street and house number", required: true };
const city: ProfileFieldRequirement = { field: "city", label: "City", required: true };
const addressCountry: ProfileFieldRequirement = { field: "addressCountry", label: "Country of the address", required: true };
const notificationEmails: ProfileFieldRequirement = {
  field: "notificationEmails",
  label: "Notification email addresses",
  required: true,
  hint: "Every status update is emailed to these addresses.",
};
const representativePhone: ProfileFieldRequirement = {
  field: "representativePhone",
  label: "Phone of the authorised representative",
  required: false,
};

const postalCode = (format: FieldFormat): ProfileFieldRequirement => ({
  field: "postalCode",
  label: "Postal code",
  required: true,
  format,
});

const mobileNotPortable = (country: string): NumberTypeSupport => ({
  type: "mobile",
  supported: false,
  label: NUMBER_TYPE_LABELS.mobile,
  reason:
    `Mobile numbers from ${country} can't be ported to our voice platform: a mobile number belongs on a ` +
    "mobile network (it is tied to a SIM), and our platform carries fixed-line and VoIP numbers only.",
});

const letterOfAuthorisation = (description: string): DocumentRequirement => ({
  kind: "letter_of_authorisation",
  label: "Letter of authorisation",
  required: true,
  description,
});

const invoice: DocumentRequirement = {
  kind: "invoice",
  label: "Recent invoice of the current provider",
  required: false,
  description:
    "Recommended. The name and address on it must match the company profile: a mismatch is the most common " +
    "cause of rejected ports, in every country.",
};

const OTHER_LETTER =
  "Signed by the company; names the subscriber (name and address as on the current provider's invoice), the " +
  "numbers to port and the new provider.";

const OTHER_PREFERRED_DATE =
  "Optional: a date and time between 06:00 and 20:00 UTC. Without one, we port as soon as possible.";
const OTHER_LEAD_TIME = "No fixed lead time: it depends on the current provider. Support keeps you posted.";
const OTHER_COMPLETION =
  "Support completes the request; the numbers are then assigned to your voice account automatically, with the " +
  "distribution group you chose.";
const ADDRESS_SIMPLIFICATION =
  "Geographic numbers need an address in the number's area. We check only that the company profile's address " +
  "is in the country: mapping postal codes to area codes needs data we do not ship.";

const nonNlFlow = {
  nlFlow: false,
  preferredDateAllowed: true,
  preferredDateNote: OTHER_PREFERRED_DATE,
  contractScenarios: null,
  defaultContractScenario: null,
  geographicNeedsAddressInCountry: true,
  addressMustBeInCountry: false,
  documents: [letterOfAuthorisation(OTHER_LETTER), invoice],
  leadTime: OTHER_LEAD_TIME,
  completion: OTHER_COMPLETION,
  fixedLineOrMobileAs: "geographic",
} as const satisfies Partial<CountryRequirements>;

// ---- the catalogue ----------------------------------------------------------------------------

const NL: CountryRequirements = {
  code: "NL",
  name: COUNTRY_NAMES.NL,
  dialCode: "+31",
  nlFlow: true,
  preferredDateAllowed: false,
  preferredDateNote:
    "No preferred date in the Netherlands: the current provider sets the date. When it proposes a later one, the " +
    "request is Delayed and shows the first possible porting date.",
  contractScenarios: CONTRACT_SCENARIOS,
  defaultContractScenario: "switch_at_contract_end",
  numberTypes: [
    {
      type: "geographic",
      supported: true,
      label: NUMBER_TYPE_LABELS.geographic,
      description: "Area codes 10–79 (010 Rotterdam, 020 Amsterdam, 070 The Hague, …): 9 digits after +31.",
      example: "+31 20 123 4567",
      leadTime: "About 17 business days.",
      notes: [
        "Needs an address in the same area code as the numbers (we check that the company profile has a Dutch address).",
        "Numbers often come in blocks of 10 or 100: list every number of the block you want to port, and ask your " +
          "current provider first whether a single number can be taken out of its block.",
      ],
    },
    {
      type: "national",
      supported: true,
      label: NUMBER_TYPE_LABELS.national,
      description: "085 and 091 (VoIP), 084, 087 and 088: 9 digits after +31.",
      example: "+31 85 123 4567",
      leadTime: "About 17 business days.",
      notes: ["No local address needed."],
    },
    {
      type: "toll_free",
      supported: true,
      label: NUMBER_TYPE_LABELS.toll_free,
      description: "0800 numbers: 7 to 10 digits after +31.",
      example: "+31 800 1234",
      leadTime: "About 30 business days.",
      notes: ["The registered holder of the number must sign the letter of authorisation."],
    },
    {
      type: "mobile",
      supported: false,
      label: NUMBER_TYPE_LABELS.mobile,
      reason:
        "Dutch mobile numbers (06) can't be ported to our voice platform: they belong on a mobile network (they are " +
        "tied to a SIM), and our platform carries fixed-line and VoIP numbers only. Port them to a mobile operator.",
    },
  ],
  profileFields: [
    companyName,
    {
      field: "registrationNumber",
      label: "KvK number",
      required: true,
      format: { pattern: /^\d{8}$/, description: "8 digits", example: "12345678", ignore: SPACES_AND_DOTS },
      hint: "The Chamber of Commerce (Kamer van Koophandel) registration number.",
    },
    { field: "vatNumber", label: "VAT number (btw-id)", required: false },
    { field: "representativeFirstName", label: "First name of the authorised representative", required: true },
    { field: "representativeLastName", label: "Last name of the authorised representative", required: true },
    representativePhone,
    street,
    postalCode({ pattern: /^[1-9]\d{3} ?[A-Z]{2}$/i, description: "4 digits and 2 letters", example: "1234 AB" }),
    city,
    { ...addressCountry, hint: "A Dutch address is required." },
    notificationEmails,
  ],
  geographicNeedsAddressInCountry: true,
  addressMustBeInCountry: true,
  documents: [
    letterOfAuthorisation(
      "Signed by the authorised representative. It names the subscriber's name and address, the numbers, the new " +
        "provider, the date, the mandate to switch or end the contract, and consent to any early termination fee.",
    ),
    invoice,
  ],
  leadTime: "About 17 business days for geographic and national numbers, about 30 for toll-free numbers.",
  completion:
    "When the current provider agrees, the request becomes Ready to be ported: you then Perform porting (the numbers " +
    "move to your voice account, with the distribution group you chose) or Cancel porting.",
  notes: [
    "Porting between Dutch operators runs through COIN, the operators' association. The current provider checks " +
      "the request against its records and may agree (Ready to be ported), propose a later date (Delayed), or " +
      "decline (Blocked: create a new request with the corrected information).",
    "Choose what happens to the contract with the current provider (the contract scenario).",
  ],
  simplifications: [ADDRESS_SIMPLIFICATION],
  fixedLineOrMobileAs: "geographic",
};

const BE: CountryRequirements = {
  ...nonNlFlow,
  code: "BE",
  name: COUNTRY_NAMES.BE,
  dialCode: "+32",
  numberTypes: [
    {
      type: "geographic",
      supported: true,
      label: NUMBER_TYPE_LABELS.geographic,
      description: "Zone numbers such as 02 Brussels, 03 Antwerp, 09 Ghent: 8 digits after +32.",
      example: "+32 2 512 34 56",
      leadTime: OTHER_LEAD_TIME,
      notes: ["Needs an address in the number's zone (we check that the company profile has a Belgian address)."],
    },
    {
      type: "national",
      supported: true,
      label: NUMBER_TYPE_LABELS.national,
      description: "078 national numbers.",
      example: "+32 78 05 12 34",
      leadTime: OTHER_LEAD_TIME,
      notes: [],
    },
    {
      type: "toll_free",
      supported: true,
      label: NUMBER_TYPE_LABELS.toll_free,
      description: "0800 numbers.",
      example: "+32 800 12 345",
      leadTime: OTHER_LEAD_TIME,
      notes: ["The registered holder of the number must sign the letter of authorisation."],
    },
    mobileNotPortable("Belgium"),
  ],
  profileFields: [
    companyName,
    {
      field: "registrationNumber",
      label: "Enterprise number (KBO/BCE)",
      required: true,
      format: { pattern: /^[01]\d{3}\.?\d{3}\.?\d{3}$/, description: "10 digits, written 0123.456.789", example: "0123.456.789", ignore: SPACES },
    },
    {
      field: "vatNumber",
      label: "VAT number",
      required: true,
      format: { pattern: /^BE[01]\d{9}$/i, description: "BE and 10 digits", example: "BE0123456789", ignore: SPACES_AND_DOTS },
    },
    representativePhone,
    street,
    postalCode({ pattern: /^[1-9]\d{3}$/, description: "4 digits", example: "1000" }),
    city,
    addressCountry,
    notificationEmails,
  ],
  notes: [],
  simplifications: [
    ADDRESS_SIMPLIFICATION,
    "The enterprise number's format is checked, not its check digits.",
  ],
};

const DE: CountryRequirements = {
  ...nonNlFlow,
  code: "DE",
  name: COUNTRY_NAMES.DE,
  dialCode: "+49",
  numberTypes: [
    {
      type: "geographic",
      supported: true,
      label: NUMBER_TYPE_LABELS.geographic,
      description: "Local numbers in an Ortsnetz such as 030 Berlin, 040 Hamburg, 089 Munich.",
      example: "+49 30 1234567",
      leadTime: OTHER_LEAD_TIME,
      notes: [
        "Needs an address in the number's local network (Ortsnetz); we check that the company profile has a German address.",
        "German numbers often are ranges with extensions (Durchwahl): list the main numbers and describe the range in the comment.",
      ],
    },
    {
      type: "national",
      supported: false,
      label: NUMBER_TYPE_LABELS.national,
      reason: "We don't port German national numbers yet: choose geographic or toll free.",
    },
    {
      type: "toll_free",
      supported: true,
      label: NUMBER_TYPE_LABELS.toll_free,
      description: "0800 numbers.",
      example: "+49 800 1234567",
      leadTime: OTHER_LEAD_TIME,
      notes: ["The registered holder of the number must sign the letter of authorisation."],
    },
    mobileNotPortable("Germany"),
  ],
  profileFields: [
    companyName,
    {
      field: "registrationNumber",
      label: "Commercial register number (Handelsregister)",
      required: true,
      format: {
        pattern: /^(HRA|HRB|GnR|PR|VR|GsR) ?\d{1,6}( ?[A-Z]{1,2})?$/i,
        description: "the register and number",
        example: "HRB 12345",
      },
    },
    {
      field: "vatNumber",
      label: "VAT ID (USt-IdNr.)",
      required: true,
      format: { pattern: /^DE\d{9}$/i, description: "DE and 9 digits", example: "DE123456789", ignore: SPACES },
    },
    representativePhone,
    street,
    postalCode({ pattern: /^\d{5}$/, description: "5 digits", example: "10115" }),
    city,
    addressCountry,
    notificationEmails,
  ],
  notes: [],
  simplifications: [ADDRESS_SIMPLIFICATION],
};

const GB: CountryRequirements = {
  ...nonNlFlow,
  code: "GB",
  name: COUNTRY_NAMES.GB,
  dialCode: "+44",
  numberTypes: [
    {
      type: "geographic",
      supported: true,
      label: NUMBER_TYPE_LABELS.geographic,
      description: "01 and 02 numbers, such as 020 London or 0161 Manchester.",
      example: "+44 20 7946 0000",
      leadTime: OTHER_LEAD_TIME,
      notes: [
        "Needs an address in the number's area (we check that the company profile has a UK address).",
        "Partial port (some numbers stay on the old line): list in the comment which numbers are kept and which are given up.",
      ],
    },
    {
      type: "national",
      supported: true,
      label: NUMBER_TYPE_LABELS.national,
      description: "03 numbers and 056 VoIP numbers.",
      example: "+44 300 123 4567",
      leadTime: OTHER_LEAD_TIME,
      notes: [],
    },
    {
      type: "toll_free",
      supported: true,
      label: NUMBER_TYPE_LABELS.toll_free,
      description: "0800 and 0808 numbers.",
      example: "+44 800 123 4567",
      leadTime: OTHER_LEAD_TIME,
      notes: ["The registered holder of the number must sign the letter of authorisation."],
    },
    mobileNotPortable("the United Kingdom"),
  ],
  profileFields: [
    companyName,
    {
      field: "registrationNumber",
      label: "Companies House number",
      required: true,
      format: {
        pattern: /^(\d{8}|[A-Z]{2}\d{6})$/i,
        description: "8 characters: 8 digits, or 2 letters and 6 digits",
        example: "01234567",
        ignore: SPACES,
      },
    },
    { field: "vatNumber", label: "VAT number", required: false },
    representativePhone,
    street,
    postalCode({
      pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i,
      description: "a UK postcode",
      example: "SW1A 1AA",
    }),
    city,
    addressCountry,
    notificationEmails,
  ],
  notes: [],
  simplifications: [ADDRESS_SIMPLIFICATION],
};

const FR: CountryRequirements = {
  ...nonNlFlow,
  code: "FR",
  name: COUNTRY_NAMES.FR,
  dialCode: "+33",
  numberTypes: [
    {
      type: "geographic",
      supported: true,
      label: NUMBER_TYPE_LABELS.geographic,
      description: "01 to 05 numbers (01 Île-de-France, 04 South-East, …).",
      example: "+33 1 42 68 53 00",
      leadTime: OTHER_LEAD_TIME,
      notes: ["Needs an address in the number's region (we check that the company profile has a French address)."],
    },
    {
      type: "national",
      supported: true,
      label: NUMBER_TYPE_LABELS.national,
      description: "09 numbers (VoIP).",
      example: "+33 9 12 34 56 78",
      leadTime: OTHER_LEAD_TIME,
      notes: [],
    },
    {
      type: "toll_free",
      supported: true,
      label: NUMBER_TYPE_LABELS.toll_free,
      description: "0800 to 0805 numbers.",
      example: "+33 800 123 456",
      leadTime: OTHER_LEAD_TIME,
      notes: ["The registered holder of the number must sign the letter of authorisation."],
    },
    mobileNotPortable("France"),
  ],
  profileFields: [
    companyName,
    {
      field: "registrationNumber",
      label: "SIREN or SIRET number",
      required: true,
      format: { pattern: /^(\d{9}|\d{14})$/, description: "9 digits (SIREN) or 14 digits (SIRET)", example: "732 829 320", ignore: SPACES },
    },
    { field: "vatNumber", label: "VAT number", required: false },
    representativePhone,
    street,
    postalCode({ pattern: /^\d{5}$/, description: "5 digits", example: "75001" }),
    city,
    addressCountry,
    notificationEmails,
  ],
  notes: [],
  simplifications: [ADDRESS_SIMPLIFICATION, "The SIREN/SIRET format is checked, not its check digit."],
};

const ES: CountryRequirements = {
  ...nonNlFlow,
  code: "ES",
  name: COUNTRY_NAMES.ES,
  dialCode: "+34",
  numberTypes: [
    {
      type: "geographic",
      supported: true,
      label: NUMBER_TYPE_LABELS.geographic,
      description: "Provincial numbers such as 91 Madrid or 93 Barcelona: 9 digits.",
      example: "+34 91 123 45 67",
      leadTime: OTHER_LEAD_TIME,
      notes: ["Needs an address in the number's province (we check that the company profile has a Spanish address)."],
    },
    {
      type: "national",
      supported: true,
      label: NUMBER_TYPE_LABELS.national,
      description: "51 corporate numbers.",
      example: "+34 51 123 4567",
      leadTime: OTHER_LEAD_TIME,
      notes: [],
    },
    {
      type: "toll_free",
      supported: true,
      label: NUMBER_TYPE_LABELS.toll_free,
      description: "900 and 800 numbers.",
      example: "+34 900 123 456",
      leadTime: OTHER_LEAD_TIME,
      notes: ["The registered holder of the number must sign the letter of authorisation."],
    },
    mobileNotPortable("Spain"),
  ],
  profileFields: [
    companyName,
    {
      field: "registrationNumber",
      label: "CIF/NIF (tax id)",
      required: true,
      format: {
        pattern: /^([ABCDEFGHJNPQRSUVW]\d{7}[0-9A-J]|\d{8}[A-Z]|[XYZ]\d{7}[A-Z])$/i,
        description: "a company CIF (letter, 7 digits, control character) or a NIF/NIE",
        example: "B12345678",
        ignore: /[\s-]/g,
      },
    },
    { field: "vatNumber", label: "VAT number", required: false },
    representativePhone,
    street,
    postalCode({ pattern: /^(0[1-9]|[1-4]\d|5[0-2])\d{3}$/, description: "5 digits", example: "28001" }),
    city,
    addressCountry,
    notificationEmails,
  ],
  notes: [],
  simplifications: [ADDRESS_SIMPLIFICATION, "The CIF/NIF format is checked, not its control character."],
};

export const COUNTRIES: Record<CountryCode, CountryRequirements> = { NL, BE, DE, GB, FR, ES };
export const COUNTRY_LIST: readonly CountryRequirements[] = COUNTRY_CODES.map((c) => COUNTRIES[c]);

export function isCountryCode(value: string): value is CountryCode {
  return (COUNTRY_CODES as readonly string[]).includes(value);
}

export function getCountry(code: CountryCode): CountryRequirements {
  return COUNTRIES[code];
}

/** For codes from outside (URLs, the API): undefined when we do not port from that country. */
export function findCountry(code: string): CountryRequirements | undefined {
  const upper = code.toUpperCase();
  return isCountryCode(upper) ? COUNTRIES[upper] : undefined;
}

export function numberTypeSupport(country: CountryCode, type: NumberType): NumberTypeSupport {
  const support = COUNTRIES[country].numberTypes.find((t) => t.type === type);
  // Every country lists all four types; this is a guard for a catalogue edit that forgets one.
  return support ?? { type, supported: false, label: NUMBER_TYPE_LABELS[type], reason: `We don't port ${NUMBER_TYPE_LABELS[type].toLowerCase()} numbers in ${COUNTRIES[country].name}.` };
}

export function supportedNumberTypes(country: CountryCode): NumberType[] {
  return COUNTRIES[country].numberTypes.filter((t) => t.supported).map((t) => t.type);
}

export function profileFieldLabel(country: CountryCode, field: ProfileField): string {
  return COUNTRIES[country].profileFields.find((f) => f.field === field)?.label ?? DEFAULT_FIELD_LABELS[field];
}

const DEFAULT_FIELD_LABELS: Record<ProfileField, string> = {
  companyName: "Company name",
  registrationNumber: "Business registration number",
  vatNumber: "VAT number",
  representativeFirstName: "First name of the authorised representative",
  representativeLastName: "Last name of the authorised representative",
  representativePhone: "Phone of the authorised representative",
  street: "Street and house number",
  postalCode: "Postal code",
  city: "City",
  addressCountry: "Country of the address",
  notificationEmails: "Notification email addresses",
};

/** The catalogue entry as plain JSON (regular expressions as their source), for the API and pages. */
export function publicCountryRequirements(code: CountryCode) {
  const c = COUNTRIES[code];
  return {
    ...c,
    profileFields: c.profileFields.map(({ format, ...field }) => ({
      ...field,
      format: format
        ? {
            pattern: format.pattern.source,
            flags: format.pattern.flags,
            description: format.description,
            example: format.example,
            ignoredCharacters: format.ignore?.source ?? null,
          }
        : null,
    })),
    contractScenarios: c.contractScenarios?.map((id) => ({ id, ...CONTRACT_SCENARIO_INFO[id] })) ?? null,
  };
}
export type PublicCountryRequirements = ReturnType<typeof publicCountryRequirements>;

import "server-only";
import { parsePhoneNumberFromString, type CountryCode as LibCountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import { parseInput } from "@/lib/shared/validation";
import { holderOf, numberHolders } from "./check-numbers";
import { COUNTRIES, countryNameInText, isCountryCode, numberTypeSupport } from "./countries";
import { parseNumber } from "./numbers";
import { MAX_NUMBERS_PER_REQUEST } from "./schemas";
import { COUNTRY_CODES, type CountryCode, type NumberType } from "./values";

// "Can we port these?" before ordering (issue 15 item 2): per number, in the order given, whether
// it is a valid number and of which type (libphonenumber-js, as every check here), whether our
// platform takes it (a type we port in that country; not already on this account; not in an open
// request of this account; another account's number only "not portable from this account"), and
// what a request for it needs (the country's documents, profile fields and lead time). The same
// checks a create makes (lib/porting/numbers.ts, check-numbers.ts), read-only: nothing is stored.

export const portabilityCheckSchema = z.object({
  phoneNumbers: z
    .array(z.string({ error: "Give each number as text." }).max(64, "This is too long to be one phone number."), {
      error: "Give the numbers to check as a list of text.",
    })
    .min(1, "Give at least one number to check.")
    .max(MAX_NUMBERS_PER_REQUEST, `At most ${MAX_NUMBERS_PER_REQUEST} numbers per check.`),
  country: z.enum(COUNTRY_CODES, { error: "Choose a country we port from: NL, BE, DE, GB, FR or ES." }).nullish(),
});

export type PortabilityCheckInput = z.input<typeof portabilityCheckSchema>;

export type PortabilityRequirements = {
  country: CountryCode;
  numberType: NumberType;
  leadTime: string;
  documents: { kind: string; label: string; required: boolean }[];
  profileFields: { field: string; label: string }[];
  preferredDateAllowed: boolean;
  /** NL: the customer performs the porting once it is Ready to be ported; elsewhere support completes it. */
  completion: string;
};

export type PortabilityResult = {
  /** E.164, when the input is a valid number. */
  number: string | null;
  input: string;
  valid: boolean;
  country: string | null;
  numberType: NumberType | null;
  portable: boolean;
  /** Why not, in one sentence; null when portable. */
  reason: string | null;
  /** What a request for it needs; null when it is not a number of a type we port in a country we port from. */
  requirements: PortabilityRequirements | null;
};

function requirementsFor(country: CountryCode, type: NumberType): PortabilityRequirements | null {
  const support = numberTypeSupport(country, type);
  if (!support.supported) return null;
  const c = COUNTRIES[country];
  return {
    country,
    numberType: type,
    leadTime: support.leadTime,
    documents: c.documents.map((d) => ({ kind: d.kind, label: d.label, required: d.required })),
    profileFields: c.profileFields.filter((f) => f.required).map((f) => ({ field: f.field, label: f.label })),
    preferredDateAllowed: c.preferredDateAllowed,
    completion: c.completion,
  };
}

type Parsed = Omit<PortabilityResult, "portable">;

/** Validity, country and type: no database. A national format needs `country`. */
function parseOne(input: string, country: CountryCode | null): Parsed {
  const base = { input, number: null, valid: false, country: null, numberType: null, requirements: null };
  const text = input.trim().replace(/^tel:/i, "");
  const international = /^(\+|00)/.test(text);
  if (!country && !international) {
    return { ...base, reason: "Give the number in international format (+31 20 123 4567), or the country of the numbers." };
  }
  // The number's own country decides how it is read; `country` only reads national formats.
  const hint = country ?? ((parsePhoneNumberFromString(text.replace(/^00/, "+"))?.country ?? "NL") as LibCountryCode);
  const parsedCountry = isCountryCode(hint) ? hint : null;
  const parsed = parsedCountry ? parseNumber(text.replace(/^00/, "+"), parsedCountry) : null;
  if (!parsed || !parsed.ok) {
    const lib = parsePhoneNumberFromString(text.replace(/^00/, "+"));
    if (lib?.isValid() && lib.country && !isCountryCode(lib.country)) {
      return {
        ...base,
        number: lib.number,
        valid: true,
        country: lib.country,
        reason: `We don't port numbers from ${countryNameInText(lib.country)}: we port from ${COUNTRY_CODES.join(", ")}.`,
      };
    }
    return { ...base, reason: `"${input.trim()}" ${parsed && !parsed.ok ? parsed.reason : "is not a phone number"}.` };
  }
  const n = parsed.number;
  const valid = { ...base, number: n.e164, valid: true, country: n.country ?? null, numberType: n.type };
  if (!n.country || !isCountryCode(n.country)) {
    return { ...valid, reason: `We don't port numbers from ${n.country ? countryNameInText(n.country) : "this country"}.` };
  }
  if (country && n.country !== country) {
    return { ...valid, reason: `${n.international} is a number from ${countryNameInText(n.country)}, not from ${countryNameInText(country)}.` };
  }
  if (!n.type) return { ...valid, reason: `${n.international} is a kind of number we can't port to our voice platform.` };
  const support = numberTypeSupport(n.country, n.type);
  if (!support.supported) return { ...valid, reason: `${n.international}: ${support.reason}` };
  return { ...valid, reason: null, requirements: requirementsFor(n.country, n.type) };
}

export async function checkPortability(actor: Actor, input: PortabilityCheckInput, db: Executor = getDb()): Promise<PortabilityResult[]> {
  // "Not on this account" needs an account: a customer's question.
  if (actor.role !== "customer") throw new ForbiddenError("The portability check answers for a customer's account: use a customer's key.");
  const data = parseInput(portabilityCheckSchema, input);
  const parsed = data.phoneNumbers.map((raw) => parseOne(raw, data.country ?? null));
  const candidates = [...new Set(parsed.filter((p) => p.reason === null && p.number).map((p) => p.number as string))];
  // A test key asks about its sandbox, where requests never hold numbers and nothing is ported:
  // a number's holders do not concern it (a sandbox create does not check them either).
  const { openByNumber, voiceByNumber } = await numberHolders(db, actor.sandbox ? [] : candidates);
  return parsed.map((p) => {
    if (p.reason !== null || !p.number) return { ...p, portable: false };
    const holder = holderOf(p.number, actor.accountId, openByNumber, voiceByNumber);
    const reason =
      holder?.kind === "other_account"
        ? "Not portable from this account. Contact support if you think it should be."
        : holder?.kind === "open_request"
          ? `Already in your open porting request ${holder.reference}.`
          : holder?.kind === "voice_account"
            ? "Already on your voice account."
            : null;
    return { ...p, portable: reason === null, reason };
  });
}

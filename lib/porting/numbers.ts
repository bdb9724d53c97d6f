import {
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode as LibCountryCode,
  type NumberType as LibNumberType,
} from "libphonenumber-js/max";
import { NUMBER_TYPE_LABELS, countryNameInText, findCountry, numberTypeSupport } from "./countries";
import type { CountryCode, NumberType } from "./values";

// Phone numbers: parsing in any common format to E.164, our number types, splitting pasted text,
// and the per-number checks that need no database. Client-safe: the new-request form checks as
// the customer types; the checks against the database are in check-numbers.ts. libphonenumber-js
// with the "max" metadata is the source of truth for a number's country and type (DESIGN.md);
// "max" because the smaller sets cannot tell a number's type.

export type NumberProblem =
  | "invalid"
  | "wrong_country"
  | "wrong_type"
  | "duplicate"
  | "in_open_request"
  | "on_account"
  /** In an open request of, or on the voice account of, another account: not ours to describe. */
  | "unavailable"
  | "not_portable";

export type ParsedNumber = {
  e164: string;
  /** ISO country of the number itself (may differ from the requested one). */
  country: string | undefined;
  /** Our type; null for classes we never port (premium rate, shared cost, pager, …). */
  type: NumberType | null;
  libType: LibNumberType | undefined;
  /** "+31 20 123 4567", for messages and display. */
  international: string;
};

export type ParseResult = { ok: true; number: ParsedNumber } | { ok: false; reason: string };

const LIB_TYPE_NAMES: Partial<Record<NonNullable<LibNumberType>, string>> = {
  PREMIUM_RATE: "a premium-rate number",
  SHARED_COST: "a shared-cost number",
  PERSONAL_NUMBER: "a personal number",
  PAGER: "a pager number",
  VOICEMAIL: "a voicemail access number",
};

/** libphonenumber's type → ours. FIXED_LINE_OR_MOBILE follows the country's catalogue setting. */
export function toNumberType(libType: LibNumberType | undefined, country: string | undefined): NumberType | null {
  switch (libType) {
    case "FIXED_LINE":
      return "geographic";
    case "VOIP":
    case "UAN":
      return "national";
    case "TOLL_FREE":
      return "toll_free";
    case "MOBILE":
      return "mobile";
    case "FIXED_LINE_OR_MOBILE": {
      return (country && findCountry(country)?.fixedLineOrMobileAs) || "geographic";
    }
    default:
      return null;
  }
}

/**
 * Parses one number written in any common way: "+31 20 123 4567", "020-1234567",
 * "0031201234567", "(020) 123 45 67", "tel:+31201234567". National formats are read as numbers of
 * `country`. Strict: text around the number, or an extension, makes it invalid rather than
 * silently dropped, because we would otherwise port a different number than the customer meant.
 */
export function parseNumber(input: string, country: CountryCode): ParseResult {
  const text = input.trim().replace(/^tel:/i, "");
  if (!text) return { ok: false, reason: "is empty" };
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: country as LibCountryCode, extract: false });
  if (!parsed) {
    const length = validatePhoneNumberLength(text, country as LibCountryCode);
    if (length === "TOO_LONG") return { ok: false, reason: "is too long for one phone number" };
    if (length === "TOO_SHORT") return { ok: false, reason: "is too short for a phone number" };
    return { ok: false, reason: "is not a phone number" };
  }
  if (parsed.ext) {
    return { ok: false, reason: "has an extension; list the number without it" };
  }
  if (!parsed.isValid()) {
    const length = validatePhoneNumberLength(text, country as LibCountryCode);
    const where = parsed.country ? ` in ${countryNameInText(parsed.country)}` : "";
    if (length === "TOO_SHORT") return { ok: false, reason: `is too short for a phone number${where}` };
    if (length === "TOO_LONG") return { ok: false, reason: `is too long for a phone number${where}` };
    return { ok: false, reason: `is not a valid phone number${where}` };
  }
  const libType = parsed.getType();
  return {
    ok: true,
    number: {
      e164: parsed.number,
      country: parsed.country,
      type: toNumberType(libType, parsed.country),
      libType,
      international: parsed.formatInternational(),
    },
  };
}

/** E.164 of a valid number, or null. Handy for search boxes and normalising stored input. */
export function normaliseNumber(input: string, country: CountryCode): string | null {
  const result = parseNumber(input, country);
  return result.ok ? result.number.e164 : null;
}

/** "+31 20 123 4567" for a stored E.164 number; the input itself when it does not parse. */
export function formatNumber(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

// ---- splitting pasted text ---------------------------------------------------------------------

const HARD_SEPARATORS = /[\r\n,;\t|]+|\s{2,}/;
/** Tokens in a chunk we try to regroup; beyond this a chunk is left whole (it is then invalid). */
const MAX_TOKENS = 60;
/** One number is at most this many space-separated pieces ("+31 20 123 45 67" is 5). */
const MAX_TOKENS_PER_NUMBER = 7;

function looksComplete(text: string, country: CountryCode): boolean {
  const parsed = parsePhoneNumberFromString(text.replace(/^tel:/i, ""), {
    defaultCountry: country as LibCountryCode,
    extract: false,
  });
  return parsed !== undefined && !parsed.ext && parsed.isValid();
}

/**
 * Splits pasted text into one string per number. Newlines, commas, semicolons, tabs, pipes and
 * runs of two or more spaces always separate. A single space separates only where a chunk is not
 * one valid number but can be cut into pieces that each are: "020 123 4567" stays one number,
 * "020 123 4567 020 765 4321" becomes two. A chunk that cannot be cut that way stays whole, so the
 * check reports it as one invalid entry instead of as fragments.
 */
export function splitPastedNumbers(text: string, country: CountryCode): string[] {
  const out: string[] = [];
  for (const raw of text.split(HARD_SEPARATORS)) {
    const chunk = raw.trim();
    if (!chunk) continue;
    if (!chunk.includes(" ") || looksComplete(chunk, country)) {
      out.push(chunk);
      continue;
    }
    out.push(...(splitOnSpaces(chunk, country) ?? [chunk]));
  }
  return out;
}

/** Fewest pieces such that every piece is a valid number; null when there is no such cut. */
function splitOnSpaces(chunk: string, country: CountryCode): string[] | null {
  const tokens = chunk.split(" ").filter(Boolean);
  if (tokens.length > MAX_TOKENS) return null;
  // best[i]: the fewest pieces that cover tokens[0..i); dynamic programming over cut points.
  const best: (string[] | null)[] = [[]];
  for (let end = 1; end <= tokens.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - MAX_TOKENS_PER_NUMBER); start < end; start++) {
      const before = best[start];
      if (!before) continue;
      const piece = tokens.slice(start, end).join(" ");
      if (!looksComplete(piece, country)) continue;
      const candidate = [...before, piece];
      const current = best[end];
      if (!current || candidate.length < current.length) best[end] = candidate;
    }
  }
  return best[tokens.length] ?? null;
}

// ---- checking the numbers of a request ----------------------------------------------------------

export type NumberCheck = {
  input: string;
  e164?: string;
  type?: NumberType;
  problem?: NumberProblem;
  /** One sentence naming the number; for a valid one, its international form and type. */
  message: string;
};

export type CheckNumbersInput = {
  /** The requesting account: an open request of its own is named by reference, others are not. */
  accountId: string;
  country: CountryCode;
  numberType: NumberType;
  raw: readonly string[];
};

const quoted = (input: string) => `"${input.trim()}"`;
/** The number as the customer typed it, plus its international form when that differs. */
export const shownNumber = (input: string, international: string) =>
  input.trim() === international ? quoted(input) : `${quoted(input)} (${international})`;
const typeName = (type: NumberType) =>
  type === "toll_free" ? "a toll-free" : `a ${NUMBER_TYPE_LABELS[type].toLowerCase()}`;

/**
 * Format, country, type and duplicates: everything that needs no database. Usable in the browser
 * for instant feedback; `checkNumbers` (check-numbers.ts) adds the database checks.
 */
export function checkNumbersOffline(input: Omit<CheckNumbersInput, "accountId">): NumberCheck[] {
  const { country, numberType } = input;
  const requestedSupport = numberTypeSupport(country, numberType);
  const firstSeen = new Map<string, number>();
  return input.raw.map((raw, index): NumberCheck => {
    const parsed = parseNumber(raw, country);
    if (!parsed.ok) {
      return { input: raw, problem: "invalid", message: `${quoted(raw)} ${parsed.reason}.` };
    }
    const n = parsed.number;
    const base = { input: raw, e164: n.e164, ...(n.type ? { type: n.type } : {}) };
    if (n.country !== country) {
      const ours = countryNameInText(country);
      return {
        ...base,
        problem: "wrong_country",
        message: n.country
          ? `${shownNumber(raw, n.international)} is a number from ${countryNameInText(n.country)}, not from ${ours}.`
          : `${shownNumber(raw, n.international)} is not a number from ${ours}.`,
      };
    }
    if (n.type === null) {
      const what = (n.libType && LIB_TYPE_NAMES[n.libType]) ?? "a kind of number we can't port";
      return {
        ...base,
        problem: "not_portable",
        message: `${shownNumber(raw, n.international)} is ${what}; these can't be ported to our voice platform.`,
      };
    }
    const support = numberTypeSupport(country, n.type);
    if (!support.supported) {
      return { ...base, problem: "not_portable", message: `${shownNumber(raw, n.international)}: ${support.reason}` };
    }
    if (n.type !== numberType) {
      const asked = requestedSupport.label.toLowerCase();
      return {
        ...base,
        problem: "wrong_type",
        message: `${shownNumber(raw, n.international)} is ${typeName(n.type)} number, but this request is for ${asked} numbers.`,
      };
    }
    const earlier = firstSeen.get(n.e164);
    if (earlier !== undefined) {
      return {
        ...base,
        problem: "duplicate",
        message: `${shownNumber(raw, n.international)} is listed twice: it is the same number as number ${earlier + 1} in the list.`,
      };
    }
    firstSeen.set(n.e164, index);
    return { ...base, message: `${n.international} (${support.label.toLowerCase()})` };
  });
}

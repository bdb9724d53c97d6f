import type { ActorRole } from "@/lib/porting/values";
import phoneMetadata from "./phone-metadata.json";

// Client-safe formatting. Numbers use libphonenumber's "min" metadata for the six countries we port
// from only (scripts/phone-metadata.mjs), which formats them exactly as the server does
// (lib/porting/numbers.ts, "max") in 2 kB instead of the whole world's 20 kB (gzip) on every page.
// The formatting itself is libphonenumber's formatInternational() for these numbers, without the
// library's parser (9 kB gzip on the request list, issue 13): the first of the country's formats
// whose last leading-digits pattern matches the start of the national number and whose pattern
// matches all of it, in its international form, punctuation as spaces. format.test.ts compares
// it with libphonenumber-js on every country's examples and on thousands of generated numbers.

// The metadata's tuples: [pattern, format, leading digits patterns, national prefix rule, optional, international format]
type PhoneFormat = [string, string, string[]?, string?, unknown?, string?];
type PhoneCountry = [string, string, string, number[], PhoneFormat[]?, string?];
const FORMATS_BY_CALLING_CODE = new Map(
  Object.values(phoneMetadata.countries as unknown as Record<string, PhoneCountry>).map((country) => [country[0], country[4] ?? []]),
);
const PUNCTUATION = /[-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E. \xA0\xAD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D[\]~\u2053\u223C\uFF5E]+/g;

/**
 * "+31 20 794 0100" for a stored E.164 number of a country we port from (every number of a
 * request, a voice account or a rejection); the input itself otherwise. Server pages showing
 * numbers of any country (a representative's phone) use lib/porting/numbers.ts `formatNumber`.
 */
export function formatNumber(e164: string): string {
  // Every country we port from has a two-digit calling code (31, 32, 33, 34, 44, 49).
  const [, code = "", national = ""] = /^\+(\d{2})([1-9]\d{1,16})$/.exec(e164) ?? [];
  const formats = FORMATS_BY_CALLING_CODE.get(code);
  if (!formats) return e164;
  const format = formats.find(([pattern, , leading = []]) => {
    const last = leading.at(-1);
    return (last === undefined || national.search(last) === 0) && new RegExp(`^(?:${pattern})$`).test(national);
  });
  if (!format) return `+${code} ${national}`;
  return `+${code} ${national.replace(new RegExp(format[0]), format[5] || format[1]).replace(PUNCTUATION, " ").trim()}`;
}

/** "24 Oct 2026, 09:05 UTC": the exact moment, the same on server and browser (as the hover text of relative times). */
export function formatDateTimeUtc(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";
}

/** "Monday 14 July 2025" for a calendar date (YYYY-MM-DD); the date is the same everywhere. */
export function formatCalendarDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(parsed);
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)} KB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MB`;
}

/** "+31 20 794 0100" or "+31 20 794 0100 and 2 more". */
export function numbersSummary(first: string | undefined, count: number): { first: string; more: string | null } {
  return {
    first: first ? formatNumber(first) : "—",
    more: count > 1 ? `and ${count - 1} more` : null,
  };
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}

export const ACTOR_ROLE_LABELS: Record<ActorRole, string> = {
  customer: "Customer",
  support: "Support",
  system: "System",
};

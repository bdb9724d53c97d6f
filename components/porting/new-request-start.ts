import { COUNTRY_CODES, NUMBER_TYPES, type CountryCode, type NumberType } from "@/lib/porting/values";
import type { NewRequestStart } from "./new-request-wizard";

// The link from the Check numbers page to a new request with its portable numbers (issue 15 item 2):
// /porting-requests/new?country=NL&numberType=geographic&numbers=+31201234567,+31201234568.
// The numbers step checks them again as it opens; a link that does not read right starts empty.

const MAX_NUMBERS = 500;

export function newRequestHref(start: NewRequestStart): string {
  const query = new URLSearchParams({ country: start.country, numberType: start.numberType, numbers: start.phoneNumbers.join(",") });
  return `/porting-requests/new?${query.toString()}`;
}

type SearchParams = Record<string, string | string[] | undefined>;

export function readNewRequestStart(params: SearchParams): NewRequestStart | undefined {
  const { country, numberType, numbers } = params;
  if (typeof country !== "string" || !(COUNTRY_CODES as readonly string[]).includes(country)) return undefined;
  if (typeof numberType !== "string" || !(NUMBER_TYPES as readonly string[]).includes(numberType)) return undefined;
  if (typeof numbers !== "string") return undefined;
  const phoneNumbers = numbers
    .split(",")
    .map((n) => n.trim())
    .filter((n) => n.length > 0 && n.length <= 64);
  if (phoneNumbers.length === 0 || phoneNumbers.length > MAX_NUMBERS) return undefined;
  return { country: country as CountryCode, numberType: numberType as NumberType, phoneNumbers };
}

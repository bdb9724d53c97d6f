import { parsePhoneNumberFromString, type CountryCode as LibCountryCode } from "libphonenumber-js/max";
import { findCountry } from "@/lib/porting/countries";

// A distribution group's destinations: where an incoming call rings, in order. Each is a SIP URI
// (`sip:` or `sips:` user@host) or a phone number, stored in E.164. Client-safe, so the form checks
// every row as it is typed with the same rules the server applies.

export const MAX_DESTINATION_LENGTH = 256;

export type Destination = { kind: "sip" | "phone"; value: string };
export type DestinationResult = ({ ok: true } & Destination) | { ok: false; message: string };

export const SIP_EXAMPLE = "sip:reception@pbx.example.com";

/** A phone number example in the account's country ("+49 30 1234567" for a German account). */
export function phoneExample(country: string): string {
  const geographic = findCountry(country)?.numberTypes.find((t) => t.type === "geographic");
  return geographic?.supported ? geographic.example : "+31 20 123 4567";
}

// RFC 3261 user part: unreserved characters, escapes and the user-unreserved set; no "@", no ":".
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^\[[0-9a-f:.]*:[0-9a-f:.]*\]$/i;
// `;transport=tls;lr`: parameters are allowed, headers (`?…`) are not: they do not belong in a route.
const URI_PARAMS = /^(;[A-Za-z0-9\-_.!~*'()%]+(=[A-Za-z0-9\-_.!~*'()%[\]/:&+$]+)?)*$/;

function validHost(host: string): boolean {
  if (IPV6.test(host)) return true;
  if (IPV4.test(host)) return true;
  if (host.length > 253) return false;
  const labels = host.split(".");
  // A routable name: at least two labels and a top-level domain that is not all digits.
  if (labels.length < 2) return false;
  if (/^\d+$/.test(labels.at(-1) ?? "")) return false;
  return labels.every((label) => DOMAIN_LABEL.test(label));
}

function parseSip(text: string): DestinationResult {
  const match = /^(sips?):(.*)$/i.exec(text);
  const scheme = match?.[1]?.toLowerCase() ?? "sip";
  const rest = match?.[2] ?? "";
  const at = rest.lastIndexOf("@");
  if (at <= 0) {
    return { ok: false, message: `“${text}” needs a user and a host, such as ${SIP_EXAMPLE}.` };
  }
  const user = rest.slice(0, at);
  const afterAt = rest.slice(at + 1);
  if (user.includes("@") || user.includes(":") || !SIP_USER.test(user)) {
    return { ok: false, message: `“${text}” has an invalid user part “${user}”: use letters, digits and - _ . only, such as ${SIP_EXAMPLE}.` };
  }
  const paramsAt = afterAt.indexOf(";");
  const hostPort = paramsAt === -1 ? afterAt : afterAt.slice(0, paramsAt);
  const params = paramsAt === -1 ? "" : afterAt.slice(paramsAt);
  if (afterAt.includes("?")) {
    return { ok: false, message: `“${text}” has headers (after “?”); remove them.` };
  }
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(hostPort);
  const host = (portMatch?.[1] ?? "").toLowerCase();
  const port = portMatch?.[2];
  if (!host || !validHost(host)) {
    return {
      ok: false,
      message: `“${text}” has an invalid host “${host || hostPort}”: use a domain name such as pbx.example.com, or an IP address.`,
    };
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return { ok: false, message: `“${text}” has an invalid port ${port}: use 1 to 65535.` };
  }
  if (!URI_PARAMS.test(params)) {
    return { ok: false, message: `“${text}” has invalid parameters “${params}”.` };
  }
  return { ok: true, kind: "sip", value: `${scheme}:${user}@${host}${port ? `:${port}` : ""}${params}` };
}

/**
 * One destination as typed: "sip:reception@pbx.example.com", "+31 20 123 4567", "020-1234567".
 * National formats are read as numbers of `country` (the account's). Strict, like the porting
 * numbers: text around a number or an extension is refused rather than silently dropped.
 */
export function parseDestination(input: string, country: string): DestinationResult {
  const text = input.trim();
  if (!text) return { ok: false, message: "Enter a SIP URI or a phone number here, or remove this row." };
  if (text.length > MAX_DESTINATION_LENGTH) {
    return { ok: false, message: `A destination is at most ${MAX_DESTINATION_LENGTH} characters.` };
  }
  if (/^sips?:/i.test(text)) return parseSip(text);
  if (text.includes("@")) {
    return { ok: false, message: `“${text}” looks like a SIP address: write it as a SIP URI, starting with sip: (sip:${text}).` };
  }
  const parsed = parsePhoneNumberFromString(text.replace(/^tel:/i, ""), {
    defaultCountry: country as LibCountryCode,
    extract: false,
  });
  if (parsed?.ext) return { ok: false, message: `“${text}” has an extension; enter the number without it.` };
  // Letters are not a number here, even where libphonenumber would read a vanity number (0800-FLOWERS).
  if (/[a-z]/i.test(text.replace(/^tel:/i, ""))) {
    return { ok: false, message: `“${text}” is not a phone number or a SIP URI, such as ${phoneExample(country)} or ${SIP_EXAMPLE}.` };
  }
  if (!parsed || !parsed.isValid()) {
    return { ok: false, message: `“${text}” is not a valid phone number. Include the country code, such as ${phoneExample(country)}.` };
  }
  return { ok: true, kind: "phone", value: parsed.number };
}

/** For display: "+31 20 123 4567" for a number, the URI itself for SIP. */
export function formatDestination(value: string): string {
  if (/^sips?:/i.test(value)) return value;
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}

export function destinationKind(value: string): Destination["kind"] {
  return /^sips?:/i.test(value) ? "sip" : "phone";
}

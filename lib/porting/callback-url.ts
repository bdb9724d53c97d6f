import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";

// The callback URL guard (SSRF). A callback is a POST from inside our network to an address the
// customer chose, so it may only reach the public internet: https, no credentials, and never a
// private, loopback, link-local, multicast or otherwise internal address.
//
//  - IP literals are refused at once. The URL is parsed by WHATWG rules (new URL), exactly as the
//    delivery will parse it, so odd IPv4 spellings (0x7f.1, 2130706433, 017700000001, 127.1) are
//    normalised to the dotted address first and checked as such.
//  - Host names are resolved when the request is created: refused when any address is internal,
//    accepted when the name cannot be resolved now (DESIGN.md). Every delivery resolves again,
//    checks every address and connects to the checked one (lib/notifications/webhooks).
//  - URLs that can never be delivered are refused when given: reserved names (.invalid, .test,
//    .example, .onion), host names no DNS can hold, port 0.
//  - ALLOW_INSECURE_CALLBACKS (development and tests only) allows plain http and loopback;
//    every other internal range stays refused.

/** `what` completes "<address> …" in a message. */
type Range = { cidr: string; what: string };

// Checked in order; the first match names the range in the message.
const IPV4_INTERNAL: Range[] = [
  { cidr: "0.0.0.0/32", what: "is the unspecified address" },
  { cidr: "0.0.0.0/8", what: "is in the “this network” range" },
  { cidr: "10.0.0.0/8", what: "is in a private network" },
  { cidr: "100.64.0.0/10", what: "is in the carrier-grade NAT range" },
  { cidr: "169.254.0.0/16", what: "is in the link-local range, where cloud metadata services live" },
  { cidr: "172.16.0.0/12", what: "is in a private network" },
  { cidr: "192.0.0.0/24", what: "is in the IETF protocol assignments range" },
  { cidr: "192.0.2.0/24", what: "is in a documentation range (TEST-NET-1)" },
  { cidr: "192.88.99.0/24", what: "is in the deprecated 6to4 relay range" },
  { cidr: "192.168.0.0/16", what: "is in a private network" },
  { cidr: "198.18.0.0/15", what: "is in the benchmarking range" },
  { cidr: "198.51.100.0/24", what: "is in a documentation range (TEST-NET-2)" },
  { cidr: "203.0.113.0/24", what: "is in a documentation range (TEST-NET-3)" },
  { cidr: "224.0.0.0/4", what: "is in the multicast range" },
  { cidr: "255.255.255.255/32", what: "is the broadcast address" },
  { cidr: "240.0.0.0/4", what: "is in the reserved range" },
];

const IPV4_LOOPBACK: Range = { cidr: "127.0.0.0/8", what: "is a loopback address" };
const IPV6_LOOPBACK: Range = { cidr: "::1/128", what: "is a loopback address" };

// Public IPv6 unicast is 2000::/3 (the rest is reserved, local or special); these parts of it are not.
const IPV6_GLOBAL: Range = { cidr: "2000::/3", what: "is a global unicast address" };
const IPV6_INTERNAL: Range[] = [
  { cidr: "::/128", what: "is the unspecified address" },
  { cidr: "::ffff:0:0/96", what: "is an IPv4-mapped IPv6 address" },
  { cidr: "::/96", what: "is an IPv4-compatible IPv6 address (deprecated)" },
  { cidr: "64:ff9b::/96", what: "is in the NAT64 range (it reaches IPv4 addresses)" },
  { cidr: "64:ff9b:1::/48", what: "is in the local-use NAT64 range" },
  { cidr: "100::/64", what: "is in the discard-only range" },
  { cidr: "2001:db8::/32", what: "is in the IPv6 documentation range" },
  { cidr: "2001::/32", what: "is in the Teredo range (it reaches IPv4 addresses)" },
  { cidr: "2001:2::/48", what: "is in the IPv6 benchmarking range" },
  { cidr: "2001::/23", what: "is in the IETF protocol assignments range" },
  { cidr: "2002::/16", what: "is in the 6to4 range (it reaches IPv4 addresses)" },
  { cidr: "3fff::/20", what: "is in the IPv6 documentation range" },
  { cidr: "fc00::/7", what: "is in a unique-local (private) network" },
  { cidr: "fe80::/10", what: "is in the link-local range" },
  { cidr: "fec0::/10", what: "is in the site-local range (deprecated)" },
  { cidr: "ff00::/8", what: "is in the multicast range" },
];

type CompiledRange = Range & { list: BlockList; family: "ipv4" | "ipv6" };

function compile(range: Range): CompiledRange {
  const [network, bits] = range.cidr.split("/") as [string, string];
  const family = isIP(network) === 6 ? "ipv6" : "ipv4";
  const list = new BlockList();
  list.addSubnet(network, Number(bits), family);
  return { ...range, list, family };
}

const V4 = IPV4_INTERNAL.map(compile);
const V6 = IPV6_INTERNAL.map(compile);
const V4_LOOPBACK = compile(IPV4_LOOPBACK);
const V6_LOOPBACK = compile(IPV6_LOOPBACK);
const V6_GLOBAL = compile(IPV6_GLOBAL);

// BlockList matches an IPv4-mapped IPv6 address against IPv4 rules; each check names its family,
// and a mapped address is refused as such before any IPv4 rule could let it pass.
const inRange = (r: CompiledRange, ip: string, family: "ipv4" | "ipv6") => r.family === family && r.list.check(ip, family);

export type AddressClass =
  | { kind: "public" }
  | { kind: "loopback"; range: string; what: string }
  | { kind: "internal"; range: string; what: string };

/** What an IP address (v4 or v6, no brackets) is, for the callback guard. Not an IP: internal. */
export function classifyAddress(ip: string): AddressClass {
  const family = isIP(ip);
  if (family === 4) {
    if (inRange(V4_LOOPBACK, ip, "ipv4")) return { kind: "loopback", range: V4_LOOPBACK.cidr, what: V4_LOOPBACK.what };
    const hit = V4.find((r) => inRange(r, ip, "ipv4"));
    return hit ? { kind: "internal", range: hit.cidr, what: hit.what } : { kind: "public" };
  }
  if (family === 6) {
    if (inRange(V6_LOOPBACK, ip, "ipv6")) return { kind: "loopback", range: V6_LOOPBACK.cidr, what: V6_LOOPBACK.what };
    const hit = V6.find((r) => inRange(r, ip, "ipv6"));
    if (hit) return { kind: "internal", range: hit.cidr, what: hit.what };
    if (!inRange(V6_GLOBAL, ip, "ipv6")) return { kind: "internal", range: "outside 2000::/3", what: "is not a public (global unicast) IPv6 address" };
    return { kind: "public" };
  }
  return { kind: "internal", range: "-", what: "is not an IP address" };
}

export type CallbackUrlOptions = {
  /** Defaults to ALLOW_INSECURE_CALLBACKS: plain http and loopback addresses become acceptable. */
  allowInsecure?: boolean;
  /** Host name resolution; defaults to the system resolver (what the delivery connects with). Tests inject one. */
  resolve?: (host: string) => Promise<string[]>;
  /** How long create-time resolution may take before the name counts as "cannot be resolved now". */
  resolveTimeoutMs?: number;
};

export const CALLBACK_URL_MAX_LENGTH = 2000;

const PUBLIC_ONLY = "Callbacks can only go to public internet addresses.";

/** Why this address may not receive callbacks, or null. `subject` names it in the message. */
export function addressProblem(ip: string, allowInsecure: boolean, subject = ip): string | null {
  const cls = classifyAddress(ip);
  if (cls.kind === "public") return null;
  if (cls.kind === "loopback" && allowInsecure) return null;
  const range = cls.range.includes("/") ? ` (${cls.range})` : "";
  return `The callback URL must not point at a private, loopback or other internal address: ${subject} ${cls.what}${range}. ${PUBLIC_ONLY}`;
}

/** Host names that only ever mean this machine or a local network, whatever DNS says. */
function localNameProblem(host: string, allowInsecure: boolean): string | null {
  if (host === "localhost" || host.endsWith(".localhost")) {
    return allowInsecure ? null : `The callback URL must not point at a private, loopback or other internal address: ${host} is this machine. ${PUBLIC_ONLY}`;
  }
  const local = [".local", ".internal", ".home.arpa", ".arpa", ".localdomain"].find((suffix) => host.endsWith(suffix));
  if (local) {
    return `The callback URL must not point at a private, loopback or other internal address: names ending in ${local} are for local networks only. ${PUBLIC_ONLY}`;
  }
  if (!host.includes(".")) {
    // A single label ("intranet") is completed by the resolver's search domains: an internal host.
    return `The callback URL needs a full public host name (like hooks.example.com), not “${host}”.`;
  }
  return null;
}

/** The host of a parsed URL as the connection will use it: no brackets, no trailing dot, lower case. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
}

/** Parses by WHATWG rules and applies every check that needs no network. */
export function parseCallbackUrl(url: string, options: CallbackUrlOptions = {}): { ok: true; url: URL; host: string; ip: boolean } | { ok: false; problem: string } {
  const allowInsecure = options.allowInsecure ?? env.ALLOW_INSECURE_CALLBACKS;
  if (url.length > CALLBACK_URL_MAX_LENGTH) return { ok: false, problem: `The callback URL is longer than ${CALLBACK_URL_MAX_LENGTH} characters.` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: "The callback URL is not a valid URL: it should look like https://hooks.example.com/porting." };
  }
  if (parsed.protocol !== "https:" && !(allowInsecure && parsed.protocol === "http:")) {
    return {
      ok: false,
      problem: allowInsecure ? "The callback URL must start with https:// (or http://)." : "The callback URL must start with https://.",
    };
  }
  if (parsed.username || parsed.password) {
    // Credentials in a URL end up in logs and delivery records; the signature authenticates us.
    return { ok: false, problem: "The callback URL must not contain a user name or password: the signature tells you the callback is ours." };
  }
  const host = urlHost(parsed);
  if (isIP(host)) {
    const problem = addressProblem(host, allowInsecure);
    return problem ? { ok: false, problem } : { ok: true, url: parsed, host, ip: true };
  }
  const problem = localNameProblem(host, allowInsecure);
  return problem ? { ok: false, problem } : { ok: true, url: parsed, host, ip: false };
}

/**
 * Why a URL that passed the guard can still never be delivered, or null: reserved names that never
 * resolve on the public internet (RFC 2606 / 6761 / 7686), host names no DNS can hold, port 0.
 * Checked when a URL is given (create), not at delivery: stored URLs keep being retried as before.
 */
export function undeliverableProblem(url: URL, host: string): string | null {
  if (url.port === "0") return "The callback URL's port must be between 1 and 65535: nothing can receive on port 0.";
  if (isIP(host)) return null;
  const reserved = [".invalid", ".test", ".example", ".onion"].find((suffix) => host.endsWith(suffix) || host === suffix.slice(1));
  if (reserved) {
    return `The callback URL can never be delivered: names ending in ${reserved} do not exist on the public internet. Use your receiver's real host name.`;
  }
  const labels = host.split(".");
  if (labels.some((label) => label === "" || label.length > 63) || host.length > 253) {
    return "The callback URL's host name can't exist: it has an empty label, a label over 63 characters, or is over 253 characters long.";
  }
  return null;
}

/** The static checks (no network): a message for the customer, or null when the URL passes. */
export function callbackUrlProblem(url: string, options: CallbackUrlOptions = {}): string | null {
  const result = parseCallbackUrl(url, options);
  return result.ok ? null : result.problem;
}

export async function systemResolve(host: string): Promise<string[]> {
  const answers = await dnsLookup(host, { all: true, verbatim: true });
  return answers.map((a) => a.address);
}

/** Every address of `host`, or null when it cannot be resolved within the timeout. */
export async function resolveHost(host: string, options: CallbackUrlOptions = {}): Promise<string[] | null> {
  const resolve = options.resolve ?? systemResolve;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<null>((done) => {
      timer = setTimeout(() => done(null), options.resolveTimeoutMs ?? 3_000);
    });
    const addresses = await Promise.race([resolve(host), timeout]);
    return addresses && addresses.length > 0 ? addresses : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The first internal address among `addresses`, as a message naming the host; null when all are public. */
export function resolvedAddressesProblem(host: string, addresses: readonly string[], allowInsecure: boolean): string | null {
  for (const address of addresses) {
    const problem = addressProblem(address, allowInsecure, `${host} resolves to ${address}, which`);
    if (problem) return problem;
  }
  return null;
}

/**
 * Throws a ValidationError on `callbackUrl` when the URL may not receive callbacks: the static
 * checks, then the host name's current addresses. A name that cannot be resolved now is accepted
 * (it is checked again at every delivery).
 */
export async function assertCallbackUrlAllowed(url: string, options: CallbackUrlOptions = {}): Promise<void> {
  const allowInsecure = options.allowInsecure ?? env.ALLOW_INSECURE_CALLBACKS;
  const parsed = parseCallbackUrl(url, { ...options, allowInsecure });
  if (!parsed.ok) throw new ValidationError({ callbackUrl: [parsed.problem] });
  const undeliverable = undeliverableProblem(parsed.url, parsed.host);
  if (undeliverable) throw new ValidationError({ callbackUrl: [undeliverable] });
  if (parsed.ip) return;
  const addresses = await resolveHost(parsed.host, options);
  if (!addresses) return;
  const problem = resolvedAddressesProblem(parsed.host, addresses, allowInsecure);
  if (problem) throw new ValidationError({ callbackUrl: [problem] });
}

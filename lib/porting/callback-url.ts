import { BlockList, isIP } from "node:net";
import { env } from "@/lib/env";
import { ValidationError } from "@/lib/errors";

// ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
// │ HOOK: the callback URL guard (SSRF). Today: scheme and IP literals only. The deeper guard of  │
// │ DESIGN.md (resolve a host name at create time and refuse internal addresses; check again at  │
// │ every delivery) plugs in here, in `assertCallbackUrlAllowed`, which every caller already      │
// │ awaits. Keep the delivery-time check in lib/notifications/webhooks.                           │
// └──────────────────────────────────────────────────────────────────────────────────────────────┘

/** Never a callback target, not even in development: private networks, link-local (cloud metadata), multicast, reserved. */
const ALWAYS_REFUSED = new BlockList();
ALWAYS_REFUSED.addSubnet("0.0.0.0", 8, "ipv4");
ALWAYS_REFUSED.addSubnet("10.0.0.0", 8, "ipv4");
ALWAYS_REFUSED.addSubnet("100.64.0.0", 10, "ipv4"); // carrier-grade NAT
ALWAYS_REFUSED.addSubnet("169.254.0.0", 16, "ipv4"); // link-local, including 169.254.169.254 metadata
ALWAYS_REFUSED.addSubnet("172.16.0.0", 12, "ipv4");
ALWAYS_REFUSED.addSubnet("192.0.0.0", 24, "ipv4");
ALWAYS_REFUSED.addSubnet("192.168.0.0", 16, "ipv4");
ALWAYS_REFUSED.addSubnet("198.18.0.0", 15, "ipv4");
ALWAYS_REFUSED.addSubnet("224.0.0.0", 4, "ipv4"); // multicast
ALWAYS_REFUSED.addSubnet("240.0.0.0", 4, "ipv4"); // reserved and broadcast
ALWAYS_REFUSED.addAddress("::", "ipv6");
ALWAYS_REFUSED.addSubnet("fc00::", 7, "ipv6"); // unique local
ALWAYS_REFUSED.addSubnet("fe80::", 10, "ipv6"); // link-local
ALWAYS_REFUSED.addSubnet("ff00::", 8, "ipv6"); // multicast

/** Loopback: allowed only with ALLOW_INSECURE_CALLBACKS (development and tests receive callbacks locally). */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

export type CallbackUrlOptions = {
  /** Defaults to ALLOW_INSECURE_CALLBACKS: plain http and loopback addresses become acceptable. */
  allowInsecure?: boolean;
};

export const CALLBACK_URL_MAX_LENGTH = 2000;

/** The static checks (no network): a message for the customer, or null when the URL passes. */
export function callbackUrlProblem(url: string, options: CallbackUrlOptions = {}): string | null {
  const allowInsecure = options.allowInsecure ?? env.ALLOW_INSECURE_CALLBACKS;
  if (url.length > CALLBACK_URL_MAX_LENGTH) return `The callback URL is longer than ${CALLBACK_URL_MAX_LENGTH} characters.`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "The callback URL is not a valid URL.";
  }
  if (parsed.protocol !== "https:" && !(allowInsecure && parsed.protocol === "http:")) {
    return "The callback URL must start with https://.";
  }
  if (parsed.username || parsed.password) {
    // Credentials in a URL end up in logs and delivery records; the signature authenticates us.
    return "The callback URL must not contain a user name or password.";
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  const family = isIP(host);
  const internal = "The callback URL must not point at a private, loopback or link-local address.";
  if (family === 0) {
    // Host names are resolved by the deeper guard (see the HOOK above); "localhost" needs no DNS.
    if (host === "localhost" || host.endsWith(".localhost")) return allowInsecure ? null : internal;
    return null;
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (ALWAYS_REFUSED.check(host, type)) return internal;
  if (LOOPBACK.check(host, type) && !allowInsecure) return internal;
  return null;
}

/**
 * Throws a ValidationError on `callbackUrl` when the URL may not receive callbacks. Async on
 * purpose: the host-name resolution of the full guard goes here without changing any caller.
 */
export async function assertCallbackUrlAllowed(url: string, options: CallbackUrlOptions = {}): Promise<void> {
  const problem = callbackUrlProblem(url, options);
  if (problem) throw new ValidationError({ callbackUrl: [problem] });
}

import { isIP } from "node:net";
import { env } from "@/lib/env";

// Who is asking, for the per-address sign-in limit. The only address the app itself can vouch for
// is its TCP peer; instrumentation.ts appends that peer to X-Forwarded-For on every request (as a
// reverse proxy does), so the LAST entry is always the peer, whatever the client wrote before it.
// Behind TRUST_PROXY reverse proxies (each appending its own peer), the client is the entry that
// many places further left. Anything further left is the client's own claim and never trusted.

/** The client address from X-Forwarded-For with `trustedProxies` hops trusted; null when absent. */
export function clientAddressFrom(forwardedFor: string | null, trustedProxies: number = env.TRUST_PROXY): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  // Fewer hops than trusted proxies: a misconfiguration; the leftmost is the best we have.
  const hop = hops[Math.max(0, hops.length - 1 - trustedProxies)] as string;
  return normaliseAddress(hop);
}

export function clientAddress(headers: Headers): string | null {
  return clientAddressFrom(headers.get("x-forwarded-for"));
}

/**
 * One key per client: IPv4 as is (IPv4-mapped IPv6 unwrapped), IPv6 by its /64 (one machine
 * usually holds a whole /64, so per-address counting would be trivial to dodge). Anything that is
 * no address (a proxy's "unknown", garbage) counts under one shared key rather than none.
 */
export function normaliseAddress(raw: string): string {
  let value = raw.trim().replace(/^\[([^\]]+)\](?::\d+)?$/, "$1");
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.replace(/:\d+$/, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1] as string;
  const kind = isIP(value);
  if (kind === 4) return value;
  if (kind === 6) return `${expandIpv6(value).slice(0, 4).join(":")}::/64`;
  return "unknown";
}

function expandIpv6(value: string): string[] {
  const withoutZone = value.split("%")[0] as string;
  const [head = "", tail] = withoutZone.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; it never reaches the first four.
  const rightGroups = right.flatMap((g) => (g.includes(".") ? ["0", "0"] : [g]));
  const missing = tail === undefined ? 0 : 8 - left.length - rightGroups.length;
  return [...left, ...Array.from({ length: missing }, () => "0"), ...rightGroups].map((g) => (parseInt(g, 16) || 0).toString(16));
}

/**
 * Installed once per process by instrumentation.ts: every incoming HTTP request gets its TCP peer
 * appended to X-Forwarded-For before Next.js sees it. (Next.js itself only fills the header when
 * the client sent none, which would let a client choose its own address.)
 */
export function appendPeerToForwardedFor(serverPrototype: { emit: (...args: never[]) => boolean }): void {
  const marker = Symbol.for("voice-porting.forwarded-for-installed");
  const proto = serverPrototype as unknown as Record<symbol, unknown> & {
    emit: (event: string, ...args: unknown[]) => boolean;
  };
  if (proto[marker]) return;
  proto[marker] = true;
  const original = proto.emit;
  proto.emit = function emit(this: unknown, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };
      const peer = req.socket?.remoteAddress;
      if (peer) {
        const existing = req.headers["x-forwarded-for"];
        const before = (Array.isArray(existing) ? existing.join(", ") : existing ?? "").trim();
        req.headers["x-forwarded-for"] = before ? `${before}, ${peer}` : peer;
      }
    }
    return original.call(this, event, ...args);
  };
}

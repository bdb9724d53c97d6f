import { isIP } from "node:net";
import { env } from "@/lib/env";
import { parseCallbackUrl, resolvedAddressesProblem, resolveHost, type CallbackUrlOptions } from "@/lib/porting/callback-url";

// The delivery-time half of the callback URL guard (the create-time half is
// lib/porting/callback-url.ts). Every attempt parses the URL again, resolves the host NOW, checks
// EVERY address, and hands the delivery one checked address to connect to: the connection never
// asks DNS again, so a name that answers "public" to the check and "internal" to the connect (DNS
// rebinding) cannot reach inside.

export type DeliveryTarget = {
  url: URL;
  /** Host name (or IP literal, without brackets) for the Host header and TLS server name. */
  host: string;
  /** The checked address the connection goes to. */
  address: string;
  family: 4 | 6;
};

export type TargetResult = { ok: true; target: DeliveryTarget } | { ok: false; error: string; permanent: boolean };

export async function resolveDeliveryTarget(rawUrl: string, options: CallbackUrlOptions = {}): Promise<TargetResult> {
  const allowInsecure = options.allowInsecure ?? env.ALLOW_INSECURE_CALLBACKS;
  const parsed = parseCallbackUrl(rawUrl, { ...options, allowInsecure });
  // Passed at create time, refused now: the rules (or ALLOW_INSECURE_CALLBACKS) changed. Waiting won't help.
  if (!parsed.ok) return { ok: false, error: parsed.problem, permanent: true };
  if (parsed.ip) {
    return { ok: true, target: { url: parsed.url, host: parsed.host, address: parsed.host, family: isIP(parsed.host) === 6 ? 6 : 4 } };
  }
  const addresses = await resolveHost(parsed.host, { resolveTimeoutMs: 5_000, ...options });
  if (!addresses) return { ok: false, error: `Could not resolve the host name ${parsed.host}.`, permanent: false };
  const problem = resolvedAddressesProblem(parsed.host, addresses, allowInsecure);
  // DNS may change back; each retry checks again, and nothing is ever sent to an internal address.
  if (problem) return { ok: false, error: `Not sent: ${problem}`, permanent: false };
  const address = addresses[0]!;
  return { ok: true, target: { url: parsed.url, host: parsed.host, address, family: isIP(address) === 6 ? 6 : 4 } };
}

import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { DeliveryTarget } from "./url-guard";

// One HTTP attempt of a callback: POST the body to the checked address, 10 s for the whole
// exchange, redirects never followed (node:http does not follow them; a 3xx counts as a failure),
// only 2xx is success. The connection is pinned to `target.address` through a custom `lookup`,
// so the host name is never resolved again between the check and the connect; TLS still
// verifies the certificate against the host name (SNI and checkServerIdentity use `servername`).

export const CALLBACK_TIMEOUT_MS = 10_000;
const USER_AGENT = "VoicePorting-Webhooks/1.0 (+https://www.standardwebhooks.com/)";
const MAX_ERROR_BODY = 300;

export type AttemptResult = {
  ok: boolean;
  statusCode: number | null;
  /** What went wrong, for the delivery record; null on success. */
  error: string | null;
  durationMs: number;
};

export async function postCallback(options: {
  target: DeliveryTarget;
  body: string;
  headers: Record<string, string>;
  timeoutMs?: number;
}): Promise<AttemptResult> {
  const { target, body } = options;
  const timeoutMs = options.timeoutMs ?? CALLBACK_TIMEOUT_MS;
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  const secure = target.url.protocol === "https:";

  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    // Node asks for every address (`all`) when it may race IPv4 and IPv6; either way: only ours.
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
    } else {
      callback(null, target.address, target.family);
    }
  };

  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: duration() });
    };

    const request = (secure ? https : http).request({
      method: "POST",
      protocol: target.url.protocol,
      hostname: target.host,
      port: target.url.port || (secure ? 443 : 80),
      path: `${target.url.pathname}${target.url.search}`,
      headers: {
        ...options.headers,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": USER_AGENT,
      },
      lookup: pinned,
      // No pooled sockets: each attempt connects afresh to the address checked for it.
      agent: false,
      ...(secure && !isIpLiteral(target.host) ? { servername: target.host } : {}),
    });

    const timer = setTimeout(() => {
      finish({ ok: false, statusCode: null, error: `No answer within ${timeoutMs % 1000 === 0 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}.` });
      request.destroy();
    }, timeoutMs);

    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        if (size < MAX_ERROR_BODY) chunks.push(chunk);
        size += chunk.length;
      });
      const done = () => {
        if (status >= 200 && status < 300) return finish({ ok: true, statusCode: status, error: null });
        if (status >= 300 && status < 400) {
          const location = response.headers.location;
          return finish({
            ok: false,
            statusCode: status,
            error: `HTTP ${status}: redirects are not followed${location ? ` (to ${truncate(location, 200)})` : ""}. Give the final URL as the callback URL.`,
          });
        }
        const text = Buffer.concat(chunks).toString("utf8").replace(/\s+/g, " ").trim();
        const reason = response.statusMessage ? ` ${response.statusMessage}` : "";
        finish({ ok: false, statusCode: status, error: `HTTP ${status}${reason}${text ? `: ${truncate(text, MAX_ERROR_BODY)}` : ""}` });
      };
      response.on("end", done);
      response.on("error", () => done());
      response.on("aborted", () => done());
    });
    request.on("error", (error) => finish({ ok: false, statusCode: null, error: describeNetworkError(error, target) }));
    request.end(body);
  });
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function describeNetworkError(error: Error & { code?: string }, target: DeliveryTarget): string {
  const where = `${target.host}${target.address !== target.host ? ` (${target.address})` : ""}`;
  switch (error.code) {
    case "ECONNREFUSED":
      return `Connection refused by ${where}.`;
    case "ECONNRESET":
      return `The connection to ${where} was closed before an answer.`;
    case "ETIMEDOUT":
    case "ESOCKETTIMEDOUT":
      return `Could not connect to ${where} in time.`;
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${where} is unreachable.`;
    case "CERT_HAS_EXPIRED":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `TLS certificate of ${target.host} not accepted: ${error.message}`;
    default:
      return `${error.code ? `${error.code}: ` : ""}${error.message}`;
  }
}

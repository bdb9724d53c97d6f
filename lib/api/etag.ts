import "server-only";
import { createHash } from "node:crypto";

// ETag / If-None-Match for the API's reads (GET a request, the list): a client that already holds
// the current JSON gets 304 Not Modified and no body.
//
// The tag is a hash of the exact bytes of the body, so it is a strong validator by construction:
// it changes whenever anything in the JSON changes — a status, a comment, a renamed account, a
// field someone adds next month, the caller's allowed actions — and never otherwise. A tag made
// from version / updated_at would need every writer of every part of the JSON to bump them (some
// parts deliberately do not: the "waiting for you" markers), and would be wrong silently when one
// forgets. The price is building the body before answering 304: the same single query and a
// JSON.stringify, which the 304 path saves only the sending of (measured in bench/README.md).

/** `"<22 base64url chars>"`: 132 bits of SHA-256 of the body. */
export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
}

/**
 * Whether If-None-Match names the current tag. RFC 9110 §13.1.2: a list of tags or `*`, compared
 * weakly (a `W/` prefix is ignored), so a proxy that weakened our tag still gets its 304.
 */
export function noneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((candidate) => candidate.trim().replace(/^W\//, "") === etag);
}

/**
 * The body as JSON with its ETag, or 304 when the client's copy is current. `private, no-cache`:
 * a browser may keep the copy but must ask every time (the app's own fetches revalidate with
 * If-None-Match by themselves); no shared cache may keep it. Vary: the JSON depends on the caller.
 */
export function jsonWithETag(request: Request, body: unknown): Response {
  return jsonTextWithETag(request, JSON.stringify(body));
}

/** `jsonWithETag` for a body already written as JSON text. */
export function jsonTextWithETag(request: Request, text: string): Response {
  const etag = etagOf(text);
  const headers = { etag, "cache-control": "private, no-cache", vary: "Authorization, Cookie" };
  if (noneMatch(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { headers: { "content-type": "application/json", ...headers } });
}

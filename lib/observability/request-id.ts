// The X-Request-Id rules, with no Node.js imports so proxy.ts can use them too.

export const REQUEST_ID_HEADER = "x-request-id";

// A proxy's id is kept only when it looks like an id: short, and nothing a log line or a header
// could be abused with (no spaces, quotes, newlines).
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

export function saneRequestId(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && SANE_ID.test(trimmed) ? trimmed : null;
}

export function newRequestId(): string {
  return globalThis.crypto.randomUUID();
}

/** The incoming X-Request-Id when a proxy set a sane one, else a new id. */
export function requestIdFrom(headers: Headers): string {
  return saneRequestId(headers.get(REQUEST_ID_HEADER)) ?? newRequestId();
}

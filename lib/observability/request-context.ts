import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

// One request's identity, carried through everything it calls without passing it along: the log
// lines it writes (lib/observability/logger.ts mixes the id in), the status changes it makes
// (lib/porting/notify.ts stores the id on the queued deliveries) and so the worker's line for the
// callback attempt that change caused. Route handlers get it from lib/api/route.ts, server actions
// from lib/auth/action.ts; proxy.ts puts the id on the request and the response first.

export const REQUEST_ID_HEADER = "x-request-id";

export type RequestContext = {
  requestId: string;
  /** Filled in once the caller is known. */
  accountId?: string;
  apiKeyId?: string | null;
};

const storage = new AsyncLocalStorage<RequestContext>();

// A proxy's id is kept only when it looks like an id: short, and nothing a log line or a header
// could be abused with (no spaces, quotes, newlines).
const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

export function saneRequestId(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && SANE_ID.test(trimmed) ? trimmed : null;
}

export function newRequestId(): string {
  return randomUUID();
}

/** The incoming X-Request-Id when a proxy set a sane one, else a new id. */
export function requestIdFrom(headers: Headers): string {
  return saneRequestId(headers.get(REQUEST_ID_HEADER)) ?? newRequestId();
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

import { AsyncLocalStorage } from "node:async_hooks";

// One request's identity, carried through everything it calls without passing it along: the log
// lines it writes (lib/observability/logger.ts mixes the id in), the status changes it makes
// (lib/porting/notify.ts stores the id on the queued deliveries) and so the worker's line for the
// callback attempt that change caused. Route handlers get it from lib/api/route.ts, server actions
// from lib/auth/action.ts; proxy.ts puts the id on the request and the response first.

export { newRequestId, REQUEST_ID_HEADER, requestIdFrom, saneRequestId } from "./request-id";

export type RequestContext = {
  requestId: string;
  /** Filled in once the caller is known. */
  accountId?: string;
  apiKeyId?: string | null;
};

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

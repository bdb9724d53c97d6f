// Errors that mean "the database cannot be reached right now", as opposed to errors of a query:
// API calls answer them with 503 and Retry-After (lib/api/problem.ts), pages with a page that
// retries, and reads that lost their connection mid-flight are retried once (db/index.ts).

/** The connection broke while a query was in flight: the query may or may not have run. */
const LOST = new Set([
  // postgres.js
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  // the socket
  "ECONNRESET",
  "EPIPE",
  // PostgreSQL: admin_shutdown (pg_terminate_backend, a fast shutdown), crash_shutdown (another backend crashed)
  "57P01",
  "57P02",
]);

/** No connection can be made, or the server is going away. */
const UNREACHABLE = new Set([
  "CONNECTION_ENDED", // the pool is being closed (the server is stopping)
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
]);

function codes(error: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown) => {
    if (!e || typeof e !== "object" || seen.has(e) || seen.size > 10) return;
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") found.push(code);
    // Drizzle wraps the driver's error in DrizzleQueryError (cause); a failed connect to several
    // addresses is an AggregateError (errors).
    visit((e as { cause?: unknown }).cause);
    const list = (e as { errors?: unknown }).errors;
    if (Array.isArray(list)) list.forEach(visit);
  };
  visit(error);
  return found;
}

/** The connection was lost while the query ran (a read may be retried on a fresh connection). */
export function isConnectionLost(error: unknown): boolean {
  return codes(error).some((code) => LOST.has(code));
}

/** The database is unreachable or went away: try again later, nothing is wrong with the request. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return codes(error).some((code) => LOST.has(code) || UNREACHABLE.has(code) || code.startsWith("08"));
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Runs `statement` once more when its connection was lost mid-flight. Only for statements that
 * may run twice without harm, and only outside a transaction: an idempotent update (a
 * last-used-at touch) or a counter where counting one request twice is fine (the rate limit).
 */
export async function onceMoreIfLost<T>(statement: () => Promise<T>): Promise<T> {
  try {
    return await statement();
  } catch (error) {
    if (!isConnectionLost(error)) throw error;
    return statement();
  }
}

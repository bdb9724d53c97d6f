import "server-only";
import { isDatabaseUnavailable, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@/db/unavailable";
import { isDomainError, type FieldErrors } from "@/lib/errors";

// RFC 9457 problem details, the one error format of /api/v1. Every status the API can answer has
// a `type` that points at its explanation on /docs/api, so an integrator can look any error up.
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldErrors;
  [extension: string]: unknown;
};

/** slug, title and when it happens: the reference page renders this table. */
export const PROBLEM_TYPES = {
  400: { slug: "bad-request", title: "Malformed request", when: "The body is not valid JSON, or a header (such as Idempotency-Key) is malformed." },
  401: { slug: "unauthorized", title: "Authentication required", when: "No API key, a malformed or unknown key, or a revoked key." },
  403: { slug: "forbidden", title: "Forbidden", when: "The key's role may never use this endpoint, such as a customer key on a support endpoint." },
  404: { slug: "not-found", title: "Not found", when: "The id is unknown, is not a UUID, or belongs to another account." },
  409: { slug: "conflict", title: "Conflict", when: "The action does not fit the request's current status or country, another change won a race, or an idempotent create with the same key is still in flight. Carries `currentStatus` and `allowedActions` where a request is involved." },
  410: { slug: "gone", title: "Gone", when: "GET /api/v1/events with a Last-Event-ID that is not kept any more (events are kept 7 days) or is not one of yours: read the current state and reconnect without it." },
  413: { slug: "payload-too-large", title: "Request body too large", when: "The body is larger than 1 MB." },
  415: { slug: "unsupported-media-type", title: "Unsupported media type", when: "A body was sent with a Content-Type other than application/json." },
  422: { slug: "validation", title: "Validation failed", when: "The JSON is well formed but a field is missing, unknown or wrong. `errors` names every field (`phoneNumbers.2` is the third number) with what to fix." },
  429: { slug: "rate-limited", title: "Too many requests", when: "The key made more requests this minute than its limit. Wait the seconds in the Retry-After header." },
  500: { slug: "internal", title: "Internal error", when: "Something failed on our side; nothing was changed. Try again." },
  503: { slug: "unavailable", title: "Service unavailable", when: "The database cannot be reached for a moment (a restart, a failover). Wait the seconds in the Retry-After header and try again; retry a create with the same Idempotency-Key, so it is never made twice." },
} as const satisfies Record<number, { slug: string; title: string; when: string }>;

export type ProblemStatus = keyof typeof PROBLEM_TYPES;

export function problemType(status: number): string {
  const known = PROBLEM_TYPES[status as ProblemStatus];
  return `/docs/api#problem-${known?.slug ?? "error"}`;
}

export function problemBody(status: number, detail: string, extra: Record<string, unknown> = {}): Problem {
  const title = PROBLEM_TYPES[status as ProblemStatus]?.title ?? "Error";
  return { type: problemType(status), title, status, detail, ...extra };
}

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(problemBody(status, detail, extra)), {
    status,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store", ...headers },
  });
}

/** An HTTP-level refusal raised at the API edge (body parsing, headers, idempotency, rate limits). */
export class HttpProblem extends Error {
  constructor(
    readonly status: ProblemStatus,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "HttpProblem";
  }
}

export function problemFromError(error: unknown): Response {
  if (error instanceof HttpProblem) return problem(error.status, error.detail, error.extra, error.headers);
  if (isDomainError(error)) {
    const e = error as unknown as Record<string, unknown>;
    switch (error.kind) {
      case "not_found":
        return problem(404, error.message);
      case "unauthorized":
        return problem(401, error.message, {}, { "www-authenticate": "Bearer" });
      case "forbidden":
        return problem(403, error.message);
      case "conflict":
        return problem(409, error.message, (e.details as Record<string, unknown>) ?? {});
      case "validation":
        return problem(422, error.message, { errors: e.fieldErrors });
      case "rate_limited":
        return problem(429, error.message, {}, { "retry-after": String(e.retryAfterSeconds) });
    }
  }
  if (isDatabaseUnavailable(error)) {
    // Not a fault of the request: a 503 the client can retry (a create with its Idempotency-Key).
    console.error(`Database unavailable: ${describeUnavailable(error)}`);
    return problem(
      503,
      `The service cannot reach its database right now. Try again in ${UNAVAILABLE_RETRY_AFTER_SECONDS} s; retry a create with the same Idempotency-Key.`,
      {},
      { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    );
  }
  // Database and programming errors are logged, never shown.
  console.error(error);
  return problem(500, "Something went wrong on our side. Please try again.");
}

function describeUnavailable(error: unknown): string {
  const inner = (error as { cause?: unknown })?.cause ?? error;
  return inner instanceof Error ? `${(inner as { code?: string }).code ?? inner.name} ${inner.message}` : String(inner);
}

import "server-only";
import { isDomainError, type FieldErrors } from "@/lib/errors";

// RFC 9457 problem details, the one error format of /api/v1.
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldErrors;
  [extension: string]: unknown;
};

const TYPES: Record<number, [string, string]> = {
  400: ["bad-request", "Malformed request"],
  401: ["unauthorized", "Authentication required"],
  403: ["forbidden", "Forbidden"],
  404: ["not-found", "Not found"],
  409: ["conflict", "Conflict"],
  413: ["payload-too-large", "Request body too large"],
  415: ["unsupported-media-type", "Unsupported media type"],
  422: ["validation", "Validation failed"],
  429: ["rate-limited", "Too many requests"],
  500: ["internal", "Internal error"],
};

export function problem(status: number, detail: string, extra: Record<string, unknown> = {}, headers: HeadersInit = {}): Response {
  const [slug, title] = TYPES[status] ?? ["error", "Error"];
  const body: Problem = { type: `/docs/api#problem-${slug}`, title, status, detail, ...extra };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

export function problemFromError(error: unknown): Response {
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
  console.error(error);
  return problem(500, "Something went wrong on our side. Please try again.");
}

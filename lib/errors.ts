// One error taxonomy for the domain. Adapters map it once, at the edge: route handlers to
// problem+json, server actions to form results. Database errors never reach a user as text.

export type FieldErrors = Record<string, string[]>;

export abstract class DomainError extends Error {
  abstract readonly kind: "not_found" | "forbidden" | "unauthorized" | "conflict" | "validation" | "rate_limited";
}

export class NotFoundError extends DomainError {
  readonly kind = "not_found";
  constructor(readonly resource: string = "resource") {
    super(`The ${resource} was not found.`);
  }
}

export class UnauthorizedError extends DomainError {
  readonly kind = "unauthorized";
  constructor(message = "Sign in to continue.") {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = "forbidden";
  constructor(message = "You are not allowed to do this.") {
    super(message);
  }
}

/** The action does not fit the current state (status, country, a lost race). */
export class ConflictError extends DomainError {
  readonly kind = "conflict";
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Input that does not pass validation; `fieldErrors` names every field and its problems. */
export class ValidationError extends DomainError {
  readonly kind = "validation";
  constructor(
    readonly fieldErrors: FieldErrors,
    message = "Some fields need attention.",
  ) {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  readonly kind = "rate_limited";
  constructor(
    readonly retryAfterSeconds: number,
    message = "Too many attempts. Try again later.",
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

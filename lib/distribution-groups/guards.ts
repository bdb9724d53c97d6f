import type { CustomerActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";

// Small guards shared by the account verbs (company profiles, distribution groups, voice numbers).

/** The type says customer; an adapter that passes a support session must still be refused. */
export function assertCustomer(actor: CustomerActor): void {
  if ((actor as { role: string }).role !== "customer" || !actor.accountId) {
    throw new ForbiddenError("Only a customer account has company profiles, distribution groups and numbers.");
  }
}

/** The PostgreSQL error under drizzle's wrapper (DrizzleQueryError.cause), or null. */
export function postgresError(error: unknown): { code: string; constraint?: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint_name?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        ...(typeof candidate.constraint_name === "string" ? { constraint: candidate.constraint_name } : {}),
      };
    }
  }
  return null;
}

export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";

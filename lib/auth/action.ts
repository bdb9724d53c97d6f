import "server-only";
import type { z } from "zod";
import { isDomainError, type FieldErrors } from "@/lib/errors";
import { actionRequestContext } from "@/lib/observability/action-context";
import { getLogger } from "@/lib/observability/logger";
import { runWithRequestContext } from "@/lib/observability/request-context";
import { fieldErrorsFromZod, nulCharacterErrors } from "@/lib/shared/validation";
import type { Actor, CustomerActor, SupportActor } from "./actor";
import { getSessionActor } from "./session";

// Every server action goes through `action()`: a server action is a public POST endpoint, and a
// layout's check does not protect it. The wrapper resolves the caller from the session, refuses
// the wrong role, parses the input with the verb's zod schema and maps domain errors to a result
// the form can show. Nothing else may call a verb from an action.

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: "unauthorized" | "forbidden" | "not_found" | "conflict" | "validation" | "rate_limited" | "error";
      message: string;
      fieldErrors?: FieldErrors;
      details?: Record<string, unknown>;
    };

type Role = Actor["role"];
type ActorFor<R extends Role> = R extends "customer" ? CustomerActor : R extends "support" ? SupportActor : never;

/**
 * Field errors as a plain object for the client. The maps have no prototype (a field named
 * "__proto__" is just a key), and React refuses to send a null-prototype object to a client
 * component: the action would throw instead of answering, and no form would show its errors.
 * Object.fromEntries defines each key as an own property, so the copy is as safe.
 */
function forClient(errors: FieldErrors | undefined): FieldErrors | undefined {
  return errors ? (Object.fromEntries(Object.entries(errors)) as FieldErrors) : undefined;
}

export function toActionError(error: unknown): ActionResult<never> {
  if (isDomainError(error)) {
    switch (error.kind) {
      case "validation":
        return { ok: false, code: "validation", message: error.message, fieldErrors: forClient((error as { fieldErrors?: FieldErrors }).fieldErrors) };
      case "conflict":
        return { ok: false, code: "conflict", message: error.message, details: (error as { details?: Record<string, unknown> }).details };
      default:
        return { ok: false, code: error.kind, message: error.message };
    }
  }
  // Database and programming errors are logged, never shown.
  getLogger().error({ err: error }, "server action failed");
  return { ok: false, code: "error", message: "Something went wrong on our side. Please try again." };
}

export function action<R extends Role, S extends z.ZodType, T>(
  options: { roles: readonly R[]; input: S },
  handler: (actor: ActorFor<R>, input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  // Runs in the request context (lib/observability): the status changes an action makes carry
  // its request id to the deliveries they queue.
  return async (raw) => {
    const context = await actionRequestContext();
    return runWithRequestContext(context, async (): Promise<ActionResult<T>> => {
      try {
        const actor = await getSessionActor();
        if (!actor) return { ok: false, code: "unauthorized", message: "Your session has ended. Sign in again." };
        context.accountId = actor.accountId ?? undefined;
        if (!(options.roles as readonly Role[]).includes(actor.role)) {
          return { ok: false, code: "forbidden", message: "You are not allowed to do this." };
        }
        const parsed = options.input.safeParse(raw);
        if (!parsed.success) {
          return { ok: false, code: "validation", message: "Some fields need attention.", fieldErrors: forClient(fieldErrorsFromZod(parsed.error)) };
        }
        // PostgreSQL text can't hold U+0000: named by field here rather than failing in the insert.
        const nul = nulCharacterErrors(parsed.data);
        if (nul) return { ok: false, code: "validation", message: "Some fields need attention.", fieldErrors: forClient(nul) };
        return { ok: true, data: await handler(actor as ActorFor<R>, parsed.data) };
      } catch (error) {
        return toActionError(error);
      }
    });
  };
}

/**
 * For the few actions with no caller by nature (accepting an invitation, forgotten and reset
 * passwords): the link token or email in the input is the only credential, and the verb checks
 * it. Same parsing and error mapping as `action()`.
 */
export function publicAction<S extends z.ZodType, T>(
  options: { input: S },
  handler: (input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const parsed = options.input.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, code: "validation", message: "Some fields need attention.", fieldErrors: forClient(fieldErrorsFromZod(parsed.error)) };
      }
      return { ok: true, data: await handler(parsed.data) };
    } catch (error) {
      return toActionError(error);
    }
  };
}

import type { Actor, SupportActor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";

// Support's reads span every account, so each verb checks its caller itself (STYLE.md habit 1):
// a page or route that forgot its role check must still not show a customer other accounts.
export function assertSupport(actor: Actor, what = "This is for support staff only."): asserts actor is SupportActor {
  if (actor.role !== "support") throw new ForbiddenError(what);
}

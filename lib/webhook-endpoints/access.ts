import "server-only";
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import type { Actor, CustomerActor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";

// Who may see or change webhook endpoints (DESIGN.md, "Decisions of the second wave": admins
// manage their account's webhook endpoints and signing secrets). Reading (the endpoints, their
// deliveries) is for every user of the account, since members run integrations too and need to see
// why one receives nothing; support reads every account's. Changing, rotating, testing and
// resending are the account admin's: a member gets 403. Another account's id is a 404 for
// everyone, checked before the role, so ids cannot be probed.

export type EndpointAccess = "read" | "manage";

type EndpointRow = typeof webhookEndpoints.$inferSelect;

export const MANAGE_FORBIDDEN = "Only an admin of this account can change its webhook endpoints; ask one of your account's admins.";

/** The actor may create and change endpoints (an admin of its account); Forbidden otherwise. */
export function assertEndpointManager(actor: Actor): asserts actor is CustomerActor {
  if (actor.role !== "customer") throw new ForbiddenError("Webhook endpoints are managed by the account's admins.");
  if (actor.accountRole !== "admin") throw new ForbiddenError(MANAGE_FORBIDDEN);
}

/** The endpoint `id` as the actor may use it: NotFound for another account's (or a malformed) id, Forbidden for a member who would change it. */
export async function getEndpointForActor(db: Executor, actor: Actor, id: string, access: EndpointAccess, options: { forUpdate?: boolean } = {}): Promise<EndpointRow> {
  if (!isUuid(id)) throw new NotFoundError("webhook endpoint");
  const where = actor.role === "customer" ? and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.accountId, actor.accountId)) : eq(webhookEndpoints.id, id);
  const query = db.select().from(webhookEndpoints).where(where).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("webhook endpoint");
  if (access === "manage") assertEndpointManager(actor);
  return row;
}

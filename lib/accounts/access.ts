import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { accounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";

// Who may see or manage an account (DESIGN.md, "Decisions of the second wave"): support every
// account; a customer only its own (another account's id is a 404, never a 403, so ids cannot be
// probed); managing users and invitations needs the account's admin role (a member gets 403).

export type AccountAccess = "read" | "manage";

/** The account id the actor may act on, or NotFound / Forbidden. Checks the account exists. */
export async function requireAccountAccess(actor: Actor, accountId: string, access: AccountAccess, db: Executor = getDb()): Promise<string> {
  if (!isUuid(accountId)) throw new NotFoundError("account");
  if (actor.role === "customer") {
    if (actor.accountId !== accountId) throw new NotFoundError("account");
    if (access === "manage" && actor.accountRole !== "admin") {
      throw new ForbiddenError("Only an admin of this account can manage its users and invitations.");
    }
    return accountId;
  }
  const [row] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!row) throw new NotFoundError("account");
  return row.id;
}

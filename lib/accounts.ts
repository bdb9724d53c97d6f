import "server-only";
import { eq } from "drizzle-orm";
import { getDb, schema } from "@/db";
import type { CustomerActor } from "@/lib/auth/actor";

export async function getOwnAccount(actor: CustomerActor) {
  const [account] = await getDb()
    .select({ id: schema.accounts.id, name: schema.accounts.name, country: schema.accounts.country })
    .from(schema.accounts)
    .where(eq(schema.accounts.id, actor.accountId))
    .limit(1);
  if (!account) throw new Error(`Account ${actor.accountId} of user ${actor.userId} is missing`);
  return account;
}

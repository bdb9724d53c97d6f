import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { accounts } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { generateSigningSecret } from "./webhooks/sign";

// The account's Standard Webhooks signing secret, shown and rotatable on the Settings page by the
// account's own customers (never another account's: the account is the actor's).
//
// Rotation keeps the previous secret signing for ROTATION_OVERLAP_HOURS: every callback meanwhile
// carries two signatures (`v1,<new> v1,<old>`), so a receiver verifying with either keeps
// working while it is switched over. Rotating again within that time drops the oldest secret.

export const ROTATION_OVERLAP_HOURS = 24;

export type SigningSecretView = {
  secret: string;
  /** Until when the previous secret also signs; null when there is none (or it has expired). */
  previousValidUntil: string | null;
};

function assertCustomer(actor: CustomerActor) {
  if ((actor as { role: string }).role !== "customer") throw new ForbiddenError("Only the account's own users can see its signing secret.");
}

export async function getSigningSecret(actor: CustomerActor, db: Db = getDb()): Promise<SigningSecretView> {
  assertCustomer(actor);
  const [row] = await db
    .select({
      secret: accounts.signingSecret,
      previousValidUntil: sql<Date | null>`case when ${accounts.previousSigningSecretExpiresAt} > now() then ${accounts.previousSigningSecretExpiresAt} end`.mapWith(accounts.previousSigningSecretExpiresAt),
    })
    .from(accounts)
    .where(eq(accounts.id, actor.accountId))
    .limit(1);
  if (!row) throw new NotFoundError("account");
  return { secret: row.secret, previousValidUntil: row.previousValidUntil ? row.previousValidUntil.toISOString() : null };
}

export async function rotateSigningSecret(actor: CustomerActor, db: Db = getDb()): Promise<SigningSecretView> {
  assertCustomer(actor);
  const [row] = await db
    .update(accounts)
    .set({
      previousSigningSecret: sql`${accounts.signingSecret}`,
      previousSigningSecretExpiresAt: sql`now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS})`,
      signingSecret: generateSigningSecret(),
    })
    .where(eq(accounts.id, actor.accountId))
    .returning({ secret: accounts.signingSecret, previousValidUntil: accounts.previousSigningSecretExpiresAt });
  if (!row) throw new NotFoundError("account");
  return { secret: row.secret, previousValidUntil: row.previousValidUntil ? row.previousValidUntil.toISOString() : null };
}

/** Stops signing with the previous secret now (the receiver has switched over). */
export async function retirePreviousSigningSecret(actor: CustomerActor, db: Db = getDb()): Promise<SigningSecretView> {
  assertCustomer(actor);
  const [row] = await db
    .update(accounts)
    .set({ previousSigningSecret: null, previousSigningSecretExpiresAt: null })
    .where(eq(accounts.id, actor.accountId))
    .returning({ secret: accounts.signingSecret });
  if (!row) throw new NotFoundError("account");
  return { secret: row.secret, previousValidUntil: null };
}

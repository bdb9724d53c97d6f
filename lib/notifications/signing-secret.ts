import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { accounts } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { generateSigningSecret } from "./webhooks/sign";

// The account's Standard Webhooks signing secret, shown and rotatable on the Settings page by the
// account's own customers (never another account's: the account is the actor's).
//
// Rotation keeps the previous secret signing for ROTATION_OVERLAP_HOURS: every callback meanwhile
// carries two signatures (`v1,<new> v1,<old>`), so a receiver verifying with either keeps
// working while it is switched over. Rotating again within that time drops the oldest secret.
//
// Every user of the account may see the secret (their receivers need it); rotating and retiring
// are an admin's (DESIGN.md, "Decisions of the second wave"), and each is in the audit log, in
// the same transaction, without the secret itself.

export const ROTATION_OVERLAP_HOURS = 24;

export type SigningSecretView = {
  secret: string;
  /** Until when the previous secret also signs; null when there is none (or it has expired). */
  previousValidUntil: string | null;
};

function assertCustomer(actor: CustomerActor) {
  if ((actor as { role: string }).role !== "customer") throw new ForbiddenError("Only the account's own users can see its signing secret.");
}

function assertAdmin(actor: CustomerActor) {
  assertCustomer(actor);
  if (actor.accountRole !== "admin") throw new ForbiddenError("Only an admin of this account can rotate its signing secret.");
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
  const apiKeyId = callerApiKeyId();
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({
        previousSigningSecret: sql`${accounts.signingSecret}`,
        previousSigningSecretExpiresAt: sql`now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS})`,
        signingSecret: generateSigningSecret(),
      })
      .where(eq(accounts.id, actor.accountId))
      .returning({ secret: accounts.signingSecret, previousValidUntil: accounts.previousSigningSecretExpiresAt });
    if (!row) throw new NotFoundError("account");
    // The secrets stay out of the log: what it says is that one was made and how long the old one still signs.
    await recordAudit(tx, actor, {
      accountId: actor.accountId,
      action: "signing_secret.rotated",
      objectType: "signing_secret",
      objectId: actor.accountId,
      changes: { previousSignsUntil: row.previousValidUntil },
    }, apiKeyId);
    return { secret: row.secret, previousValidUntil: row.previousValidUntil ? row.previousValidUntil.toISOString() : null };
  });
}

/** Stops signing with the previous secret now (the receiver has switched over). */
export async function retirePreviousSigningSecret(actor: CustomerActor, db: Db = getDb()): Promise<SigningSecretView> {
  const apiKeyId = callerApiKeyId();
  assertAdmin(actor);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({ until: accounts.previousSigningSecretExpiresAt })
      .from(accounts)
      .where(eq(accounts.id, actor.accountId))
      .for("update");
    const [row] = await tx
      .update(accounts)
      .set({ previousSigningSecret: null, previousSigningSecretExpiresAt: null })
      .where(eq(accounts.id, actor.accountId))
      .returning({ secret: accounts.signingSecret });
    if (!before || !row) throw new NotFoundError("account");
    // Nothing to record when no previous secret was kept (retiring twice changes nothing).
    if (before.until) {
      await recordAudit(tx, actor, {
        accountId: actor.accountId,
        action: "signing_secret.previous_retired",
        objectType: "signing_secret",
        objectId: actor.accountId,
        changes: { previousSignsUntil: { from: before.until, to: null } },
      }, apiKeyId);
    }
    return { secret: row.secret, previousValidUntil: null };
  });
}

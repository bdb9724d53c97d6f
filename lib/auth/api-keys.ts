import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { getDb, schema, type Executor } from "@/db";
import type { Actor } from "./actor";
import { loadActor } from "./users";

// Keys look like `vp_<prefix>_<secret>`; only the SHA-256 of the whole key is stored. The key is
// high-entropy (256 bits), so a fast hash is right here (unlike passwords).
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(
  db: Executor,
  user: { id: string; accountId: string | null },
  name: string,
): Promise<{ id: string; key: string; prefix: string }> {
  const prefix = `vp_${randomBytes(4).toString("hex")}`;
  const key = `${prefix}_${randomBytes(32).toString("base64url")}`;
  const [row] = await db
    .insert(schema.apiKeys)
    .values({ userId: user.id, accountId: user.accountId, name, prefix, hash: hashApiKey(key) })
    .returning({ id: schema.apiKeys.id });
  return { id: row!.id, key, prefix };
}

/** The actor behind a bearer key, or null for an unknown or revoked key. */
export async function actorForApiKey(key: string): Promise<{ actor: Actor; keyId: string } | null> {
  if (!/^vp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(key)) return null;
  const db = getDb();
  const [row] = await db
    .select({ id: schema.apiKeys.id, userId: schema.apiKeys.userId, lastUsedAt: schema.apiKeys.lastUsedAt })
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.hash, hashApiKey(key)), isNull(schema.apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  const actor = await loadActor(row.userId);
  if (!actor) return null;
  // At most one write a minute per key: "last used" is for people, not an audit log.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(schema.apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(schema.apiKeys.id, row.id));
  }
  return { actor, keyId: row.id };
}

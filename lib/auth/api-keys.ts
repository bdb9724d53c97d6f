import "server-only";
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, schema, type Executor } from "@/db";
import { onceMoreIfLost } from "@/db/unavailable";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { callerApiKeyId, recordAudit } from "./audit";
import type { Actor } from "./actor";
import { API_KEY_PATTERN, hashApiKey, insertApiKey } from "./api-key-tokens";
import { loadActor } from "./users";

export { hashApiKey } from "./api-key-tokens";

// API keys: created and revoked on the settings page (customers for their account, support for
// support keys), shown once, stored only as a hash, with a visible prefix and last-used time.
// A customer key acts as its user within the user's account; a support key as its support user.

export const MAX_ACTIVE_KEYS = 50;

export const apiKeyNameSchema = z.object({
  name: z
    .string({ error: "Give the key a name." })
    .trim()
    .min(1, "Give the key a name, such as the script or system that will use it.")
    .max(100, "Keep the name under 100 characters."),
});

export const revokeApiKeySchema = z.object({ id: z.string({ error: "The key id is missing." }) });

export type ApiKeyDto = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { name: string; email: string } | null;
};

export type CreatedApiKey = { id: string; name: string; prefix: string; key: string };

/** Low-level: a key for a user row (tests, the api-key script through api-key-tokens). */
export async function createApiKey(
  db: Executor,
  user: { id: string; accountId: string | null },
  name: string,
): Promise<{ id: string; key: string; prefix: string }> {
  return insertApiKey(db, user, name);
}

/** The keys this actor may see and revoke: its account's keys, or (support) the support keys. */
function scope(actor: Actor): SQL {
  return actor.role === "customer" ? eq(schema.apiKeys.accountId, actor.accountId) : isNull(schema.apiKeys.accountId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createApiKeyForActor(actor: Actor, input: z.input<typeof apiKeyNameSchema>, db: Executor = getDb()): Promise<CreatedApiKey> {
  const parsed = apiKeyNameSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError({ name: parsed.error.issues.map((i) => i.message) });
  }
  const [active] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.apiKeys)
    .where(and(scope(actor), isNull(schema.apiKeys.revokedAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_KEYS) {
    throw new ValidationError({ name: [`There are already ${MAX_ACTIVE_KEYS} active keys: revoke the ones no longer used first.`] });
  }
  const apiKeyId = callerApiKeyId();
  return db.transaction(async (tx) => {
    const created = await insertApiKey(tx, { id: actor.userId, accountId: actor.role === "customer" ? actor.accountId : null }, parsed.data.name);
    await recordAudit(
      tx,
      actor,
      { accountId: actor.accountId, action: "api_key.created", objectType: "api_key", objectId: created.id, changes: { name: parsed.data.name, prefix: created.prefix } },
      apiKeyId,
    );
    return { ...created, name: parsed.data.name };
  });
}

export async function listApiKeys(actor: Actor, db: Executor = getDb()): Promise<ApiKeyDto[]> {
  const rows = await db
    .select({
      id: schema.apiKeys.id,
      name: schema.apiKeys.name,
      prefix: schema.apiKeys.prefix,
      createdAt: schema.apiKeys.createdAt,
      lastUsedAt: schema.apiKeys.lastUsedAt,
      revokedAt: schema.apiKeys.revokedAt,
      userName: schema.users.name,
      userEmail: schema.users.email,
    })
    .from(schema.apiKeys)
    .leftJoin(schema.users, eq(schema.users.id, schema.apiKeys.userId))
    .where(scope(actor))
    // Active keys first, newest first; revoked ones stay listed for the record.
    .orderBy(sql`${schema.apiKeys.revokedAt} is not null`, desc(schema.apiKeys.createdAt), desc(schema.apiKeys.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    createdBy: r.userName && r.userEmail ? { name: r.userName, email: r.userEmail } : null,
  }));
}

/** Revokes at once: the next request with the key is a 401. Revoking twice is fine; a foreign id is a 404. */
export async function revokeApiKey(actor: Actor, input: z.input<typeof revokeApiKeySchema>, db: Executor = getDb()): Promise<{ id: string; revokedAt: string }> {
  const { id } = revokeApiKeySchema.parse(input);
  if (!UUID.test(id)) throw new NotFoundError("API key");
  const apiKeyId = callerApiKeyId();
  const revoked = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(schema.apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(schema.apiKeys.id, id), scope(actor), isNull(schema.apiKeys.revokedAt)))
      .returning({ id: schema.apiKeys.id, revokedAt: schema.apiKeys.revokedAt, name: schema.apiKeys.name, prefix: schema.apiKeys.prefix });
    if (row) {
      await recordAudit(tx, actor, { accountId: actor.accountId, action: "api_key.revoked", objectType: "api_key", objectId: row.id, changes: { name: row.name, prefix: row.prefix } }, apiKeyId);
    }
    return row;
  });
  if (revoked?.revokedAt) return { id: revoked.id, revokedAt: revoked.revokedAt.toISOString() };
  const [existing] = await db
    .select({ id: schema.apiKeys.id, revokedAt: schema.apiKeys.revokedAt })
    .from(schema.apiKeys)
    .where(and(eq(schema.apiKeys.id, id), scope(actor)))
    .limit(1);
  if (!existing?.revokedAt) throw new NotFoundError("API key");
  return { id: existing.id, revokedAt: existing.revokedAt.toISOString() };
}

export type ApiKeyAuthentication =
  | { ok: true; actor: Actor; keyId: string }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

/** Who a bearer key belongs to; a revoked key is told apart so the 401 can say so. */
export async function authenticateApiKey(key: string): Promise<ApiKeyAuthentication> {
  if (!API_KEY_PATTERN.test(key)) return { ok: false, reason: "malformed" };
  const db = getDb();
  const [row] = await db
    .select({
      id: schema.apiKeys.id,
      userId: schema.apiKeys.userId,
      accountId: schema.apiKeys.accountId,
      lastUsedAt: schema.apiKeys.lastUsedAt,
      revokedAt: schema.apiKeys.revokedAt,
    })
    .from(schema.apiKeys)
    .where(eq(schema.apiKeys.hash, hashApiKey(key)))
    .limit(1);
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  const actor = await loadActor(row.userId);
  // The user left, or moved to another account or role: the key no longer speaks for anyone.
  if (!actor || (actor.role === "customer" ? actor.accountId !== row.accountId : row.accountId !== null)) {
    return { ok: false, reason: "unknown" };
  }
  // At most one write a minute per key: "last used" is for people, not an audit log.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    // Setting now() again is harmless: once more if the connection broke, rather than a 503.
    await onceMoreIfLost(() => db.update(schema.apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(schema.apiKeys.id, row.id)).then(() => {}));
  }
  return { ok: true, actor, keyId: row.id };
}

/** The actor behind a bearer key, or null for an unknown or revoked key. */
export async function actorForApiKey(key: string): Promise<{ actor: Actor; keyId: string } | null> {
  const result = await authenticateApiKey(key);
  return result.ok ? { actor: result.actor, keyId: result.keyId } : null;
}

import "server-only";
import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { PgDialect } from "drizzle-orm/pg-core";
import { getClient, getDb, schema, type Executor } from "@/db";
import { onceMoreIfLost } from "@/db/unavailable";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { callerApiKeyId, recordAudit } from "./audit";
import type { Actor } from "./actor";
import { API_KEY_PATTERN, hashApiKey, insertApiKey } from "./api-key-tokens";
import { API_KEY_MODES, type ApiKeyMode } from "@/db/schema";
import { actorOf } from "./users";

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
  // A test key acts in the account's sandbox (DESIGN.md, Sandbox; lib/porting/sandbox.ts).
  mode: z.enum(API_KEY_MODES, { error: "Choose live or test (sandbox)." }).default("live"),
});

export const SUPPORT_TEST_KEY = "Test keys act in a customer account's sandbox: support keys are live keys only.";

export const revokeApiKeySchema = z.object({ id: z.string({ error: "The key id is missing." }) });

export type ApiKeyDto = {
  id: string;
  name: string;
  prefix: string;
  /** `test`: a sandbox key (vp_test_…). */
  mode: ApiKeyMode;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { name: string; email: string } | null;
};

export type CreatedApiKey = { id: string; name: string; prefix: string; key: string; mode: ApiKeyMode };

/** Low-level: a key for a user row (tests, the api-key script through api-key-tokens). */
export async function createApiKey(
  db: Executor,
  user: { id: string; accountId: string | null },
  name: string,
  mode: ApiKeyMode = "live",
): Promise<{ id: string; key: string; prefix: string }> {
  return insertApiKey(db, user, name, mode);
}

/** The keys this actor may see and revoke: its account's keys, or (support) the support keys. */
function scope(actor: Actor): SQL {
  return actor.role === "customer" ? eq(schema.apiKeys.accountId, actor.accountId) : isNull(schema.apiKeys.accountId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function createApiKeyForActor(actor: Actor, input: z.input<typeof apiKeyNameSchema>, db: Executor = getDb()): Promise<CreatedApiKey> {
  const parsed = apiKeyNameSchema.safeParse(input);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "name")] ??= []).push(issue.message);
    throw new ValidationError(errors);
  }
  if (parsed.data.mode === "test" && actor.role !== "customer") throw new ValidationError({ mode: [SUPPORT_TEST_KEY] });
  const [active] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.apiKeys)
    .where(and(scope(actor), isNull(schema.apiKeys.revokedAt)));
  if ((active?.n ?? 0) >= MAX_ACTIVE_KEYS) {
    throw new ValidationError({ name: [`There are already ${MAX_ACTIVE_KEYS} active keys: revoke the ones no longer used first.`] });
  }
  const apiKeyId = callerApiKeyId();
  return db.transaction(async (tx) => {
    const created = await insertApiKey(tx, { id: actor.userId, accountId: actor.role === "customer" ? actor.accountId : null }, parsed.data.name, parsed.data.mode);
    await recordAudit(
      tx,
      actor,
      { accountId: actor.accountId, action: "api_key.created", objectType: "api_key", objectId: created.id, changes: { name: parsed.data.name, prefix: created.prefix, mode: created.mode } },
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
      mode: schema.apiKeys.mode,
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
    mode: r.mode,
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

export type ApiKeyAuthentication<A = never> =
  | { ok: true; actor: Actor; keyId: string; alongside: A | null }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" };

type KeyRow = {
  key_id: string;
  key_account_id: string | null;
  key_mode: ApiKeyMode;
  revoked: boolean;
  user: { id: string; name: string; email: string; role: "customer" | "support"; account_id: string | null; account_role: "admin" | "member" | null; disabled: boolean; session_version: number };
  alongside: unknown;
};

const dialect = new PgDialect();

/**
 * Runs `statement` as a prepared statement of the connection it lands on (postgres.js keeps one
 * per distinct text): every API call runs the key statement below, and parsing and planning its
 * CTEs each time cost about as much as running it. drizzle's execute() never prepares.
 */
async function executePrepared<T>(statement: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(statement);
  return (await getClient().sql.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
}

/**
 * Who a bearer key belongs to; a revoked key is told apart so the 401 can say so. Key, user and
 * "last used" (at most one write a minute) are one statement, read fresh on every request: a
 * revoked key or a disabled user stops at the very next request, on every app instance, with no
 * cache to wait out. `alongside` adds one more data-modifying step to the same statement, given
 * the key's id (lib/api/route.ts counts the request against the key's rate limit there), so a
 * keyed API call costs one round trip before its own work.
 */
export async function authenticateApiKey<A = never>(key: string, alongside?: (keyId: SQL) => SQL): Promise<ApiKeyAuthentication<A>> {
  if (!API_KEY_PATTERN.test(key)) return { ok: false, reason: "malformed" };
  const keyId = sql`(select key_id from key_row)`;
  // Setting last_used_at (or counting) again is harmless: once more if the connection broke, rather than a 503.
  const rows = await onceMoreIfLost(() =>
    executePrepared<KeyRow>(sql`
      with key_row as (
        select k.id as key_id, k.account_id as key_account_id, k.mode as key_mode, k.revoked_at is not null as revoked, k.last_used_at,
          json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'role', u.role, 'account_id', u.account_id,
            'account_role', u.account_role, 'disabled', u.disabled, 'session_version', u.session_version) as "user",
          not u.disabled as usable
        from ${schema.apiKeys} k join ${schema.users} u on u.id = k.user_id
        where k.hash = ${hashApiKey(key)}
      ),
      -- "Last used" is for people, not an audit log: at most one write a minute per key.
      touched as (
        update ${schema.apiKeys} set last_used_at = now() from key_row
        where ${schema.apiKeys.id} = key_row.key_id and not key_row.revoked and key_row.usable
          and (key_row.last_used_at is null or key_row.last_used_at < now() - interval '1 minute')
        returning 1
      )${alongside ? sql`,
      alongside as (${alongside(keyId)})` : sql``}
      select key_id, key_account_id, key_mode, revoked, "user",
        ${alongside ? sql`(select row_to_json(alongside) from alongside)` : sql`null`} as alongside
      from key_row`),
  );
  const row = rows[0];
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revoked) return { ok: false, reason: "revoked" };
  const u = row.user;
  const actor = actorOf({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    accountId: u.account_id,
    accountRole: u.account_role,
    disabled: u.disabled,
    sessionVersion: u.session_version,
  });
  // The user left, or moved to another account or role: the key no longer speaks for anyone.
  if (!actor || (actor.role === "customer" ? actor.accountId !== row.key_account_id : row.key_account_id !== null)) {
    return { ok: false, reason: "unknown" };
  }
  // A customer's key says which side of the account it acts on: its sandbox (test) or live.
  if (actor.role === "customer") actor.sandbox = row.key_mode === "test";
  return { ok: true, actor, keyId: row.key_id, alongside: (row.alongside as A | null) ?? null };
}

/** The actor behind a bearer key, or null for an unknown or revoked key. */
export async function actorForApiKey(key: string): Promise<{ actor: Actor; keyId: string } | null> {
  const result = await authenticateApiKey(key);
  return result.ok ? { actor: result.actor, keyId: result.keyId } : null;
}

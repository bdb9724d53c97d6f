import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createSupport, createTenant, randomId } from "@/test/factories";
import { authenticateApiKey, createApiKeyForActor, hashApiKey, listApiKeys, MAX_ACTIVE_KEYS, revokeApiKey } from "./api-keys";

describe("API keys", () => {
  test("are shown once, stored as a SHA-256 hash with a visible prefix", async () => {
    const { customer } = await createTenant();
    const created = await createApiKeyForActor(customer, { name: "  CRM sync  " });
    expect(created.key).toMatch(/^vp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row).toMatchObject({ name: "CRM sync", prefix: created.prefix, hash: hashApiKey(created.key), accountId: customer.accountId, userId: customer.userId });
    expect(JSON.stringify(row)).not.toContain(created.key);
    const listed = await listApiKeys(customer);
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: "CRM sync", prefix: created.prefix, lastUsedAt: null, revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
  });

  test("a name is required and short; the number of active keys is capped", async () => {
    const { customer } = await createTenant();
    await expect(createApiKeyForActor(customer, { name: " " })).rejects.toBeInstanceOf(ValidationError);
    await expect(createApiKeyForActor(customer, { name: "x".repeat(101) })).rejects.toBeInstanceOf(ValidationError);
    await getDb().insert(apiKeys).values(
      Array.from({ length: MAX_ACTIVE_KEYS }, (_, i) => ({ userId: customer.userId, accountId: customer.accountId, name: `k${i}`, prefix: "vp_00000000", hash: `h-${customer.userId}-${i}` })),
    );
    await expect(createApiKeyForActor(customer, { name: "one too many" })).rejects.toMatchObject({ fieldErrors: { name: [expect.stringContaining("revoke")] } });
  });

  test("customers see and revoke their account's keys only; support sees support keys only", async () => {
    const a = await createTenant();
    const colleague = (await createTenant()).customer;
    await getDb().update(users).set({ accountId: a.account.id }).where(eq(users.id, colleague.userId));
    const sameAccount = { ...colleague, accountId: a.account.id };
    const b = await createTenant();
    const support = await createSupport();
    const aKey = await createApiKeyForActor(a.customer, { name: "a" });
    const bKey = await createApiKeyForActor(b.customer, { name: "b" });
    const sKey = await createApiKeyForActor(support, { name: "s" });

    expect((await listApiKeys(sameAccount)).map((k) => k.id)).toEqual([aKey.id]);
    expect((await listApiKeys(b.customer)).map((k) => k.id)).toEqual([bKey.id]);
    expect((await listApiKeys(support)).map((k) => k.id)).toContain(sKey.id);
    expect((await listApiKeys(support)).map((k) => k.id)).not.toContain(aKey.id);

    await expect(revokeApiKey(b.customer, { id: aKey.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(support, { id: aKey.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(a.customer, { id: "nope" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(a.customer, { id: randomId() })).rejects.toBeInstanceOf(NotFoundError);
    expect(await authenticateApiKey(aKey.key)).toMatchObject({ ok: true });

    // A colleague in the same account may revoke it; revoking twice is fine.
    const revoked = await revokeApiKey(sameAccount, { id: aKey.id });
    expect(await revokeApiKey(a.customer, { id: aKey.id })).toEqual(revoked);
    expect(await authenticateApiKey(aKey.key)).toEqual({ ok: false, reason: "revoked" });
    expect((await listApiKeys(a.customer))[0]).toMatchObject({ id: aKey.id, revokedAt: revoked.revokedAt });
  });

  test("authentication tells malformed, unknown and revoked apart, and records the last use at most once a minute", async () => {
    const { customer } = await createTenant();
    const created = await createApiKeyForActor(customer, { name: "k" });
    expect(await authenticateApiKey("nope")).toEqual({ ok: false, reason: "malformed" });
    expect(await authenticateApiKey(`${created.prefix}_${"A".repeat(43)}`)).toEqual({ ok: false, reason: "unknown" });
    expect(await authenticateApiKey(created.key)).toMatchObject({ ok: true, keyId: created.id, actor: { userId: customer.userId } });
    const [first] = await getDb().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(first?.at).toBeInstanceOf(Date);
    await authenticateApiKey(created.key);
    const [second] = await getDb().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(second?.at).toEqual(first?.at);
    await getDb().execute(sql`update api_keys set last_used_at = now() - interval '2 minutes' where id = ${created.id}`);
    await authenticateApiKey(created.key);
    const [third] = await getDb().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(third!.at!.getTime()).toBeGreaterThan(Date.now() - 30_000);
  });

  test("a key no longer speaks for a user who moved to another account or was removed", async () => {
    const { customer } = await createTenant();
    const other = await createTenant();
    const created = await createApiKeyForActor(customer, { name: "k" });
    await getDb().update(users).set({ accountId: other.account.id }).where(eq(users.id, customer.userId));
    expect(await authenticateApiKey(created.key)).toEqual({ ok: false, reason: "unknown" });
    await getDb().delete(users).where(eq(users.id, customer.userId));
    expect(await authenticateApiKey(created.key)).toEqual({ ok: false, reason: "unknown" });
  });
});

import { afterEach, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

import { authenticateApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { createSupport, createTenant } from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { createSupportApiKeyAction, revokeSupportApiKeyAction } from "../../(support)/support/settings/actions";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

// The settings page's server actions: the real actions, wrapper and verbs on a real database;
// only the session cookie lookup (and Next's cache revalidation) is replaced.

afterEach(() => signOutAll());

test("a customer creates a key for the account (shown once) and revokes it", async () => {
  const { customer } = await createTenant();
  signInAs(customer);
  const created = await createApiKeyAction({ name: "Nightly export" });
  expect(created).toMatchObject({ ok: true, data: { name: "Nightly export" } });
  if (!created.ok) throw new Error("not created");
  expect(await authenticateApiKey(created.data.key)).toMatchObject({ ok: true, actor: { accountId: customer.accountId } });

  const revoked = await revokeApiKeyAction({ id: created.data.id });
  expect(revoked.ok).toBe(true);
  expect(await authenticateApiKey(created.data.key)).toEqual({ ok: false, reason: "revoked" });
});

test("field errors come back for the form; other roles and signed-out callers are refused", async () => {
  const { customer } = await createTenant();
  const support = await createSupport();
  signInAs(customer);
  expect(await createApiKeyAction({ name: "" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { name: [expect.any(String)] } });
  expect(await createSupportApiKeyAction({ name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
  signInAs(support);
  expect(await createApiKeyAction({ name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
  const supportKey = await createSupportApiKeyAction({ name: "COIN bridge" });
  expect(supportKey).toMatchObject({ ok: true });
  if (!supportKey.ok) throw new Error("not created");
  expect(await authenticateApiKey(supportKey.data.key)).toMatchObject({ ok: true, actor: { role: "support" } });
  expect((await listApiKeys(support)).map((k) => k.name)).toContain("COIN bridge");
  signOutAll();
  expect(await createApiKeyAction({ name: "x" })).toMatchObject({ ok: false, code: "unauthorized" });
  expect(await revokeSupportApiKeyAction({ id: supportKey.data.id })).toMatchObject({ ok: false, code: "unauthorized" });
});

test("another account's key id is a not-found, and the key keeps working", async () => {
  const a = await createTenant();
  const b = await createTenant();
  signInAs(a.customer);
  const created = await createApiKeyAction({ name: "A's key" });
  if (!created.ok) throw new Error("not created");
  signInAs(b.customer);
  expect(await revokeApiKeyAction({ id: created.data.id })).toMatchObject({ ok: false, code: "not_found" });
  expect(await authenticateApiKey(created.data.key)).toMatchObject({ ok: true });
});

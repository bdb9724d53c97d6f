import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb, schema } from "@/db";
import { createTenant } from "@/test/factories";
import { hashPassword } from "./password";
import { MAX_FAILURES } from "./throttle";
import { checkCredentials, loadActor } from "./users";

async function tenantWithPassword() {
  const tenant = await createTenant();
  await getDb()
    .update(schema.users)
    .set({ passwordHash: await hashPassword("porting-demo") })
    .where(eq(schema.users.id, tenant.customer.userId));
  return tenant;
}

test("right password signs in; a wrong one and an unknown email get the same answer", async () => {
  const { customer } = await tenantWithPassword();
  expect(await checkCredentials(customer.email, "porting-demo")).toEqual({ ok: true, userId: customer.userId, sessionVersion: 1 });
  expect(await checkCredentials(customer.email, "wrong")).toEqual({ ok: false, reason: "invalid" });
  expect(await checkCredentials("nobody@example.test", "porting-demo")).toEqual({ ok: false, reason: "invalid" });
});

test(`after ${MAX_FAILURES} failures the email is locked, even for the right password`, async () => {
  const { customer } = await tenantWithPassword();
  for (let i = 0; i < MAX_FAILURES; i++) await checkCredentials(customer.email.toUpperCase(), "wrong");
  const locked = await checkCredentials(customer.email, "porting-demo");
  expect(locked).toMatchObject({ ok: false, reason: "locked" });
  expect(locked.ok === false && locked.reason === "locked" && locked.retryAfterSeconds).toBeGreaterThan(0);
});

test("the actor comes from the database: role and account as stored", async () => {
  const { customer } = await tenantWithPassword();
  expect(await loadActor(customer.userId)).toMatchObject({ role: "customer", accountId: customer.accountId });
  expect(await loadActor("not-a-uuid")).toBeNull();
  expect(await loadActor("00000000-0000-4000-8000-000000000000")).toBeNull();
});

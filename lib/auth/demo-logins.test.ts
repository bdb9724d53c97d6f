import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb, schema } from "@/db";
import { DEMO_PASSWORD } from "@/db/seed";
import { createAccount } from "@/test/factories";
import { demoLogins } from "./demo-logins";
import { hashPassword } from "./password";

// The demo logins on the sign-in page: only where demo data can exist, and only the demo users
// that still work with the published password. (One test: the demo emails are fixed.)

test("listed while the demo users have the published password; never without demo data; a changed or disabled login drops out", async () => {
  const db = getDb();
  expect(await demoLogins({ demoData: true })).toBeNull();

  const account = await createAccount({ name: "Acme B.V." });
  const demoHash = await hashPassword(DEMO_PASSWORD);
  await db.insert(schema.users).values([
    { email: "support@porting.test", name: "Sam Support", role: "support", accountId: null, passwordHash: demoHash },
    { email: "anna@acme.test", name: "Anna de Vries", role: "customer", accountId: account.id, accountRole: "admin", passwordHash: demoHash },
    { email: "bram@acme.test", name: "Bram Jansen", role: "customer", accountId: account.id, accountRole: "member", passwordHash: demoHash },
  ]);

  expect(await demoLogins({ demoData: true })).toEqual({
    password: DEMO_PASSWORD,
    logins: [
      { email: "support@porting.test", name: "Sam Support", role: "support", account: null },
      { email: "anna@acme.test", name: "Anna de Vries", role: "admin", account: "Acme B.V." },
      { email: "bram@acme.test", name: "Bram Jansen", role: "member", account: "Acme B.V." },
    ],
  });
  // A deployment on its own database without DEMO_DATA never shows them, even with those rows.
  expect(await demoLogins({ demoData: false })).toBeNull();

  // Anna set her own password, Bram was disabled: only support is left.
  await db.update(schema.users).set({ passwordHash: await hashPassword("a-new-password-1") }).where(eq(schema.users.email, "anna@acme.test"));
  await db.update(schema.users).set({ disabled: true }).where(eq(schema.users.email, "bram@acme.test"));
  expect((await demoLogins({ demoData: true }))?.logins.map((l) => l.email)).toEqual(["support@porting.test"]);

  await db.execute(sql`update users set password_hash = 'x' where email = 'support@porting.test'`);
  expect(await demoLogins({ demoData: true })).toBeNull();
});

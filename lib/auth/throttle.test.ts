import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb, schema } from "@/db";
import { createTenant } from "@/test/factories";
import { hashPassword } from "./password";
import { MAX_ADDRESS_FAILURES, MAX_FAILURES } from "./throttle";
import { checkCredentials } from "./users";

// The sign-in limits against real PostgreSQL and real Argon2id: the attacks of issue 12 item 6.

const anAddress = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const anEmail = () => `${randomBytes(4).toString("hex")}@nobody.test`;

async function userWithPassword(password = "right-password-1") {
  const { customer } = await createTenant();
  await getDb().update(schema.users).set({ passwordHash: await hashPassword(password) }).where(eq(schema.users.id, customer.userId));
  return { email: customer.email, password };
}

async function failures(key: string): Promise<number | undefined> {
  const [row] = await getDb().execute<{ failures: number }>(sql`select failures from sign_in_throttle where key = ${key}`);
  return row?.failures;
}

test(`20 parallel wrong passwords for one email are ${MAX_FAILURES} guesses, the rest refused before hashing`, async () => {
  const { email, password } = await userWithPassword();
  const address = anAddress();
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => checkCredentials(email, `wrong-${i}`, address)));
  // "invalid" is only ever answered after the password was hashed and compared.
  expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILURES);
  expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(20 - MAX_FAILURES);
  expect(await failures(`email:${email}`)).toBe(MAX_FAILURES);
  // Refused attempts did not count against the address either.
  expect(await failures(`ip:${address}`)).toBe(MAX_FAILURES);
  // And the right password is refused too for the rest of the window.
  expect(await checkCredentials(email, password, anAddress())).toMatchObject({ ok: false, reason: "locked" });
});

test("parallel attempts with the right password among wrong ones: never more than the limit hashed", async () => {
  const { email, password } = await userWithPassword();
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => checkCredentials(email, i === 11 ? password : `wrong-${i}`, anAddress())),
  );
  const hashed = results.filter((r) => r.ok || r.reason === "invalid");
  expect(hashed.length).toBeLessThanOrEqual(MAX_FAILURES + 1);
});

test(`one address gets ${MAX_ADDRESS_FAILURES} failures across many emails (password spraying), then every email is refused alike`, async () => {
  const address = anAddress();
  const { email: existing, password } = await userWithPassword();
  const sprayed = await Promise.all(
    Array.from({ length: MAX_ADDRESS_FAILURES + 10 }, () => checkCredentials(anEmail(), "Summer2026!", address)),
  );
  expect(sprayed.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_ADDRESS_FAILURES);
  expect(sprayed.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(10);
  expect(await failures(`ip:${address}`)).toBe(MAX_ADDRESS_FAILURES);

  // From that address, an existing email (even with its right password) and an unknown one get
  // the same answer; the refusal counts against neither email.
  const forExisting = await checkCredentials(existing, password, address);
  const forUnknown = await checkCredentials(anEmail(), password, address);
  expect(forExisting).toMatchObject({ ok: false, reason: "locked" });
  expect(Object.keys(forExisting).sort()).toEqual(Object.keys(forUnknown).sort());
  expect(forUnknown).toMatchObject({ ok: false, reason: "locked" });
  expect(await failures(`email:${existing}`)).toBeUndefined();

  // Another address is not affected.
  expect(await checkCredentials(existing, password, anAddress())).toMatchObject({ ok: true });
});

test("a right password gives its address slot back, so signing in often never locks an office", async () => {
  const { email, password } = await userWithPassword();
  const address = anAddress();
  for (let i = 0; i < MAX_ADDRESS_FAILURES - 1; i++) await checkCredentials(anEmail(), "wrong", address);
  for (let i = 0; i < 3; i++) expect(await checkCredentials(email, password, address)).toMatchObject({ ok: true });
  expect(await failures(`ip:${address}`)).toBe(MAX_ADDRESS_FAILURES - 1);
  // One more failure uses the last slot; after that the address is refused.
  expect(await checkCredentials(anEmail(), "wrong", address)).toMatchObject({ ok: false, reason: "invalid" });
  expect(await checkCredentials(email, password, address)).toMatchObject({ ok: false, reason: "locked" });
});

test("the window ends: after fifteen minutes the email may try again", async () => {
  const { email, password } = await userWithPassword();
  for (let i = 0; i < MAX_FAILURES; i++) await checkCredentials(email, "wrong", anAddress());
  const locked = await checkCredentials(email, password, anAddress());
  expect(locked).toMatchObject({ ok: false, reason: "locked" });
  expect(locked.ok === false && locked.reason === "locked" && locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
  await getDb().execute(sql`update sign_in_throttle set window_started_at = now() - interval '16 minutes' where key = ${`email:${email}`}`);
  expect(await checkCredentials(email, password, anAddress())).toMatchObject({ ok: true });
  expect(await failures(`email:${email}`)).toBeUndefined();
});

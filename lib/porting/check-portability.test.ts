import { expect, test } from "vitest";
import { getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createSupport, createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { checkPortability } from "./check-portability";

// The portability check (issue 15 item 2) on the real database: the order kept, validity and type
// from libphonenumber-js, the country's supported types and requirements, this account's own
// numbers named, another account's never described.

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}

test("each number in the order given: valid and portable with the country's requirements, or why not", async () => {
  const { customer } = await createTenant("NL");
  const free = nextNumber("NL");
  const german = nextNumber("DE");
  const results = await checkPortability(customer, {
    phoneNumbers: [`0${free.slice(3)}`, german, "+31 6 12345678", "+31 800 0123", "12", "+1 212 555 0100", "+44 20 7946 0958"],
  });
  expect(results.map((r) => [r.valid, r.country, r.numberType, r.portable])).toEqual([
    [false, null, null, false], // a national format without a country
    [true, "DE", "geographic", true],
    [true, "NL", "mobile", false],
    [true, "NL", "toll_free", true],
    [false, null, null, false],
    [true, "US", null, false],
    [true, "GB", "geographic", true],
  ]);
  expect(results[0]!.reason).toMatch(/international format/);
  expect(results[1]).toMatchObject({ number: german, input: german, reason: null });
  expect(results[1]!.requirements).toMatchObject({ country: "DE", numberType: "geographic", preferredDateAllowed: true });
  expect(results[1]!.requirements!.documents).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "letter_of_authorisation", required: true })]));
  expect(results[2]!.reason).toMatch(/mobile/i);
  expect(results[2]!.requirements).toBeNull();
  expect(results[3]!.requirements!.leadTime).toMatch(/30/);
  expect(results[5]!.reason).toMatch(/don't port numbers from/);

  // With a country, national formats are read as its numbers, and other countries' are refused.
  const nl = await checkPortability(customer, { phoneNumbers: [`0${free.slice(3)}`, german], country: "NL" });
  expect(nl.map((r) => [r.number, r.portable])).toEqual([
    [free, true],
    [german, false],
  ]);
  expect(nl[1]!.reason).toMatch(/from Germany, not from the Netherlands/);
});

test("this account's numbers are named; another account's are only 'not portable from this account', whatever holds them", async () => {
  const { customer } = await createTenant("NL");
  const { customer: other } = await createTenant("NL", "Secret Rival B.V.");
  const [inMyRequest, onMyAccount, inTheirRequest, onTheirAccount] = [nextNumber(), nextNumber(), nextNumber(), nextNumber()];
  const mine = await insertRequestInStatus({ accountId: customer.accountId, status: "requested", numbers: [inMyRequest!] });
  const theirs = await insertRequestInStatus({ accountId: other.accountId, status: "in_progress", numbers: [inTheirRequest!] });
  await getDb().insert(voiceNumbers).values([
    { accountId: customer.accountId, number: onMyAccount!, type: "geographic" },
    { accountId: other.accountId, number: onTheirAccount!, type: "geographic" },
  ]);

  const results = await checkPortability(customer, { phoneNumbers: [inMyRequest!, onMyAccount!, inTheirRequest!, onTheirAccount!] });
  expect(results.map((r) => r.portable)).toEqual([false, false, false, false]);
  expect(results[0]!.reason).toBe(`Already in your open porting request ${mine.reference}.`);
  expect(results[1]!.reason).toBe("Already on your voice account.");
  // The two answers about the other account are identical and name nothing of it.
  expect(results[2]!.reason).toBe("Not portable from this account. Contact support if you think it should be.");
  expect(results[3]!.reason).toBe(results[2]!.reason);
  const leaked = JSON.stringify(results.slice(2));
  for (const secret of [theirs.reference, theirs.id, other.accountId, "Secret Rival", "in_progress"]) expect(leaked).not.toContain(secret);
  // The same request from the other account sees its own numbers named.
  const fromThem = await checkPortability(other, { phoneNumbers: [inTheirRequest!] });
  expect(fromThem[0]!.reason).toBe(`Already in your open porting request ${theirs.reference}.`);
});

test("at most 500 numbers, at least one; support has no account to answer for", async () => {
  const { customer } = await createTenant("NL");
  for (const phoneNumbers of [[], Array.from({ length: 501 }, () => nextNumber())]) {
    const error = await failure(checkPortability(customer, { phoneNumbers }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["phoneNumbers"]);
  }
  const many = Array.from({ length: 500 }, () => nextNumber());
  const results = await checkPortability(customer, { phoneNumbers: many });
  expect(results.map((r) => r.number)).toEqual(many);
  expect(await failure(checkPortability(await createSupport(), { phoneNumbers: [nextNumber()] }))).toBeInstanceOf(ForbiddenError);
});

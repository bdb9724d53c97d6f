import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import { createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { COUNTRY_LIST } from "./countries";
import { checkNumbers } from "./check-numbers";
import { checkNumbersOffline, parseNumber, splitPastedNumbers, toNumberType } from "./numbers";

const e164 = (input: string, country: Parameters<typeof parseNumber>[1]) => {
  const result = parseNumber(input, country);
  return result.ok ? result.number.e164 : `invalid: ${result.reason}`;
};

describe("parseNumber", () => {
  test.each(["+31 20 123 4567", "020-1234567", "0031201234567", "(020) 123 45 67", "+31 (0)20 123 4567", "tel:+31201234567", "020/1234567", "+31201234567"])(
    "NL %s → +31201234567",
    (input) => expect(e164(input, "NL")).toBe("+31201234567"),
  );

  test.each([
    ["DE", "030 1234567", "+49301234567"],
    ["DE", "+49 30 12345678", "+493012345678"],
    ["DE", "0049 89 123456", "+4989123456"],
    ["GB", "020 7946 0958", "+442079460958"],
    ["GB", "+44 20 7946 0958", "+442079460958"],
    ["GB", "0161 496 0000", "+441614960000"],
  ] as const)("%s %s → %s", (country, input, expected) => expect(e164(input, country)).toBe(expected));

  test.each([
    ["020 123 4567", "geographic"],
    ["085 123 4567", "national"],
    ["091 123 4567", "national"],
    ["088 123 4567", "national"],
    ["0800 1234", "toll_free"],
    ["06 12345678", "mobile"],
    ["0900 1234", null],
  ] as const)("NL %s is %s", (input, type) => {
    const result = parseNumber(input, "NL");
    expect(result.ok && result.number.type).toBe(type);
  });

  test.each([
    ["12345", /too short|not a valid/],
    ["abc", /not a phone number/],
    ["020 123 456", /not a valid|too short/],
    ["020 1234567 ext 12", /extension/],
    ["020 1234567 020 7654321", /too long/],
    ["", /empty/],
  ])("NL %j is refused (%s)", (input, reason) => {
    const result = parseNumber(input, "NL");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test("libphonenumber types map to ours", () => {
    expect(toNumberType("FIXED_LINE", "NL")).toBe("geographic");
    expect(toNumberType("FIXED_LINE_OR_MOBILE", "DE")).toBe("geographic");
    expect(toNumberType("VOIP", "NL")).toBe("national");
    expect(toNumberType("UAN", "NL")).toBe("national");
    expect(toNumberType("TOLL_FREE", "NL")).toBe("toll_free");
    expect(toNumberType("MOBILE", "NL")).toBe("mobile");
    expect(toNumberType("PREMIUM_RATE", "NL")).toBeNull();
    expect(toNumberType(undefined, "NL")).toBeNull();
  });

  test("every catalogue example parses as its country and type", () => {
    for (const country of COUNTRY_LIST) {
      for (const type of country.numberTypes) {
        if (!type.supported) continue;
        const result = parseNumber(type.example, country.code);
        expect(result.ok, `${country.code} ${type.type} ${type.example}`).toBe(true);
        if (result.ok) {
          expect(result.number.country).toBe(country.code);
          expect(result.number.type, `${country.code} ${type.example}`).toBe(type.type);
        }
      }
    }
  });
});

describe("splitPastedNumbers", () => {
  test("newlines, commas, semicolons, tabs and runs of spaces separate; single spaces inside a number do not", () => {
    const text = "020 123 4567\n+31 20 765 4321, 0031201111111;(020) 222 33 44\t020-5555555   020 666 7777\r\n\n";
    expect(splitPastedNumbers(text, "NL")).toEqual([
      "020 123 4567",
      "+31 20 765 4321",
      "0031201111111",
      "(020) 222 33 44",
      "020-5555555",
      "020 666 7777",
    ]);
  });

  test("single spaces between complete numbers separate them", () => {
    expect(splitPastedNumbers("020 123 4567 020 765 4321", "NL")).toEqual(["020 123 4567", "020 765 4321"]);
    expect(splitPastedNumbers("0201234567 0207654321 +49 30 1234567", "NL")).toEqual(["0201234567", "0207654321", "+49 30 1234567"]);
  });

  test("a chunk that is no sequence of valid numbers stays whole (reported as one invalid entry)", () => {
    expect(splitPastedNumbers("020 123 45 hello", "NL")).toEqual(["020 123 45 hello"]);
    expect(splitPastedNumbers("  ", "NL")).toEqual([]);
  });
});

describe("checkNumbersOffline", () => {
  test("each problem has its own message naming the number", () => {
    const checks = checkNumbersOffline({
      country: "NL",
      numberType: "geographic",
      raw: ["020 123 4567", "12345", "+49 30 1234567", "085 123 4567", "+31 20 123 4567", "06 12345678", "0900 1234"],
    });
    expect(checks.map((c) => c.problem ?? "ok")).toEqual([
      "ok",
      "invalid",
      "wrong_country",
      "wrong_type",
      "duplicate",
      "not_portable",
      "not_portable",
    ]);
    expect(checks[0]).toMatchObject({ e164: "+31201234567", type: "geographic" });
    expect(checks[1]?.message).toContain('"12345"');
    expect(checks[2]?.message).toMatch(/"\+49 30 1234567".*Germany.*not from the Netherlands/);
    expect(checks[3]?.message).toMatch(/"085 123 4567".*national number.*geographic/);
    expect(checks[4]?.message).toMatch(/listed twice.*number 1/);
    expect(checks[5]?.message).toMatch(/"06 12345678".*mobile/i);
    expect(checks[6]?.message).toMatch(/premium-rate/);
  });

  test("DE national numbers are refused as not offered, mobile everywhere", () => {
    const [mobile] = checkNumbersOffline({ country: "DE", numberType: "geographic", raw: ["0151 12345678"] });
    expect(mobile?.problem).toBe("not_portable");
    const [gb] = checkNumbersOffline({ country: "GB", numberType: "geographic", raw: ["07700 900123"] });
    expect(gb?.problem).toBe("invalid"); // Ofcom's drama range: not a real number
  });
});

describe("checkNumbers against the database", () => {
  test("already in an open request (own: with reference; other account: without) and already on a voice account", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const [ownOpen, foreignOpen, onVoice, closed, fresh] = [nextNumber(), nextNumber(), nextNumber(), nextNumber(), nextNumber()];
    const own = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", numbers: [ownOpen as string] });
    await insertRequestInStatus({ accountId: other.customer.accountId, status: "requested", numbers: [foreignOpen as string] });
    await insertRequestInStatus({ accountId: customer.accountId, status: "blocked", numbers: [closed as string] });
    await getDb()
      .insert(voiceNumbers)
      .values({ accountId: other.customer.accountId, number: onVoice as string, type: "geographic" });

    const checks = await checkNumbers(getDb(), {
      accountId: customer.accountId,
      country: "NL",
      numberType: "geographic",
      raw: [ownOpen, foreignOpen, onVoice, closed, fresh] as string[],
    });
    expect(checks.map((c) => c.problem ?? "ok")).toEqual(["in_open_request", "unavailable", "unavailable", "ok", "ok"]);
    expect(checks[0]?.message).toContain(own.reference);
    // Another account's open request and voice number: the same answer, naming neither.
    expect(checks[1]?.message).toMatch(/can't be ported from this account\. Contact support/);
    expect(checks[2]?.message).toMatch(/can't be ported from this account\. Contact support/);
    expect(checks[1]?.message).not.toMatch(/PR-|open porting request/);
    expect(checks[2]?.message).not.toMatch(/voice account/);
  });
});

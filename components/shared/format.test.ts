import { createRequire } from "node:module";
import { parsePhoneNumberFromString as parseWithMetadata, type MetadataJson } from "libphonenumber-js/core";
import { getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import examples from "libphonenumber-js/examples.mobile.json";
import { describe, expect, test } from "vitest";
import { numberTypeSupport } from "@/lib/porting/countries";
import { formatNumber as formatOnServer } from "@/lib/porting/numbers";
import { COUNTRY_CODES, NUMBER_TYPES } from "@/lib/porting/values";
import { PHONE_COUNTRIES, phoneMetadataSubset } from "@/scripts/phone-metadata.mjs";
import { formatNumber } from "./format";
import phoneMetadata from "./phone-metadata.json";

// The browser formats numbers with a six-country cut of libphonenumber's metadata (issue 13: the
// list's JavaScript). It must format every number we port exactly as the server does.

describe("the browser's phone metadata", () => {
  test("is the installed libphonenumber-js's 'min' metadata for the countries we port from (else: node scripts/phone-metadata.mjs)", () => {
    const full = createRequire(import.meta.url)("libphonenumber-js/metadata.min.json");
    expect(phoneMetadata).toEqual(phoneMetadataSubset(full));
    expect([...PHONE_COUNTRIES].sort()).toEqual([...COUNTRY_CODES].sort());
  });

  test("formats each country's numbers of every type as the server does", () => {
    let checked = 0;
    for (const country of COUNTRY_CODES) {
      const samples = [getExampleNumber(country, examples)?.number];
      for (const type of NUMBER_TYPES) {
        const support = numberTypeSupport(country, type);
        if (support.supported) samples.push(parsePhoneNumberFromString(support.example, country)?.number);
      }
      for (const e164 of samples) {
        if (!e164) continue;
        expect(formatNumber(e164), e164).toBe(formatOnServer(e164));
        expect(formatNumber(e164), e164).not.toBe(e164);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(COUNTRY_CODES.length * 2);
  });

  test("leaves a number of another country, or no number, as it was given", () => {
    expect(formatNumber("+12025550123")).toBe("+12025550123");
    expect(formatNumber("not a number")).toBe("not a number");
  });

  test("formats as libphonenumber-js does with the same metadata, for any number of these countries", () => {
    // Generated national numbers of every length (deterministic): the formats' patterns and leading
    // digits decide, so this walks far more of them than the examples do.
    let seed = 13;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const codes = Object.values(phoneMetadata.countries).map((country) => country[0] as string);
    let differences = 0;
    for (let i = 0; i < 30_000; i++) {
      const length = 2 + Math.floor(random() * 16);
      let national = String(1 + Math.floor(random() * 9));
      while (national.length < length) national += String(Math.floor(random() * 10));
      const e164 = `+${codes[i % codes.length]}${national}`;
      const expected = parseWithMetadata(e164, phoneMetadata as MetadataJson)?.formatInternational() ?? e164;
      if (formatNumber(e164) !== expected && differences++ < 5) expect(formatNumber(e164), e164).toBe(expected);
    }
    expect(differences).toBe(0);
  });
});

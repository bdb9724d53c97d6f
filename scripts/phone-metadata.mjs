// Writes components/shared/phone-metadata.json: libphonenumber-js's "min" metadata cut down to the
// six countries we port from, for formatting numbers in the browser (issue 13: the request list's
// JavaScript; the whole "min" metadata is 20 kB gzipped, these six about 2 kB).
// Run after upgrading libphonenumber-js: `node scripts/phone-metadata.mjs`
// (components/shared/format.test.ts fails until the file matches the installed package).
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** lib/porting/values.ts COUNTRY_CODES (the test checks they agree). */
export const PHONE_COUNTRIES = ["NL", "BE", "DE", "GB", "FR", "ES"];

export function phoneMetadataSubset(full, countries = PHONE_COUNTRIES) {
  const callingCodes = {};
  for (const [code, list] of Object.entries(full.country_calling_codes)) {
    const kept = list.filter((country) => countries.includes(country));
    if (kept.length > 0) callingCodes[code] = kept;
  }
  const kept = Object.fromEntries(countries.map((country) => [country, full.countries[country]]));
  return { version: full.version, country_calling_codes: callingCodes, countries: kept, nonGeographic: {} };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const require = createRequire(import.meta.url);
  const full = require("libphonenumber-js/metadata.min.json");
  const target = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "components", "shared", "phone-metadata.json");
  writeFileSync(target, `${JSON.stringify(phoneMetadataSubset(full))}\n`);
  console.log(`Wrote ${target}`);
}

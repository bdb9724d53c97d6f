import { COUNTRY_CODES, type CountryCode, type NumberType } from "./values";

// Names of countries and number types, apart from the catalogue (countries.ts, which re-exports
// them): list pages show names, and importing the whole catalogue of requirements, formats and
// notes put 10 kB (gzip) of text into their JavaScript (issue 13, the request list's 150 kB).

/** Our countries' names, as the catalogue (`COUNTRIES[code].name`) calls them. */
export const COUNTRY_NAMES: Record<CountryCode, string> = {
  NL: "Netherlands",
  BE: "Belgium",
  DE: "Germany",
  GB: "United Kingdom",
  FR: "France",
  ES: "Spain",
};

/** Our countries in the catalogue's order, for menus. */
export const COUNTRY_OPTIONS: readonly { code: CountryCode; name: string }[] = COUNTRY_CODES.map((code) => ({ code, name: COUNTRY_NAMES[code] }));

export const NUMBER_TYPE_LABELS: Record<NumberType, string> = {
  geographic: "Geographic",
  national: "National",
  mobile: "Mobile",
  toll_free: "Toll free",
};

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });

/** English name of any ISO country code (ours as the catalogue names them, others from Intl). */
export function countryName(code: string): string {
  const upper = code.toUpperCase();
  if (upper in COUNTRY_NAMES) return COUNTRY_NAMES[upper as CountryCode];
  try {
    return regionNames.of(upper) ?? code;
  } catch {
    return code;
  }
}

// Country names that read with an article inside a sentence ("from the Netherlands").
const WITH_ARTICLE = new Set(["NL", "GB", "US", "AE", "PH", "DO", "BS", "GM", "CF", "CD", "KM", "MV", "MH", "SB", "VA"]);

/** "the Netherlands", "Germany": a country name as it reads inside a sentence. */
export function countryNameInText(code: string): string {
  const name = countryName(code);
  return WITH_ARTICLE.has(code.toUpperCase()) ? `the ${name}` : name;
}

import type { MetadataJson } from "libphonenumber-js/core";

export const PHONE_COUNTRIES: readonly string[];
export function phoneMetadataSubset(full: MetadataJson, countries?: readonly string[]): MetadataJson;

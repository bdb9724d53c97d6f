// Value tuples shared by the database schema, zod, the API and the UI. No imports: the schema
// (and drizzle-kit) load this file directly.

export const PORTING_STATUSES = [
  "requested",
  "in_progress",
  "delayed",
  "ready_to_be_ported",
  "blocked",
  "cancelled",
  "completed",
] as const;
export type PortingStatus = (typeof PORTING_STATUSES)[number];

export const FINAL_STATUSES = ["completed", "blocked", "cancelled"] as const satisfies readonly PortingStatus[];

export const NUMBER_TYPES = ["geographic", "national", "mobile", "toll_free"] as const;
export type NumberType = (typeof NUMBER_TYPES)[number];

export const USER_ROLES = ["customer", "support"] as const;
export type UserRole = (typeof USER_ROLES)[number];

// What a customer user may do in its account (DESIGN.md, "Decisions of the second wave").
export const ACCOUNT_ROLES = ["admin", "member"] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACTOR_ROLES = ["customer", "support", "system"] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

// NL business porting since the EU code (2022): what happens to the contract with the donor.
export const CONTRACT_SCENARIOS = [
  "switch_at_contract_end",
  "early_termination",
  "keep_after_contract_end",
  "keep_without_ending",
] as const;
export type ContractScenario = (typeof CONTRACT_SCENARIOS)[number];

export const DOCUMENT_KINDS = ["letter_of_authorisation", "invoice"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const COUNTRY_CODES = ["NL", "BE", "DE", "GB", "FR", "ES"] as const;
export type CountryCode = (typeof COUNTRY_CODES)[number];

/** A status change's reason, at most this long (the zod rule in schemas.ts; the forms' maxLength). */
export const MAX_REASON_LENGTH = 1000;

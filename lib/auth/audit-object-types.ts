// What the audit log records changes to (lib/auth/audit.ts). No imports: the API's schemas
// (client-safe) name the same list.

export const AUDIT_OBJECT_TYPES = [
  "account",
  "user",
  "invitation",
  "api_key",
  "signing_secret",
  "company_profile",
  "distribution_group",
  "webhook_endpoint",
] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

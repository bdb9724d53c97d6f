import { z } from "zod";
import { createAccountSchema, createInvitationSchema, pageQuerySchema, updateAccountUserSchema } from "@/lib/accounts/schemas";
import { AUDIT_OBJECT_TYPES } from "@/lib/auth/audit-object-types";
import { ACCOUNT_ROLES, COUNTRY_CODES } from "@/lib/porting/values";
import { requestComponents, responseComponents } from "./schemas";

// The REST API's contract for accounts and access (issue 12): accounts, invitations, users and the
// audit log. The request bodies are the verbs' own schemas (lib/accounts/schemas.ts), closed; the
// responses describe what the routes answer. Registered in the registries of lib/api/schemas.ts,
// so the OpenAPI document and the contract tests see them like the rest. Client-safe.

const dateTime = () => z.iso.datetime();
const nextCursor = z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page.");
const AccountRole = z.enum(ACCOUNT_ROLES).describe("`admin` (also manages users, invitations, webhook endpoints and signing secrets) or `member`.");

// ---- requests ------------------------------------------------------------------------------------

export const CreateAccountBody = z.strictObject(createAccountSchema.shape).describe("A new customer account.");
export const CreateInvitationBody = z
  .strictObject(createInvitationSchema.shape)
  .describe("Who to invite, and as what. The email holds a single-use link, valid for 7 days, that sets a password and signs the person in.");
export const UpdateAccountUserBody = updateAccountUserSchema.describe("Send `role`, `disabled`, or both.");
export const AccountPageQuery = z.strictObject(pageQuerySchema.shape).describe("Paging of a list, newest first.");

// ---- responses -----------------------------------------------------------------------------------

export const Account = z
  .object({
    id: z.uuid(),
    name: z.string(),
    country: z.enum(COUNTRY_CODES),
    createdAt: dateTime(),
  })
  .describe("A customer account.");

export const AccountList = z.object({ data: z.array(Account), nextCursor }).describe("A page of accounts, newest first.");

export const Invitation = z
  .object({
    id: z.uuid(),
    email: z.string().describe("Lower case, as the person will sign in."),
    name: z.string(),
    role: AccountRole,
    expiresAt: dateTime().describe("When the link stops working (7 days after it was sent); resend for 7 more."),
    createdAt: dateTime(),
    expired: z.boolean().describe("The link no longer works because it is older than 7 days; it can still be resent."),
  })
  .describe("An invitation that is neither accepted nor revoked. The link itself is only ever in the email.");

export const InvitationList = z
  .object({ data: z.array(Invitation), nextCursor: z.null().describe("Always null: every open invitation is on the one page.") })
  .describe("The account's open invitations (expired ones included, so they can be resent), oldest first.");

export const RevokedInvitation = z.object({ id: z.uuid(), revokedAt: dateTime() }).describe("The revoked invitation: its link stopped working.");

export const AccountUser = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: AccountRole,
    disabled: z.boolean().describe("A disabled user cannot sign in, and their API keys are refused."),
    lastSignInAt: dateTime().nullable().describe("null until the first sign-in."),
  })
  .describe("A person who signs in to the account.");

export const AccountUserList = z.object({ data: z.array(AccountUser), nextCursor }).describe("A page of the account's users, newest first.");

export const AuditEvent = z
  .object({
    id: z.uuid(),
    at: dateTime().describe("When the change was committed (microseconds)."),
    actor: z
      .object({
        name: z.string(),
        role: z
          .string()
          .describe("`support`, `customer:admin`, `customer:member`, or `anonymous` (someone accepting an invitation or resetting a password through an emailed link)."),
        userId: z.uuid().nullable(),
        apiKey: z
          .object({ id: z.uuid(), prefix: z.string(), name: z.string() })
          .nullable()
          .describe("The API key the change was made with; null for changes made on the pages."),
      })
      .describe("Who made the change."),
    action: z.string().describe("What happened, as `<object>.<verb>`: `account.created`, `invitation.created`, `user.disabled`, `api_key.revoked`, `signing_secret.rotated`, `company_profile.updated`, `distribution_group.deleted`, `webhook_endpoint.created`, …"),
    object: z.object({
      type: z.enum(AUDIT_OBJECT_TYPES),
      id: z.string(),
    }),
    changes: z
      .record(z.string(), z.unknown())
      .describe("What changed: the values set, or `{field: {from, to}}` for an update. Never a secret (passwords, tokens, keys and signing secrets are left out)."),
  })
  .describe("One change to the account, its people or its settings. A porting request's status changes are in the request's own `history`, not here.");

export const AuditEventList = z.object({ data: z.array(AuditEvent), nextCursor }).describe("A page of the audit log, newest first.");

requestComponents.add(CreateAccountBody, { id: "CreateAccount" });
requestComponents.add(CreateInvitationBody, { id: "CreateInvitation" });
requestComponents.add(UpdateAccountUserBody, { id: "UpdateAccountUser" });
for (const [id, schema] of Object.entries({
  Account,
  AccountList,
  Invitation,
  InvitationList,
  RevokedInvitation,
  AccountUser,
  AccountUserList,
  AuditEvent,
  AuditEventList,
})) {
  responseComponents.add(schema, { id });
}

import { z } from "zod";
import { ACCOUNT_ROLES, COUNTRY_CODES } from "@/lib/porting/values";

// The inputs of accounts and access (issue 12), one schema each, used by the verbs, the pages'
// server actions and the API (lib/api/account-schemas.ts documents them from these). Client-safe:
// no env, no database.

export const createAccountSchema = z.object({
  name: z
    .string({ error: "Give the account a name." })
    .trim()
    .min(1, "Give the account a name: the customer's company name.")
    .max(200, "Keep the name under 200 characters.")
    .describe("The customer's company name, up to 200 characters."),
  country: z
    .enum(COUNTRY_CODES, { error: `Choose the account's country: one of ${COUNTRY_CODES.join(", ")}.` })
    .describe("The account's country: national number formats are read in it, and its requests default to it."),
});

export const createInvitationSchema = z.object({
  email: z
    .string({ error: "Give the email address of the person to invite." })
    .trim()
    .toLowerCase()
    .max(320, "Keep the email address under 320 characters.")
    .pipe(z.email("This is not an email address, such as name@example.com."))
    .describe("Where the invitation goes; it becomes the person's sign-in. An address that already has a sign-in is refused (422 on `email`)."),
  name: z
    .string({ error: "Give the person's name." })
    .trim()
    .min(1, "Give the person's name, as colleagues know them.")
    .max(200, "Keep the name under 200 characters.")
    .describe("The person's name, as colleagues know them."),
  role: z
    .enum(ACCOUNT_ROLES, { error: "Choose a role: admin (also manages users, webhooks and signing secrets) or member." })
    .describe("`admin` also manages the account's users, invitations, webhook endpoints and signing secrets; `member` does everything else."),
});

export const updateAccountUserSchema = z
  .strictObject(
    {
      role: z.enum(ACCOUNT_ROLES, { error: "role must be admin or member." }).optional().describe("`admin` or `member`."),
      disabled: z
        .boolean({ error: "disabled must be true or false." })
        .optional()
        .describe("`true` disables the user: their sessions and API keys are refused from their next request on. `false` enables them again (old sessions stay ended)."),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Only role and disabled can be changed here, not ${issue.keys.join(", ")}.` : undefined) },
  )
  .refine((v) => v.role !== undefined || v.disabled !== undefined, { message: "Send role (admin or member) or disabled (true or false)." });

/** Keyset paging of the accounts-and-access lists (accounts, users, audit events). */
export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: "limit must be a number." })
    .int("limit must be a whole number.")
    .min(1, "limit must be at least 1.")
    .max(100, "limit must be at most 100.")
    .default(25)
    .describe("Items per page, 1 to 100 (default 25)."),
  cursor: z.string().max(200).optional().describe("`nextCursor` of the previous page."),
});

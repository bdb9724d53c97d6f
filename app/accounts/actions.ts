"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createAccount } from "@/lib/accounts/accounts";
import { createInvitation, resendInvitation, revokeInvitation } from "@/lib/accounts/invitations";
import { changePassword, changePasswordSchema, signOutEverywhere } from "@/lib/accounts/passwords";
import { createAccountSchema, createInvitationSchema } from "@/lib/accounts/schemas";
import { updateAccountUser } from "@/lib/accounts/users";
import { action } from "@/lib/auth/action";
import { signIn, signOut } from "@/lib/auth/auth";
import { ACCOUNT_ROLES } from "@/lib/porting/values";

// Server actions of the accounts-and-access pages (Settings → Team, Security; the support
// console's accounts). Each goes through action(), which resolves the caller; the verb then checks
// that the caller may act on this account (support any, a customer's admin its own).

const accountId = z.string({ error: "The account is missing." });

function refreshPeoplePages(id: string) {
  revalidatePath("/settings/team");
  revalidatePath("/settings/audit-log");
  revalidatePath(`/support/accounts/${id}`);
}

export const createAccountAction = action({ roles: ["support"], input: createAccountSchema }, async (actor, input) => {
  const account = await createAccount(actor, input);
  revalidatePath("/support/accounts");
  return account;
});

export const inviteAction = action({ roles: ["customer", "support"], input: createInvitationSchema.extend({ accountId }) }, async (actor, { accountId: id, ...input }) => {
  const invitation = await createInvitation(actor, id, input);
  refreshPeoplePages(id);
  return invitation;
});

const invitationRef = z.object({ accountId, invitationId: z.string({ error: "The invitation is missing." }) });

export const resendInvitationAction = action({ roles: ["customer", "support"], input: invitationRef }, async (actor, input) => {
  const invitation = await resendInvitation(actor, input.accountId, input.invitationId);
  refreshPeoplePages(input.accountId);
  return invitation;
});

export const revokeInvitationAction = action({ roles: ["customer", "support"], input: invitationRef }, async (actor, input) => {
  const revoked = await revokeInvitation(actor, input.accountId, input.invitationId);
  refreshPeoplePages(input.accountId);
  return revoked;
});

const userChange = z.object({
  accountId,
  userId: z.string({ error: "The user is missing." }),
  role: z.enum(ACCOUNT_ROLES).optional(),
  disabled: z.boolean().optional(),
});

export const updateUserAction = action({ roles: ["customer", "support"], input: userChange }, async (actor, { accountId: id, userId, ...change }) => {
  const user = await updateAccountUser(actor, id, userId, change);
  refreshPeoplePages(id);
  return user;
});

const changeOwnPassword = action({ roles: ["customer", "support"], input: changePasswordSchema }, async (actor, input) => ({
  ...(await changePassword(actor, input)),
  // Back to the page it was changed on: support staff have theirs in the support console.
  page: actor.role === "support" ? "/support/settings/security" : "/settings/security",
}));

/** Changes the password, which ends every session, then signs this browser in again with the new one. */
export async function changePasswordAction(input: z.input<typeof changePasswordSchema>) {
  const result = await changeOwnPassword(input);
  if (result.ok) await signIn("credentials", { email: result.data.email, password: input.password, redirectTo: `${result.data.page}?changed=1` });
  return result;
}

const endAllSessions = action({ roles: ["customer", "support"], input: z.object({}) }, async (actor) => signOutEverywhere(actor));

export async function signOutEverywhereAction() {
  const result = await endAllSessions({});
  if (result.ok) await signOut({ redirectTo: "/login" });
  return result;
}

"use server";

import { AuthError } from "next-auth";
import { publicAction } from "@/lib/auth/action";
import { signIn } from "@/lib/auth/auth";
import { acceptInvitation, acceptInvitationSchema } from "@/lib/accounts/invitations";
import { forgotPasswordSchema, requestPasswordReset, resetPassword, resetPasswordSchema } from "@/lib/accounts/passwords";

// The actions of the pages reached by an emailed link or from the sign-in page: no session yet,
// the link's token (checked by the verb) is the credential. On success the person is signed in
// with the password just chosen, and next-auth's redirect is how the page is left.

async function signInWith(email: string, password: string): Promise<void> {
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    // The password was set; if signing in is refused now (throttled), the sign-in page takes over.
    if (error instanceof AuthError) {
      const { redirect } = await import("next/navigation");
      redirect("/login");
    }
    throw error;
  }
}

const accept = publicAction({ input: acceptInvitationSchema }, acceptInvitation);

export async function acceptInvitationAction(input: { token: string; password: string; confirmPassword: string }) {
  const result = await accept(input);
  if (result.ok) await signInWith(result.data.email, input.password);
  return result;
}

export const forgotPasswordAction = publicAction({ input: forgotPasswordSchema }, async (input) => {
  await requestPasswordReset(input);
  return { email: input.email };
});

const reset = publicAction({ input: resetPasswordSchema }, resetPassword);

export async function resetPasswordAction(input: { token: string; password: string; confirmPassword: string }) {
  const result = await reset(input);
  if (result.ok) await signInWith(result.data.email, input.password);
  return result;
}

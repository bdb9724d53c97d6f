"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";

export type SignInState = { error?: string; email?: string };

// Public by nature: the only action without a caller. The message never says which part was
// wrong, and next-auth's redirect on success is rethrown (it is how navigation happens).
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", { email, password: String(formData.get("password") ?? ""), redirectTo: "/" });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      if (code === "locked") {
        // One answer for every throttled attempt, whichever limit (email or address) it hit and
        // whether or not the email has a user.
        return { email, error: "Too many failed sign-in attempts. Wait 15 minutes and try again." };
      }
      return { email, error: "Email or password is wrong." };
    }
    throw error;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

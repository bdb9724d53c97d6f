import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/accounts/auth-card";
import { SetPasswordForm } from "@/components/accounts/password-forms";
import { INVALID_RESET_LINK, resetLinkEmail } from "@/lib/accounts/passwords";
import { resetPasswordAction } from "../../account-actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function ResetPasswordPage(props: PageProps<"/reset-password/[token]">) {
  const { token } = await props.params;
  const email = await resetLinkEmail(token);
  if (!email) {
    return (
      <AuthCard title="This link no longer works">
        <p className="text-sm text-slate-700">{INVALID_RESET_LINK}</p>
        <p className="mt-4 text-sm">
          <Link href="/forgot-password" className="font-medium text-brand-700 underline">
            Ask for a new link
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password" intro={<p>For {email}. Every other session of yours ends when you save it.</p>}>
      <SetPasswordForm token={token} email={email} action={resetPasswordAction} submitLabel="Save password and sign in" />
    </AuthCard>
  );
}

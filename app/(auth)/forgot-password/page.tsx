import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/accounts/auth-card";
import { ForgotPasswordForm } from "@/components/accounts/password-forms";
import { forgotPasswordAction } from "../account-actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Forgot your password?" intro={<p>Give the email address you sign in with; we email you a link to choose a new password.</p>}>
      <ForgotPasswordForm action={forgotPasswordAction} />
      <p className="mt-6 text-sm">
        <Link href="/login" className="font-medium text-brand-700 underline">
          Back to sign in
        </Link>
      </p>
    </AuthCard>
  );
}

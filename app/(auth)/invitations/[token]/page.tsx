import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/accounts/auth-card";
import { SetPasswordForm } from "@/components/accounts/password-forms";
import { describeInvitationLink, INVALID_INVITATION } from "@/lib/accounts/invitations";
import { acceptInvitationAction } from "../../account-actions";

export const metadata: Metadata = { title: "Accept your invitation", referrer: "no-referrer" };

export default async function InvitationPage(props: PageProps<"/invitations/[token]">) {
  const { token } = await props.params;
  const link = await describeInvitationLink(token);
  if (link.state !== "open") {
    return (
      <AuthCard title="This invitation link no longer works">
        <p className="text-sm text-slate-700">{INVALID_INVITATION}</p>
        <p className="mt-4 text-sm">
          <Link href="/login" className="font-medium text-brand-700 underline">
            Go to sign in
          </Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title={`Join ${link.accountName}`}
      intro={
        <p>
          Welcome, {link.name}. Choose a password for <strong>{link.email}</strong>; you will be signed in as {link.role === "admin" ? "an admin" : "a member"} of{" "}
          {/* "Initech B.V." ends the sentence itself. */}
          {link.accountName.endsWith(".") ? link.accountName : `${link.accountName}.`}
        </p>
      }
    >
      <SetPasswordForm token={token} email={link.email} action={acceptInvitationAction} submitLabel="Set password and sign in" />
    </AuthCard>
  );
}

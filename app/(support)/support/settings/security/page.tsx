import type { Metadata } from "next";
import { SecuritySection } from "@/components/accounts/security-section";
import { SupportSettingsTabs } from "@/components/accounts/settings-tabs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportPage } from "@/lib/auth/page";
import { changePasswordAction, signOutEverywhereAction } from "@/app/accounts/actions";

export const metadata: Metadata = { title: "Password & sessions · Support settings" };

// A support agent's own password and sessions: the same verbs as a customer's (the actions
// resolve the caller; a support session changes only its own sign-in).
export default async function SupportSecurityPage(props: PageProps<"/support/settings/security">) {
  const actor = await requireSupportPage();
  const { changed } = await props.searchParams;
  return (
    <>
      <PageHeader title="Settings" description={`Your own sign-in: ${actor.email}.`} />
      <SupportSettingsTabs current="/support/settings/security" />
      <div className="mt-6 space-y-6">
        {changed ? (
          <div role="status">
            <Notice tone="success">Your password was changed. Every other session of yours has ended.</Notice>
          </div>
        ) : null}
        <SecuritySection changeAction={changePasswordAction} signOutEverywhereAction={signOutEverywhereAction} />
      </div>
    </>
  );
}

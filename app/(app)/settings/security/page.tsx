import type { Metadata } from "next";
import { SecuritySection } from "@/components/accounts/security-section";
import { SettingsTabs } from "@/components/accounts/settings-tabs";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { changePasswordAction, signOutEverywhereAction } from "@/app/accounts/actions";

export const metadata: Metadata = { title: "Password & sessions · Settings" };

export default async function SecurityPage(props: PageProps<"/settings/security">) {
  const actor = await requireCustomerPage();
  const { changed } = await props.searchParams;
  return (
    <>
      <PageHeader title="Settings" description={`Your own sign-in: ${actor.email}.`} />
      <SettingsTabs current="/settings/security" admin={actor.accountRole === "admin"} />
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

import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsTabs } from "@/components/accounts/settings-tabs";
import { TeamManager } from "@/components/accounts/team-manager";
import { PageHeader } from "@/components/ui/page-header";
import { listInvitations } from "@/lib/accounts/invitations";
import { listAccountUsers } from "@/lib/accounts/users";
import { requireCustomerPage } from "@/lib/auth/page";
import { inviteAction, resendInvitationAction, revokeInvitationAction, updateUserAction } from "@/app/accounts/actions";

export const metadata: Metadata = { title: "Team · Settings" };

export default async function TeamPage() {
  const actor = await requireCustomerPage();
  // Members have no Team page: a 404, as for any page that is not theirs.
  if (actor.accountRole !== "admin") notFound();
  const [users, invitations] = await Promise.all([listAccountUsers(actor, actor.accountId, { limit: 100 }), listInvitations(actor, actor.accountId)]);
  return (
    <>
      <PageHeader title="Settings" description="Who can sign in to your account, and what they may do." />
      <SettingsTabs current="/settings/team" admin />
      <div className="mt-6">
        <TeamManager
          accountId={actor.accountId}
          users={users.data}
          invitations={invitations}
          currentUserId={actor.userId}
          actions={{ invite: inviteAction, resend: resendInvitationAction, revoke: revokeInvitationAction, updateUser: updateUserAction }}
        />
        <p className="mt-6 text-sm text-slate-600">
          Admins invite and manage users, webhook endpoints and signing secrets; members do everything else. An account always keeps one enabled admin.
        </p>
      </div>
    </>
  );
}

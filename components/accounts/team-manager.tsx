"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import type { InvitationDto } from "@/lib/accounts/invitations";
import type { AccountUserDto } from "@/lib/accounts/users";
import type { ActionResult } from "@/lib/auth/action";
import { ActionForm } from "./action-form";

// An account's people: invite someone, the users (role, disabled, last sign-in) with their
// controls, and the open invitations (resend, revoke). Used by Settings → Team (the account's
// admins) and by the support console's account page; the actions check the caller either way.

type Actions = {
  invite: (input: { accountId: string; email: string; name: string; role: "admin" | "member" }) => Promise<ActionResult<InvitationDto>>;
  resend: (input: { accountId: string; invitationId: string }) => Promise<ActionResult<InvitationDto>>;
  revoke: (input: { accountId: string; invitationId: string }) => Promise<ActionResult<{ id: string; revokedAt: string }>>;
  updateUser: (input: { accountId: string; userId: string; role?: "admin" | "member"; disabled?: boolean }) => Promise<ActionResult<AccountUserDto>>;
};

const dateTime = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso)) + " UTC";

export function TeamManager({
  accountId,
  users,
  invitations,
  currentUserId,
  actions,
}: {
  accountId: string;
  users: AccountUserDto[];
  invitations: InvitationDto[];
  currentUserId: string | null;
  actions: Actions;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "success" | "danger"; text: string } | null>(null);
  const [pending, start] = useTransition();
  // Disabling ends the person's sessions and stops their API keys at once: asked first.
  const [disabling, setDisabling] = useState<AccountUserDto | null>(null);

  function run<T>(label: string, work: () => Promise<ActionResult<T>>) {
    setMessage(null);
    start(async () => {
      try {
        const result = await work();
        setDisabling(null);
        setMessage(result.ok ? { tone: "success", text: label } : { tone: "danger", text: result.message });
        if (result.ok) router.refresh();
      } catch {
        setMessage({ tone: "danger", text: "We couldn't reach the server. Check your connection and try again." });
      }
    });
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby="invite-heading" className="rounded-xl border border-slate-200 bg-white p-4 sm:p-5">
        <h3 id="invite-heading" className="text-sm font-semibold text-slate-900">
          Invite someone
        </h3>
        <p className="mt-1 text-sm text-slate-600">They get an email with a link to choose a password; the link works once, for 7 days.</p>
        <div className="mt-4">
          <ActionForm
            layout="row"
            fields={[
              { name: "email", label: "Email", type: "email", autoComplete: "off" },
              { name: "name", label: "Name" },
              {
                name: "role",
                label: "Role",
                type: "select",
                // An account's first person is its admin; after that most invitations are members.
                defaultValue: users.length === 0 ? "admin" : "member",
                options: [
                  { value: "member", label: "Member" },
                  { value: "admin", label: "Admin" },
                ],
              },
            ]}
            action={(input) => actions.invite({ accountId, email: input.email ?? "", name: input.name ?? "", role: input.role === "admin" ? "admin" : "member" })}
            submitLabel="Send invitation"
            pendingLabel="Sending…"
            successMessage={(i) => `Invitation sent to ${i.email}.`}
            onSuccess={() => router.refresh()}
          />
        </div>
      </section>

      <div role="status" aria-live="polite" className="empty:hidden">
        {message ? (
          <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
            {message.text}
          </Notice>
        ) : null}
      </div>

      <section aria-labelledby="users-heading" className="space-y-3">
        <h3 id="users-heading" className="text-base font-semibold text-slate-900">
          Users ({users.length})
        </h3>
        {users.length === 0 ? (
          <p className="text-sm text-slate-600">No users yet: invite the first admin above.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {users.map((user) => (
              <li key={user.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {user.name}
                    {user.id === currentUserId ? <span className="ml-2 text-sm font-normal text-slate-500">(you)</span> : null}
                  </p>
                  <p className="truncate text-sm text-slate-600">{user.email}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    <span className="font-semibold uppercase tracking-wide text-slate-700">{user.role}</span>
                    {user.disabled ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 font-semibold text-red-800">Disabled</span> : null}
                    <span className="ml-2">{user.lastSignInAt ? `Last signed in ${dateTime(user.lastSignInAt)}` : "Never signed in"}</span>
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={pending}
                    aria-label={`${user.role === "admin" ? "Make member" : "Make admin"}: ${user.name}`}
                    onClick={() =>
                      run(`${user.name} is now ${user.role === "admin" ? "a member" : "an admin"}.`, () =>
                        actions.updateUser({ accountId, userId: user.id, role: user.role === "admin" ? "member" : "admin" }),
                      )
                    }
                  >
                    {user.role === "admin" ? "Make member" : "Make admin"}
                  </Button>
                  {/* Disabling yourself would end this very session: another admin does that. */}
                  {user.id === currentUserId ? null : (
                    <Button
                      variant={user.disabled ? "secondary" : "danger"}
                      size="sm"
                      disabled={pending}
                      aria-label={`${user.disabled ? "Enable" : "Disable"}: ${user.name}`}
                      aria-haspopup={user.disabled ? undefined : "dialog"}
                      onClick={() =>
                        user.disabled
                          ? run(`${user.name} can sign in again.`, () => actions.updateUser({ accountId, userId: user.id, disabled: false }))
                          : setDisabling(user)
                      }
                    >
                      {user.disabled ? "Enable" : "Disable"}
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="invitations-heading" className="space-y-3">
        <h3 id="invitations-heading" className="text-base font-semibold text-slate-900">
          Open invitations ({invitations.length})
        </h3>
        {invitations.length === 0 ? (
          <p className="text-sm text-slate-600">No open invitations.</p>
        ) : (
          <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{invitation.name}</p>
                  <p className="truncate text-sm text-slate-600">{invitation.email}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    <span className="font-semibold uppercase tracking-wide text-slate-700">{invitation.role}</span>
                    <span className="ml-2">
                      {invitation.expired ? (
                        <span className="rounded bg-amber-100 px-1.5 py-0.5 font-semibold text-amber-900">Expired {dateTime(invitation.expiresAt)}</span>
                      ) : (
                        `Link valid until ${dateTime(invitation.expiresAt)}`
                      )}
                    </span>
                    {invitation.invitedBy ? <span className="ml-2">· invited by {invitation.invitedBy}</span> : null}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={pending}
                    aria-label={`Resend invitation: ${invitation.email}`}
                    onClick={() => run(`A new link was sent to ${invitation.email}; the old one no longer works.`, () => actions.resend({ accountId, invitationId: invitation.id }))}
                  >
                    Resend
                  </Button>
                  <Button
                    variant="danger"
                    size="sm"
                    disabled={pending}
                    aria-label={`Revoke invitation: ${invitation.email}`}
                    onClick={() => run(`The invitation for ${invitation.email} was revoked.`, () => actions.revoke({ accountId, invitationId: invitation.id }))}
                  >
                    Revoke
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Dialog
        open={disabling !== null}
        onClose={() => setDisabling(null)}
        dismissible={!pending}
        tone="danger"
        title={disabling ? `Disable ${disabling.name}?` : "Disable"}
        description={
          disabling ? (
            <>
              {disabling.email} is signed out everywhere at once, their API keys stop working, and they cannot sign in until enabled again.
            </>
          ) : null
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setDisabling(null)} disabled={pending}>
              Keep access
            </Button>
            <Button
              variant="danger"
              disabled={pending}
              onClick={() => {
                const user = disabling;
                if (user) run(`${user.name} is disabled: their sessions and API keys stopped working.`, () => actions.updateUser({ accountId, userId: user.id, disabled: true }));
              }}
            >
              {pending ? "Disabling…" : "Disable"}
            </Button>
          </>
        }
      />
    </div>
  );
}

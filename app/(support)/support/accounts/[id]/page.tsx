import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { formatNumber, plural } from "@/components/shared/format";
import { ProfileDetails, RequirementResult } from "@/components/support/company-profile-card";
import { Section } from "@/components/support/section";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { inviteAction, resendInvitationAction, revokeInvitationAction, updateUserAction } from "@/app/accounts/actions";
import { AuditLog } from "@/components/accounts/audit-log";
import { TeamManager } from "@/components/accounts/team-manager";
import { Notice } from "@/components/ui/notice";
import { listAuditEvents } from "@/lib/accounts/audit-log";
import { listInvitations } from "@/lib/accounts/invitations";
import { listAccountUsers } from "@/lib/accounts/users";
import { requireSupportPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { countryName, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { groupChecks } from "@/components/support/company-profile-card";
import { STATUS_LIST } from "@/lib/porting/statuses";
import { ACCOUNT_LIST_LIMIT, getSupportAccountOverview } from "@/lib/support/accounts";
import { queueHref } from "@/lib/support/queue-filters";

type Props = PageProps<"/support/accounts/[id]">;

// Resolved before anything streams, so an unknown id is a real HTTP 404.
const load = cache(async (id: string) => {
  const actor = await requireSupportPage();
  const overview = await getSupportAccountOverview(actor, id);
  if (!overview) notFound();
  return overview;
});

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { id } = await props.params;
  const { account } = await load(id);
  return { title: `${account.name} · Support` };
}

export default async function SupportAccountPage(props: Props) {
  const { id } = await props.params;
  const { account, profiles, voiceNumbers, voiceNumberCount, requests, requestCount, statusCounts } = await load(id);
  const actor = await requireSupportPage();
  const { created, auditCursor } = await props.searchParams;
  const [people, invitations, audit] = await Promise.all([
    listAccountUsers(actor, account.id, { limit: 100 }),
    listInvitations(actor, account.id),
    listAuditEvents(actor, account.id, { limit: 20, ...(typeof auditCursor === "string" ? { cursor: auditCursor } : {}) }).catch(() =>
      // A mangled cursor in the URL starts again from the newest.
      listAuditEvents(actor, account.id, { limit: 20 }),
    ),
  ]);
  const now = requestTime();
  const countsText = STATUS_LIST.filter((s) => statusCounts[s.id] > 0)
    .map((s) => `${statusCounts[s.id]} ${s.label.toLowerCase()}`)
    .join(" · ");

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/support/accounts" className="text-slate-600 hover:text-slate-900 hover:underline">
          ← Accounts
        </Link>
      </nav>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{account.name}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {countryName(account.country)} · customer since <RelativeTime iso={account.createdAt} now={now} />
        </p>
      </div>

      {created ? (
        <div role="status" className="mb-6">
          <Notice tone="success" title="Account created">
            Invite its first admin below: they get an email with a link to choose a password.
          </Notice>
        </div>
      ) : null}

      <div className="mb-6">
        <Section title="People" headingId="people-heading">
          <TeamManager
            accountId={account.id}
            users={people.data}
            invitations={invitations}
            currentUserId={null}
            actions={{ invite: inviteAction, resend: resendInvitationAction, revoke: revokeInvitationAction, updateUser: updateUserAction }}
          />
        </Section>
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Section
            title={`Porting requests (${requestCount})`}
            headingId="requests-heading"
            actions={
              <Link href={queueHref({ status: "all", q: account.name })} className="text-sm text-brand-700 hover:underline">
                Open in the queue
              </Link>
            }
          >
            {countsText ? <p className="mb-3 text-sm text-slate-600">{countsText}</p> : null}
            {requests.length === 0 ? (
              <p className="text-sm text-slate-600">No porting requests yet.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {requests.map((r) => (
                  <li key={r.id} className="py-3">
                    <div className="flex items-center justify-between gap-3">
                      <Link href={`/support/porting-requests/${r.id}`} className="font-semibold text-brand-700 hover:underline">
                        {r.reference}
                      </Link>
                      <StatusBadge status={r.status} />
                    </div>
                    <p className="mt-0.5 text-sm text-slate-600">
                      {plural(r.numberCount, "number")} · {NUMBER_TYPE_LABELS[r.numberType]} · {countryName(r.country)} · changed{" "}
                      <RelativeTime iso={r.statusChangedAt} now={now} />
                    </p>
                    <p className="mt-0.5 line-clamp-2 text-sm text-slate-900">{r.statusReason}</p>
                  </li>
                ))}
              </ul>
            )}
            {requestCount > requests.length ? (
              <p className="mt-3 text-sm text-slate-600">
                Showing the newest {requests.length} of {requestCount}.{" "}
                <Link href={queueHref({ status: "all", q: account.name })} className="text-brand-700 hover:underline">
                  See all in the queue
                </Link>
              </p>
            ) : null}
          </Section>

          <Section title={`Voice numbers (${voiceNumberCount})`} headingId="numbers-heading">
            {voiceNumbers.length === 0 ? (
              <p className="text-sm text-slate-600">No numbers on this account yet: they arrive when a porting request completes.</p>
            ) : (
<>
              <div className="hidden overflow-x-auto sm:block">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-4 py-2 sm:pl-0">Number</th>
                      <th scope="col" className="px-4 py-2">Type</th>
                      <th scope="col" className="px-4 py-2">Group</th>
                      <th scope="col" className="px-4 py-2 sm:pr-0">From request</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {voiceNumbers.map((n) => (
                      <tr key={n.number}>
                        <td className="px-4 py-2 font-mono whitespace-nowrap tabular-nums sm:pl-0">{formatNumber(n.number)}</td>
                        <td className="px-4 py-2 whitespace-nowrap">{NUMBER_TYPE_LABELS[n.type]}</td>
                        <td className="px-4 py-2 whitespace-nowrap">{n.group?.name ?? <span className="text-slate-400">None</span>}</td>
                        <td className="px-4 py-2 whitespace-nowrap sm:pr-0">
                          {n.request ? (
                            <Link href={`/support/porting-requests/${n.request.id}`} className="text-brand-700 hover:underline">
                              {n.request.reference}
                            </Link>
                          ) : (
                            <span className="text-slate-400">—</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ul className="divide-y divide-slate-100 text-sm sm:hidden">
                {voiceNumbers.map((n) => (
                  <li key={n.number} className="py-2">
                    <span className="font-mono tabular-nums text-slate-900">{formatNumber(n.number)}</span>
                    <span className="block text-slate-600">
                      {NUMBER_TYPE_LABELS[n.type]} · {n.group ? n.group.name : "no group"}
                      {n.request ? (
                        <>
                          {" · from "}
                          <Link href={`/support/porting-requests/${n.request.id}`} className="text-brand-700 hover:underline">
                            {n.request.reference}
                          </Link>
                        </>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
              </>
            )}
            {voiceNumberCount > voiceNumbers.length ? (
              <p className="mt-3 text-sm text-slate-600">
                Showing the first {ACCOUNT_LIST_LIMIT} of {voiceNumberCount}, by number.
              </p>
            ) : null}
          </Section>

          <Section title="Audit log" headingId="audit-heading">
            <AuditLog
              events={audit.data}
              nextHref={audit.nextCursor ? `/support/accounts/${account.id}?auditCursor=${encodeURIComponent(audit.nextCursor)}#audit-heading` : null}
              requestsHref={queueHref({ status: "all", q: account.name })}
            />
          </Section>
        </div>

        <div className="min-w-0 space-y-6">
          <Section title={`Company profiles (${profiles.length})`} headingId="profiles-heading">
            {profiles.length === 0 ? (
              <EmptyState title="No company profiles">The customer has not created a company profile yet.</EmptyState>
            ) : (
              <ul className="space-y-6">
                {profiles.map((p) => (
                  <li key={p.id} className="border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
                    <h3 className="mb-2 font-semibold text-slate-900">{p.name}</h3>
                    <div className="mb-3">
                      <RequirementResult
                        checks={groupChecks(p.country, p.checks)}
                      />
                    </div>
                    <ProfileDetails profile={p} />
                  </li>
                ))}
              </ul>
            )}
          </Section>

        </div>
      </div>
    </>
  );
}

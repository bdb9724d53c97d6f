import type { Metadata } from "next";
import Link from "next/link";
import { DeleteCompanyProfileButton } from "@/components/account/delete-company-profile-button";
import { RequirementsBadge } from "@/components/account/requirements-badge";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { requirementFieldLabel } from "@/lib/company-profiles/dto";
import { listCompanyProfiles } from "@/lib/company-profiles/list-company-profiles";
import { NUMBER_TYPE_LABELS, countryName } from "@/lib/porting/countries";

export const metadata: Metadata = { title: "Company profiles" };

export default async function CompanyProfilesPage(props: PageProps<"/company-profiles">) {
  const actor = await requireCustomerPage();
  const [profiles, searchParams] = await Promise.all([listCompanyProfiles(actor), props.searchParams]);
  const saved = typeof searchParams.saved === "string" ? profiles.find((p) => p.id === searchParams.saved) : undefined;
  const deleted = typeof searchParams.deleted === "string" ? searchParams.deleted.slice(0, 100) : null;

  return (
    <>
      <PageHeader
        title="Company profiles"
        description="The companies that hold your numbers, with the details each country needs before we can port."
        actions={<ButtonLink href="/company-profiles/new">New company profile</ButtonLink>}
      />

      <div role="status" aria-live="polite" className="empty:hidden mb-4">
        {saved ? (
          <Notice tone={saved.meetsRequirements ? "success" : "warning"} title={`“${saved.name}” is saved.`}>
            {saved.meetsRequirements
              ? "It meets the requirements: you can use it for porting requests."
              : `It can't be used for porting requests yet. Missing or invalid: ${saved.missingRequirements
                  .map((f) => requirementFieldLabel(saved.country, f))
                  .join(", ")}.`}
          </Notice>
        ) : deleted ? (
          <Notice tone="success">“{deleted}” is deleted.</Notice>
        ) : null}
      </div>

      {profiles.length === 0 ? (
        <EmptyState
          title="No company profiles yet"
          action={<ButtonLink href="/company-profiles/new">Create a company profile</ButtonLink>}
        >
          A porting request names the company that holds the numbers: its registration number, the person authorised to
          sign, its address and where status updates go. Create one profile per company (or branch) you port for.
        </EmptyState>
      ) : (
        <ul className="space-y-3" aria-label="Company profiles">
          {profiles.map((profile) => (
            <li
              key={profile.id}
              data-testid="company-profile"
              className={`rounded-xl border bg-white p-4 shadow-sm sm:p-5 ${saved?.id === profile.id ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200"}`}
            >
              <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                <div className="min-w-0">
                  <h2 className="text-base font-semibold text-slate-900">
                    <Link href={`/company-profiles/${profile.id}`} className="hover:text-brand-700 hover:underline">
                      {profile.name}
                    </Link>
                  </h2>
                  <p className="text-sm text-slate-600">{profile.companyName}</p>
                </div>
                <RequirementsBadge profile={profile} />
              </div>
              <dl className="mt-3 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Country</dt>
                  <dd className="text-slate-900">{countryName(profile.country)}</dd>
                </div>
                <div>
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Number types</dt>
                  <dd className="text-slate-900">{profile.numberTypes.map((t) => NUMBER_TYPE_LABELS[t]).join(", ") || "—"}</dd>
                </div>
                <div className="min-w-0">
                  <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">Status updates to</dt>
                  <dd className="truncate text-slate-900" title={profile.notificationEmails.join(", ")}>
                    {profile.notificationEmails[0]}
                    {profile.notificationEmails.length > 1 ? <span className="text-slate-500"> and {profile.notificationEmails.length - 1} more</span> : null}
                  </dd>
                </div>
              </dl>
              <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
                <ButtonLink href={`/company-profiles/${profile.id}/edit`} variant="secondary" size="sm">
                  Edit<span className="sr-only"> {profile.name}</span>
                </ButtonLink>
                <DeleteCompanyProfileButton id={profile.id} name={profile.name} portingRequestsCount={profile.portingRequestsCount} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DeleteCompanyProfileButton } from "@/components/account/delete-company-profile-button";
import { RequirementsBadge } from "@/components/account/requirements-badge";
import { formatNumber } from "@/lib/porting/numbers";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { NUMBER_TYPE_LABELS, countryName, isCountryCode, profileFieldLabel, type ProfileField } from "@/lib/porting/countries";
import { loadCompanyProfile } from "./load";

// No loading.tsx or Suspense above this page: a foreign id must answer HTTP 404.

export async function generateMetadata(props: PageProps<"/company-profiles/[id]">): Promise<Metadata> {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  return { title: (await loadCompanyProfile(actor, id)).name };
}

export default async function CompanyProfilePage(props: PageProps<"/company-profiles/[id]">) {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  const profile = await loadCompanyProfile(actor, id);
  const label = (field: ProfileField) => (isCountryCode(profile.country) ? profileFieldLabel(profile.country, field) : field);
  const requests = profile.portingRequestsCount === 1 ? "1 porting request" : `${profile.portingRequestsCount} porting requests`;

  return (
    <div className="mx-auto max-w-4xl">
      <Breadcrumb crumbs={[{ href: "/company-profiles", label: "Company profiles" }]} />
      <PageHeader
        title={profile.name}
        description={`${profile.companyName} · ${countryName(profile.country)}`}
        actions={
          <>
            <ButtonLink href={`/company-profiles/${profile.id}/edit`}>Edit</ButtonLink>
            <DeleteCompanyProfileButton id={profile.id} name={profile.name} portingRequestsCount={profile.portingRequestsCount} redirectTo="/company-profiles" />
          </>
        }
      />

      <div className="mb-6">
        {profile.meetsRequirements ? (
          <Notice tone="success" title="Meets the requirements">
            Ready for porting requests for {profile.numberTypes.map((t) => NUMBER_TYPE_LABELS[t].toLowerCase()).join(", ")} numbers in{" "}
            {countryName(profile.country)}.
          </Notice>
        ) : (
          <Notice
            tone="warning"
            title="Not yet ready for porting requests"
            action={
              <ButtonLink href={`/company-profiles/${profile.id}/edit`} size="sm" variant="secondary">
                Complete the profile
              </ButtonLink>
            }
          >
            <ul className="list-disc space-y-1 pl-5">
              {profile.requirementProblems.map((problem) => (
                <li key={`${problem.field}-${problem.message}`}>{problem.message}</li>
              ))}
            </ul>
          </Notice>
        )}
      </div>

      <div className="grid gap-4 md:grid-cols-2">
        <Card title="Company">
          <Row term={label("companyName")}>{profile.companyName}</Row>
          <Row term={label("registrationNumber")}>{profile.registrationNumber}</Row>
          <Row term={label("vatNumber")}>{profile.vatNumber}</Row>
          <Row term="Number types">
            <span className="inline-flex flex-wrap items-center gap-2">
              {profile.numberTypes.map((t) => NUMBER_TYPE_LABELS[t]).join(", ")}
              <RequirementsBadge profile={profile} />
            </span>
          </Row>
        </Card>
        <Card title="Authorised representative">
          <Row term="Name">{[profile.representative.firstName, profile.representative.lastName].filter(Boolean).join(" ") || null}</Row>
          <Row term="Phone">{profile.representative.phone ? formatNumber(profile.representative.phone) : null}</Row>
        </Card>
        <Card title="Address">
          <Row term={label("street")}>{profile.address.street}</Row>
          <Row term={label("postalCode")}>{profile.address.postalCode}</Row>
          <Row term={label("city")}>{profile.address.city}</Row>
          <Row term={label("addressCountry")}>{profile.address.country ? countryName(profile.address.country) : null}</Row>
        </Card>
        <Card title="Status updates">
          <Row term="Emailed to">
            <ul>
              {profile.notificationEmails.map((email) => (
                <li key={email} className="break-all">
                  {email}
                </li>
              ))}
            </ul>
          </Row>
          <Row term="Used by">{profile.portingRequestsCount > 0 ? requests : "No porting requests yet"}</Row>
        </Card>
      </div>
    </div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <dl className="mt-3 space-y-3 text-sm">{children}</dl>
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium text-slate-500">{term}</dt>
      <dd className="mt-0.5 text-slate-900">{children ?? <span className="text-slate-400">Not given</span>}</dd>
    </div>
  );
}

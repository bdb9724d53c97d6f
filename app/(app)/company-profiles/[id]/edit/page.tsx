import type { Metadata } from "next";
import { CompanyProfileForm } from "@/components/account/company-profile-form";
import { formValuesOf } from "@/components/account/profile-form-values";
import { safeReturnTo } from "@/components/account/return-to";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { addressCountryOptions } from "@/lib/company-profiles/address-countries";
import { loadCompanyProfile } from "../load";

// No loading.tsx or Suspense above this page: a foreign id must answer HTTP 404.

export async function generateMetadata(props: PageProps<"/company-profiles/[id]/edit">): Promise<Metadata> {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  return { title: `Edit ${(await loadCompanyProfile(actor, id)).name}` };
}

export default async function EditCompanyProfilePage(props: PageProps<"/company-profiles/[id]/edit">) {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  const profile = await loadCompanyProfile(actor, id);
  const returnTo = safeReturnTo((await props.searchParams).returnTo);
  return (
    <div className="mx-auto max-w-4xl">
      <Breadcrumb
        crumbs={[
          { href: "/company-profiles", label: "Company profiles" },
          { href: `/company-profiles/${profile.id}`, label: profile.name },
        ]}
      />
      <PageHeader
        title={`Edit “${profile.name}”`}
        description={
          profile.portingRequestsCount > 0
            ? "Porting requests that use this profile keep using it: later status emails go to the addresses you save here."
            : undefined
        }
      />
      <CompanyProfileForm profileId={profile.id} initial={formValuesOf(profile)} addressCountries={addressCountryOptions()} returnTo={returnTo} />
    </div>
  );
}

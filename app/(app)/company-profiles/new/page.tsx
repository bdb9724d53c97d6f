import type { Metadata } from "next";
import { CompanyProfileForm } from "@/components/account/company-profile-form";
import { newFormValues } from "@/components/account/profile-form-values";
import { safeReturnTo } from "@/components/account/return-to";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { getOwnAccount } from "@/lib/accounts";
import { requireCustomerPage } from "@/lib/auth/page";
import { addressCountryOptions } from "@/lib/company-profiles/address-countries";

export const metadata: Metadata = { title: "New company profile" };

export default async function NewCompanyProfilePage(props: PageProps<"/company-profiles/new">) {
  const actor = await requireCustomerPage();
  const [account, searchParams] = await Promise.all([getOwnAccount(actor), props.searchParams]);
  return (
    <div className="mx-auto max-w-4xl">
      <Breadcrumb crumbs={[{ href: "/company-profiles", label: "Company profiles" }]} />
      <PageHeader title="New company profile" description="The company that holds the numbers you want to port." />
      <CompanyProfileForm
        initial={newFormValues(account.country, actor.email)}
        addressCountries={addressCountryOptions()}
        returnTo={safeReturnTo(searchParams.returnTo)}
      />
    </div>
  );
}

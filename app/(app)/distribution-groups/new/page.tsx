import type { Metadata } from "next";
import { DistributionGroupForm } from "@/components/account/distribution-group-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { getOwnAccount } from "@/lib/accounts";
import { requireCustomerPage } from "@/lib/auth/page";

export const metadata: Metadata = { title: "New distribution group" };

export default async function NewDistributionGroupPage() {
  const actor = await requireCustomerPage();
  const account = await getOwnAccount(actor);
  return (
    <div className="mx-auto max-w-3xl">
      <Breadcrumb crumbs={[{ href: "/distribution-groups", label: "Distribution groups" }]} />
      <PageHeader title="New distribution group" description="Where calls to the numbers that use this group ring." />
      <DistributionGroupForm initial={{ name: "", destinations: [""] }} accountCountry={account.country} />
    </div>
  );
}

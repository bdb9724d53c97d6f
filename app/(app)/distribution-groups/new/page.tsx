import type { Metadata } from "next";
import Link from "next/link";
import { DistributionGroupForm } from "@/components/account/distribution-group-form";
import { PageHeader } from "@/components/ui/page-header";
import { getOwnAccount } from "@/lib/accounts";
import { requireCustomerPage } from "@/lib/auth/page";

export const metadata: Metadata = { title: "New distribution group" };

export default async function NewDistributionGroupPage() {
  const actor = await requireCustomerPage();
  const account = await getOwnAccount(actor);
  return (
    <div className="mx-auto max-w-3xl">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/distribution-groups" className="text-brand-700 hover:underline">
          Distribution groups
        </Link>
      </nav>
      <PageHeader title="New distribution group" description="Where calls to the numbers that use this group ring." />
      <DistributionGroupForm initial={{ name: "", destinations: [""] }} accountCountry={account.country} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { DeleteDistributionGroupButton } from "@/components/account/delete-distribution-group-button";
import { DistributionGroupForm } from "@/components/account/distribution-group-form";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { getOwnAccount } from "@/lib/accounts";
import type { CustomerActor } from "@/lib/auth/actor";
import { requireCustomerPage } from "@/lib/auth/page";
import { getDistributionGroup } from "@/lib/distribution-groups/get-distribution-group";
import { orNotFound } from "../../or-not-found";

// Rename the group and edit its destinations. No loading.tsx or Suspense above this page: a
// foreign, unknown or malformed id answers HTTP 404 before anything streams.

const load = cache((actor: CustomerActor, id: string) => orNotFound(getDistributionGroup(actor, id)));

export async function generateMetadata(props: PageProps<"/distribution-groups/[id]">): Promise<Metadata> {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  return { title: (await load(actor, id)).name };
}

export default async function DistributionGroupPage(props: PageProps<"/distribution-groups/[id]">) {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  const [group, account] = await Promise.all([load(actor, id), getOwnAccount(actor)]);
  const uses = [
    group.numbersCount > 0 ? `${group.numbersCount} ${group.numbersCount === 1 ? "number rings" : "numbers ring"} this group` : null,
    group.openPortingRequestsCount > 0
      ? `${group.openPortingRequestsCount} open porting ${group.openPortingRequestsCount === 1 ? "request" : "requests"} will use it`
      : null,
  ].filter(Boolean);

  return (
    <div className="mx-auto max-w-3xl">
      <Breadcrumb crumbs={[{ href: "/distribution-groups", label: "Distribution groups" }]} />
      <PageHeader
        title={`Edit “${group.name}”`}
        description={
          uses.length > 0 ? (
            <>
              {uses.join("; ")}: changes apply to them at once.{" "}
              {group.numbersCount > 0 ? (
                <Link href={`/numbers?group=${group.id}`} className="text-brand-700 underline">
                  Show its numbers
                </Link>
              ) : null}
            </>
          ) : (
            "No number uses this group yet."
          )
        }
        actions={<DeleteDistributionGroupButton group={group} redirectTo="/distribution-groups" />}
      />
      <DistributionGroupForm groupId={group.id} initial={{ name: group.name, destinations: group.destinations }} accountCountry={account.country} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { DeleteDistributionGroupButton } from "@/components/account/delete-distribution-group-button";
import { DestinationList } from "@/components/account/destination-list";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { listDistributionGroups } from "@/lib/distribution-groups/list-distribution-groups";

export const metadata: Metadata = { title: "Distribution groups" };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export default async function DistributionGroupsPage(props: PageProps<"/distribution-groups">) {
  const actor = await requireCustomerPage();
  const [groups, searchParams] = await Promise.all([listDistributionGroups(actor), props.searchParams]);
  const saved = typeof searchParams.saved === "string" ? groups.find((g) => g.id === searchParams.saved) : undefined;
  const deleted = typeof searchParams.deleted === "string" ? searchParams.deleted.slice(0, 100) : null;

  return (
    <>
      <PageHeader
        title="Distribution groups"
        description="Where calls to your numbers ring: each group tries its destinations in order."
        actions={<ButtonLink href="/distribution-groups/new">New distribution group</ButtonLink>}
      />

      <div role="status" aria-live="polite" className="mb-4 empty:hidden">
        {saved ? <Notice tone="success">“{saved.name}” is saved.</Notice> : deleted ? <Notice tone="success">“{deleted}” is deleted.</Notice> : null}
      </div>

      {groups.length === 0 ? (
        <EmptyState title="No distribution groups yet" action={<ButtonLink href="/distribution-groups/new">Create a distribution group</ButtonLink>}>
          A distribution group is a list of SIP URIs and phone numbers that ring, in order, when one of your numbers is called. Choose
          one for a porting request, and its numbers use it as soon as they are ported.
        </EmptyState>
      ) : (
        <ul className="grid gap-3 lg:grid-cols-2" aria-label="Distribution groups">
          {groups.map((group) => (
            <li
              key={group.id}
              data-testid="distribution-group"
              className={`flex flex-col rounded-xl border bg-white p-4 shadow-sm sm:p-5 ${saved?.id === group.id ? "border-brand-500 ring-1 ring-brand-500" : "border-slate-200"}`}
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base font-semibold text-slate-900">
                  <Link href={`/distribution-groups/${group.id}`} className="hover:text-brand-700 hover:underline">
                    {group.name}
                  </Link>
                </h2>
                <p className="text-sm text-slate-600">
                  {group.numbersCount > 0 ? (
                    <Link href={`/numbers?group=${group.id}`} className="text-brand-700 hover:underline">
                      {plural(group.numbersCount, "number", "numbers")}
                    </Link>
                  ) : (
                    "No numbers"
                  )}
                  {group.openPortingRequestsCount > 0 ? (
                    <span> · {plural(group.openPortingRequestsCount, "open porting request", "open porting requests")}</span>
                  ) : null}
                </p>
              </div>
              <DestinationList destinations={group.destinations} className="mt-3 flex-1" />
              <div className="mt-4 flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3">
                <ButtonLink href={`/distribution-groups/${group.id}`} variant="secondary" size="sm">
                  Edit<span className="sr-only"> {group.name}</span>
                </ButtonLink>
                <DeleteDistributionGroupButton group={group} />
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

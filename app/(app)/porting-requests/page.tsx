import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { readListFilters, LIST_PAGE_SIZE, type ListFilters } from "@/components/porting/list-filters";
import { portingRequestCriteria } from "@/lib/api/porting-request-query";
import { PortingRequestList } from "@/components/porting/porting-request-list";
import { getOwnAccount } from "@/lib/accounts";
import { requireCustomerPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { ValidationError } from "@/lib/errors";
import { portingRequestJson } from "@/lib/porting/serialize";
import { listFullPortingRequests, statusCounts } from "@/lib/porting/queries";
import { listFilterOptions } from "@/lib/porting/list-filter-options";
import { distributionGroupNames } from "@/lib/porting/request-details";
import { STATUS_LIST, statusAppliesTo } from "@/lib/porting/statuses";

export const metadata: Metadata = { title: "Porting requests" };

export default async function PortingRequestsPage(props: PageProps<"/porting-requests">) {
  const actor = await requireCustomerPage();
  const { filters, ignored } = readListFilters(await props.searchParams);

  // Live and sandbox requests are two views, never one list (DESIGN.md, Sandbox): the status tabs
  // count the side shown; the Live / Sandbox tabs say how many each side holds.
  const sandbox = Boolean(filters.sandbox);
  const [account, counts, otherCounts, groupNames, filterOptions, listed] = await Promise.all([
    getOwnAccount(actor),
    statusCounts(actor, undefined, { sandbox }),
    statusCounts(actor, undefined, { sandbox: !sandbox }),
    distributionGroupNames(actor),
    listFilterOptions(actor),
    loadPage(actor, filters),
  ]);

  const notices: string[] = [];
  if (ignored.length > 0) notices.push(`This link had an unknown ${ignored.join(" and ")}; it is ignored.`);
  if (listed.expiredCursor) notices.push("That page link is no longer valid, so this is the first page.");

  // NL-only statuses (Delayed, Ready to be ported) are hidden for accounts that never see them.
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const totals = sandbox ? { live: sum(otherCounts), sandbox: sum(counts) } : { live: sum(counts), sandbox: sum(otherCounts) };
  const tabStatuses = STATUS_LIST.filter((s) => statusAppliesTo(s.id, account.country) || counts[s.id] > 0).map((s) => s.id);

  return (
    <>
      <PageHeader
        title="Porting requests"
        description="Your requests to move numbers onto the voice platform, newest first. Statuses update by themselves."
        actions={<ButtonLink href="/porting-requests/new">New porting request</ButtonLink>}
      />
      <PortingRequestList
        filters={listed.filters}
        initialPage={listed.page}
        renderedAt={requestTime()}
        counts={counts}
        totals={totals}
        tabStatuses={tabStatuses}
        groupNames={groupNames}
        filterOptions={filterOptions}
        urlNotice={notices.join(" ") || null}
      />
    </>
  );
}

// The same JSON as GET /api/v1/porting-requests (which the list then polls), so the first render
// and every poll agree field for field.
async function loadPage(actor: Parameters<typeof listFullPortingRequests>[0], filters: ListFilters) {
  // The URL's filters read as the API reads the same query string (the poll sends exactly it).
  const criteria = portingRequestCriteria({
    status: filters.status,
    country: filters.country,
    q: filters.q,
    createdFrom: filters.createdFrom,
    createdTo: filters.createdTo,
    currentProvider: filters.currentProvider,
    companyProfileId: filters.companyProfileId,
    sandbox: filters.sandbox ? "true" : undefined,
  });
  try {
    const page = await listFullPortingRequests(actor, { ...criteria, cursor: filters.cursor, limit: LIST_PAGE_SIZE });
    return { filters, page: { data: page.items.map(portingRequestJson), nextCursor: page.nextCursor }, expiredCursor: false };
  } catch (error) {
    // A hand-edited or outdated cursor: show the first page of the same view instead of an error.
    if (!(error instanceof ValidationError) || !filters.cursor) throw error;
    const first: ListFilters = { ...filters, cursor: undefined };
    delete first.cursor;
    const page = await listFullPortingRequests(actor, { ...criteria, limit: LIST_PAGE_SIZE });
    return { filters: first, page: { data: page.items.map(portingRequestJson), nextCursor: page.nextCursor }, expiredCursor: true };
  }
}

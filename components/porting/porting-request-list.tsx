"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { SessionEndedNotice } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import { TabLinks } from "@/components/ui/tab-links";
import { STATUSES } from "@/lib/porting/statuses";
import type { PortingStatus } from "@/lib/porting/values";
import { useNow } from "@/components/shared/use-now";
import { hasFilters, listHref, listSearch, withFilter, LIST_PAGE_SIZE, type ListFilters } from "./list-filters";
import { isSessionEnded, fetchJson } from "@/components/shared/fetch-json";
import { useLiveChanges, useLivePollInterval } from "@/components/shared/live-updates";
import { isStatusEvent } from "@/lib/events/types";
import { queryKeys, type ListResponse } from "./live-data";
import type { ListFilterOptions } from "@/lib/porting/list-filter-options";
import type { RequestActionNotice } from "./use-request-action";
import { Toolbar } from "./porting-request-filters";
import { RequestCards, RequestTable } from "./porting-request-rows";

// The customer's porting requests: status tabs with counts, search, country filter, newest first,
// keyset pages. The server renders the first HTML with the rows and their buttons; react-query
// then polls the same view from the API and updates rows in place. When the rows change, the
// server part (tab counts) is refreshed too.

export type PortingRequestListProps = {
  filters: ListFilters;
  initialPage: ListResponse;
  /** The server's clock when it rendered (relative times start from it). */
  renderedAt: number;
  counts: Record<PortingStatus, number>;
  /** How many requests each side of the account holds (the Live / Sandbox tabs). */
  totals: { live: number; sandbox: number };
  /** The status tabs to show (statuses that apply to the account, or that have requests). */
  tabStatuses: PortingStatus[];
  /** Distribution group names by id, for the Perform confirmation. */
  groupNames: Record<string, string>;
  /** What the company profile and current provider filters offer. */
  filterOptions: ListFilterOptions;
  /** A message from the server about the URL (an unknown filter, an expired page link). */
  urlNotice: string | null;
};

export function PortingRequestList(props: PortingRequestListProps) {
  const { filters, counts, renderedAt, groupNames } = props;
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  const [notice, setNotice] = useState<RequestActionNotice | null>(null);
  // Rows that arrive by polling start their "3 minutes ago" from a recent clock, not the first render's.
  const now = useNow(renderedAt, 15_000);

  const query = useQuery({
    queryKey: queryKeys.list(filters),
    queryFn: ({ signal }) => fetchJson<ListResponse>(`/api/v1/porting-requests${listSearch(filters, { limit: String(LIST_PAGE_SIZE) })}`, signal),
    initialData: props.initialPage,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: useLivePollInterval(),
  });
  const rows = query.data.data;
  const nextCursor = query.data.nextCursor;

  // Rows changed under the same view (a status change here or elsewhere): refresh the tab counts.
  const seen = useRef<{ key: string; signature: string } | null>(null);
  const viewKey = JSON.stringify(filters);
  const signature = rows.map((r) => `${r.id}:${r.version}`).join(",") + `|${nextCursor ?? ""}`;
  useEffect(() => {
    const previous = seen.current;
    seen.current = { key: viewKey, signature };
    if (previous && previous.key === viewKey && previous.signature !== signature) router.refresh();
  }, [viewKey, signature, router]);
  // A status change of a request this page does not show still moves the tab counts.
  useLiveChanges((change) => {
    if (change.type === "resync" || (isStatusEvent(change.type) && !rows.some((r) => r.id === change.portingRequestId))) router.refresh();
  });

  // The filters asked for last, while their navigation is under way: until it lands, `filters`
  // (the URL's) still show the view before, and a second change made meanwhile (one date, then
  // the other) must build on the first rather than on the URL, or the first is lost. A tab's
  // navigation asks for a whole view (its link), so it forgets them.
  const [asked, setAsked] = useState<ListFilters | null>(null);
  const toolbarFilters = navigating && asked ? asked : filters;
  function navigate(next: ListFilters) {
    setAsked(next);
    startNavigation(() => router.push(listHref(next), { scroll: false }));
  }
  function navigateTo(href: string) {
    setAsked(null);
    startNavigation(() => router.push(href, { scroll: false }));
  }

  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const tabs = [
    { href: listHref(withFilter(filters, { status: undefined })), label: "All", count: total, current: !filters.status },
    ...props.tabStatuses.map((status) => ({
      href: listHref(withFilter(filters, { status })),
      label: STATUSES[status].label,
      count: counts[status],
      current: filters.status === status,
    })),
  ];

  const pollError = query.isRefetchError ? query.error : null;
  // Live and sandbox requests never share a list (DESIGN.md, Sandbox): two views, each with its own status tabs.
  const sides = [
    { href: listHref({}), label: "Live", count: props.totals.live, current: !filters.sandbox },
    { href: listHref({ sandbox: true }), label: "Sandbox", count: props.totals.sandbox, current: Boolean(filters.sandbox) },
  ];

  return (
    <div className="space-y-4">
      <div role="status" aria-live="polite" className="space-y-2 empty:hidden">
        {props.urlNotice ? <Notice tone="warning">{props.urlNotice}</Notice> : null}
        {notice ? (
          <Notice tone={notice.tone} onDismiss={() => setNotice(null)}>
            {notice.text}
          </Notice>
        ) : null}
        {isSessionEnded(pollError) ? <SessionEndedNotice what="list" /> : null}
      </div>

      {filters.sandbox || props.totals.sandbox > 0 ? (
        <TabLinks
          label="Live or sandbox"
          items={sides}
          onNavigate={(href, event) => {
            event.preventDefault();
            navigateTo(href);
          }}
        />
      ) : null}
      {filters.sandbox ? (
        <Notice tone="info">
          Your sandbox: requests made with a test API key (<code className="font-mono">vp_test_…</code>). A simulated provider moves them
          according to their magic number; support never sees them and they never reach your voice numbers.
        </Notice>
      ) : null}

      <TabLinks
        label="Filter by status"
        items={tabs}
        onNavigate={(href, event) => {
          event.preventDefault();
          navigateTo(href);
        }}
      />

      <Toolbar filters={toolbarFilters} options={props.filterOptions} onChange={navigate} pending={navigating} />

      <div aria-busy={navigating} className={`relative transition-opacity ${navigating ? "opacity-60" : ""}`}>
        {navigating ? (
          <div className="absolute inset-x-0 -top-2 z-10 flex justify-center">
            <span className="flex items-center gap-2 rounded-full bg-white px-3 py-1 text-xs text-slate-600 shadow">
              <Spinner className="h-3 w-3" /> Loading…
            </span>
          </div>
        ) : null}
        {rows.length === 0 ? (
          <ListEmpty filters={filters} />
        ) : (
          <>
            <RequestTable rows={rows} renderedAt={now} groupNames={groupNames} onNotice={setNotice} />
            <RequestCards rows={rows} renderedAt={now} groupNames={groupNames} onNotice={setNotice} />
          </>
        )}
      </div>

      {filters.cursor || nextCursor ? (
        <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
          {filters.cursor ? (
            <ButtonLink
              variant="secondary"
              href={listHref({ ...filters, cursor: undefined })}
              scroll={false}
              onNavigate={(event) => {
                event.preventDefault();
                navigate({ ...filters, cursor: undefined });
              }}
            >
              ← First page
            </ButtonLink>
          ) : (
            <span />
          )}
          {nextCursor ? (
            <ButtonLink
              variant="secondary"
              href={listHref({ ...filters, cursor: nextCursor })}
              scroll={false}
              onNavigate={(event) => {
                event.preventDefault();
                navigate({ ...filters, cursor: nextCursor });
              }}
            >
              Next page →
            </ButtonLink>
          ) : null}
        </nav>
      ) : null}
      {pollError && !isSessionEnded(pollError) ? (
        <p className="text-xs text-slate-500">Couldn&apos;t refresh the list just now; trying again in a few seconds.</p>
      ) : null}
    </div>
  );
}

function ListEmpty({ filters }: { filters: ListFilters }) {
  if (filters.sandbox && !hasFilters(filters) && !filters.cursor) {
    return (
      <EmptyState
        title="No sandbox requests yet"
        action={
          <ButtonLink variant="secondary" href="/docs/api#sandbox">
            How the sandbox works
          </ButtonLink>
        }
      >
        Create a test key under Settings → API keys, then create a request with it through the API using a magic number such as
        +31 20 999 0001: it appears here and moves on by itself.
      </EmptyState>
    );
  }
  if (hasFilters(filters)) {
    return (
      <EmptyState
        title="No requests match these filters"
        action={
          <ButtonLink variant="secondary" href={filters.sandbox ? "/porting-requests?sandbox=true" : "/porting-requests"}>
            Clear filters
          </ButtonLink>
        }
      >
        {filters.q ? (
          <>
            Nothing found for “{filters.q}”. Search for a whole phone number in any format (such as 020 794 0100 or +31 20 794
            0100), a reference such as PR-000004, or part of your own reference.
          </>
        ) : (
          "Try another status, country, date range, provider or company profile."
        )}
      </EmptyState>
    );
  }
  if (filters.cursor) {
    return (
      <EmptyState
        title="No more requests"
        action={
          <ButtonLink variant="secondary" href={filters.sandbox ? "/porting-requests?sandbox=true" : "/porting-requests"}>
            Back to the first page
          </ButtonLink>
        }
      />
    );
  }
  return (
    <EmptyState title="No porting requests yet" action={<ButtonLink href="/porting-requests/new">New porting request</ButtonLink>}>
      Move your existing phone numbers to your voice account: create a porting request, and follow every step here.
    </EmptyState>
  );
}

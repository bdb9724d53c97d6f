"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { ButtonLink, Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { SessionEndedNotice } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import { StatusBadge } from "@/components/ui/status-badge";
import { TabLinks } from "@/components/ui/tab-links";
import { COUNTRY_LIST, NUMBER_TYPE_LABELS, countryName } from "@/lib/porting/countries";
import { STATUSES } from "@/lib/porting/statuses";
import type { CountryCode, PortingStatus } from "@/lib/porting/values";
import { useNow } from "@/components/shared/use-now";
import { numbersSummary } from "@/components/shared/format";
import { hasFilters, listHref, listSearch, withFilter, LIST_PAGE_SIZE, type ListFilters } from "./list-filters";
import { isSessionEnded, POLL_INTERVAL_MS, fetchJson } from "@/components/shared/fetch-json";
import { queryKeys, type ListResponse, type LiveRequest } from "./live-data";
import { RequestActions, type RequestActionsRequest } from "./request-actions";
import type { RequestActionNotice } from "./use-request-action";

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
  /** The status tabs to show (statuses that apply to the account, or that have requests). */
  tabStatuses: PortingStatus[];
  /** Distribution group names by id, for the Perform confirmation. */
  groupNames: Record<string, string>;
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
    refetchInterval: POLL_INTERVAL_MS,
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

  function navigate(next: ListFilters) {
    startNavigation(() => router.push(listHref(next), { scroll: false }));
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

      <TabLinks
        label="Filter by status"
        items={tabs}
        onNavigate={(href, event) => {
          event.preventDefault();
          startNavigation(() => router.push(href, { scroll: false }));
        }}
      />

      <Toolbar filters={filters} onChange={navigate} pending={navigating} />

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

function Toolbar({ filters, onChange, pending }: { filters: ListFilters; onChange: (next: ListFilters) => void; pending: boolean }) {
  // Keyed by the URL's q, so a back/forward navigation puts the box back in step with the view.
  return <ToolbarInner key={filters.q ?? ""} filters={filters} onChange={onChange} pending={pending} />;
}

function ToolbarInner({ filters, onChange, pending }: { filters: ListFilters; onChange: (next: ListFilters) => void; pending: boolean }) {
  const [q, setQ] = useState(filters.q ?? "");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange(withFilter(filters, { q: q.trim() || undefined }));
  }
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      {/* Without JavaScript this is a plain GET form: the same URL, rendered by the server. */}
      <form role="search" action="/porting-requests" onSubmit={submit} className="flex flex-1 gap-2">
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        {filters.country ? <input type="hidden" name="country" value={filters.country} /> : null}
        <div className="flex-1">
          <label htmlFor="request-search" className="block text-xs font-medium text-slate-600">
            Search by number or reference
          </label>
          <input
            id="request-search"
            type="search"
            name="q"
            value={q}
            maxLength={100}
            onChange={(event) => setQ(event.target.value)}
            placeholder="e.g. 020 794 0100 or PR-000004"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500"
          />
        </div>
        <Button type="submit" variant="secondary" className="self-end" disabled={pending}>
          Search
        </Button>
      </form>
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="request-country" className="block text-xs font-medium text-slate-600">
            Country
          </label>
          <select
            id="request-country"
            name="country"
            value={filters.country ?? ""}
            onChange={(event) => onChange(withFilter(filters, { country: (event.target.value || undefined) as CountryCode | undefined }))}
            className="mt-1 block rounded-md border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm shadow-sm focus:border-brand-500"
          >
            <option value="">All countries</option>
            {COUNTRY_LIST.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {hasFilters(filters) ? (
          <Link
            href="/porting-requests"
            className="mb-2 text-sm font-medium whitespace-nowrap text-brand-700 underline-offset-2 hover:underline"
            onNavigate={(event) => {
              event.preventDefault();
              onChange({});
            }}
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}

function ListEmpty({ filters }: { filters: ListFilters }) {
  if (hasFilters(filters)) {
    return (
      <EmptyState
        title="No requests match these filters"
        action={
          <ButtonLink variant="secondary" href="/porting-requests">
            Clear filters
          </ButtonLink>
        }
      >
        {filters.q ? (
          <>
            Nothing found for “{filters.q}”. Search for a whole phone number in any format (such as 020 794 0100 or +31 20 794
            0100) or a reference such as PR-000004.
          </>
        ) : (
          "Try another status or country."
        )}
      </EmptyState>
    );
  }
  if (filters.cursor) {
    return (
      <EmptyState
        title="No more requests"
        action={
          <ButtonLink variant="secondary" href="/porting-requests">
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

type RowProps = {
  rows: LiveRequest[];
  renderedAt: number;
  groupNames: Record<string, string>;
  onNotice: (notice: RequestActionNotice) => void;
};

function actionTarget(row: LiveRequest, groupNames: Record<string, string>): RequestActionsRequest {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    version: row.version,
    allowedActions: row.allowedActions,
    numberCount: row.phoneNumbers.length,
    numbers: row.phoneNumbers.slice(0, 3).map((n) => n.number),
    currentProvider: row.currentProvider,
    distributionGroupName: row.distributionGroupId ? (groupNames[row.distributionGroupId] ?? "your chosen group") : null,
  };
}

function Numbers({ row }: { row: LiveRequest }) {
  const { first, more } = numbersSummary(row.phoneNumbers[0]?.number, row.phoneNumbers.length);
  return (
    <>
      <span className="whitespace-nowrap tabular-nums">{first}</span>
      {more ? <span className="whitespace-nowrap text-slate-500"> {more}</span> : null}
    </>
  );
}

function RequestTable({ rows, renderedAt, groupNames, onNotice }: RowProps) {
  return (
    <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white md:block">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Porting requests, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Reference</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Numbers</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Country</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Type</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Status</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Last reason</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Last change</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-request-id={row.id} className="align-top hover:bg-slate-50/60">
              <td className="px-4 py-3 font-medium whitespace-nowrap">
                <Link href={`/porting-requests/${row.id}`} className="text-brand-700 hover:underline">
                  {row.reference}
                </Link>
              </td>
              <td className="px-4 py-3">
                <Numbers row={row} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{countryName(row.country)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{NUMBER_TYPE_LABELS[row.numberType]}</td>
              <td className="px-4 py-3">
                <StatusBadge status={row.status} />
              </td>
              <td className="max-w-64 px-4 py-3 text-slate-600">
                <p className="line-clamp-2" title={row.statusReason}>
                  {row.statusReason}
                </p>
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                <RelativeTime iso={row.statusChangedAt} now={renderedAt} />
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap">
                <RequestActions request={actionTarget(row, groupNames)} variant="row" onNotice={onNotice} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RequestCards({ rows, renderedAt, groupNames, onNotice }: RowProps) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Porting requests, newest first">
      {rows.map((row) => (
        <li key={row.id} data-request-id={row.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex items-start justify-between gap-3">
            <Link href={`/porting-requests/${row.id}`} className="font-semibold text-brand-700 hover:underline">
              {row.reference}
            </Link>
            <StatusBadge status={row.status} />
          </div>
          <p className="mt-2 text-sm text-slate-900">
            <Numbers row={row} />
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {countryName(row.country)} · {NUMBER_TYPE_LABELS[row.numberType]} ·{" "}
            <RelativeTime iso={row.statusChangedAt} now={renderedAt} />
          </p>
          <p className="mt-2 line-clamp-3 text-sm text-slate-600">{row.statusReason}</p>
          {row.allowedActions.length > 0 ? (
            <div className="mt-3 border-t border-slate-100 pt-3">
              <RequestActions request={actionTarget(row, groupNames)} variant="row" onNotice={onNotice} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { formatNumber, plural } from "@/components/shared/format";
import { fetchJson, isSessionEnded, POLL_INTERVAL_MS } from "@/components/shared/fetch-json";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { SignInAgainLink } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import { StatusBadge } from "@/components/ui/status-badge";
import { countryName } from "@/lib/porting/countries";
import { NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import type { SupportQueueItem, SupportQueuePage } from "@/lib/support/queue";
import { COUNTRY_CODES } from "@/lib/porting/values";
import { queueHref, queueSearch, type QueueFilters } from "@/lib/support/queue-filters";
import { QUEUE_VIEW_LIST, QUEUE_VIEWS, type QueueOrder } from "@/lib/support/queue-views";
import { useNow } from "@/components/shared/use-now";
import { WaitAge } from "./wait-age";

// The support queue: tabs with counts, search, rows (a table on wide screens, cards on phones)
// and keyset pages. The server renders the first page; react-query then polls the same JSON
// (GET /api/support/queue) so new requests and status changes appear by themselves.

export function SupportQueue({
  initial,
  filters,
  serverNow,
}: {
  initial: SupportQueuePage;
  filters: QueueFilters;
  serverNow: number;
}) {
  const now = useNow(serverNow);
  const query = useQuery({
    queryKey: ["support-queue", filters],
    queryFn: ({ signal }) => fetchJson<SupportQueuePage>(`/api/support/queue${queueSearch(filters)}`, signal),
    initialData: initial,
    refetchInterval: POLL_INTERVAL_MS,
  });
  const page = query.data;
  const view = QUEUE_VIEWS[filters.status];
  const searching = Boolean(filters.q || filters.country);
  // Finished requests are not waiting for anyone: their column says how long ago they finished.
  const ageLabel = view.order === "oldest_first" ? "Waiting" : "In this status";

  return (
    <div className="space-y-4">
      <QueueTabs filters={filters} counts={page.counts} />
      <SearchForm key={`${filters.q ?? ""}|${filters.country ?? ""}`} filters={filters} />

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-600">
        <p aria-live="polite">{summary(page.items.length, filters, view.order)}</p>
        <LiveIndicator fetching={query.isFetching} failed={query.isError} />
      </div>

      {query.isError ? (
        <div role="alert">
          <Notice tone="warning" title="The queue could not be refreshed">
            {isSessionEnded(query.error) ? (
              <>
                Your session has ended. <SignInAgainLink />
              </>
            ) : (
              "Showing the last rows we received; we keep trying."
            )}
          </Notice>
        </div>
      ) : null}

      {page.items.length === 0 ? (
        <EmptyState
          title={searching ? "No requests match" : filters.cursor ? "No more requests" : `Nothing ${view.id === "all" ? "here" : `in ${view.label}`}`}
          action={
            searching || filters.cursor ? (
              <Link href={queueHref({ status: filters.status })} className={buttonClass("secondary")}>
                {searching ? "Clear the search" : "Back to the first page"}
              </Link>
            ) : null
          }
        >
          {searching
            ? "Search by a full phone number (any format), a reference such as PR-000123, or part of an account name."
            : view.order === "oldest_first"
              ? "All caught up: new requests appear here by themselves."
              : null}
        </EmptyState>
      ) : (
        <>
          <QueueTable items={page.items} now={now} showNewMarker={view.statuses.length > 1} ageLabel={ageLabel} />
          <QueueCards items={page.items} now={now} showNewMarker={view.statuses.length > 1} ageLabel={ageLabel} />
        </>
      )}

      {filters.cursor || page.nextCursor ? (
        <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2">
          {filters.cursor ? (
            <Link href={queueHref({ ...filters, cursor: undefined })} className={buttonClass("secondary", "sm")}>
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={queueHref({ ...filters, cursor: page.nextCursor })} className={buttonClass("secondary", "sm")}>
              Next page →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

function QueueTabs({ filters, counts }: { filters: QueueFilters; counts: SupportQueuePage["counts"] }) {
  return (
    <nav aria-label="Queue by status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-slate-200">
        {QUEUE_VIEW_LIST.map((view) => {
          const current = view.id === filters.status;
          const count = counts[view.id];
          const highlight = view.emphasis && count > 0;
          return (
            <li key={view.id} className="-mb-px">
              <Link
                href={queueHref({ status: view.id, q: filters.q, country: filters.country })}
                scroll={false}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium transition-colors ${
                  current
                    ? "border-brand-600 text-brand-700"
                    : highlight
                      ? "border-transparent text-slate-900 hover:border-slate-300"
                      : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                <span>{view.label}</span>
                <span
                  className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums ${
                    highlight
                      ? "bg-brand-600 font-semibold text-white"
                      : current
                        ? "bg-brand-100 text-brand-700"
                        : "bg-slate-100 text-slate-600"
                  }`}
                >
                  {count.toLocaleString("en")}
                  {highlight ? <span className="sr-only"> new</span> : null}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function SearchForm({ filters }: { filters: QueueFilters }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q ?? "");
  const [country, setCountry] = useState<string>(filters.country ?? "");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const href = queueHref({
      status: filters.status,
      q: q.trim() || undefined,
      country: (COUNTRY_CODES as readonly string[]).includes(country) ? (country as QueueFilters["country"]) : undefined,
    });
    startTransition(() => router.push(href, { scroll: false }));
  }

  return (
    // A plain GET form underneath: it works before the page's script has loaded.
    <form role="search" action="/support" method="get" onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <input type="hidden" name="status" value={filters.status} />
      <div className="min-w-0 flex-1">
        <label htmlFor="queue-q" className="block text-sm font-medium text-slate-700">
          Search
        </label>
        <input
          id="queue-q"
          name="q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={100}
          placeholder="Number, reference or account"
          aria-describedby="queue-q-hint"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400"
        />
        <p id="queue-q-hint" className="sr-only">
          A full phone number in any format, a reference such as PR-000123, or part of an account name.
        </p>
      </div>
      <div>
        <label htmlFor="queue-country" className="block text-sm font-medium text-slate-700">
          Country
        </label>
        <select
          id="queue-country"
          name="country"
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm sm:w-44"
        >
          <option value="">All countries</option>
          {COUNTRY_CODES.map((code) => (
            <option key={code} value={code}>
              {countryName(code)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "md", "flex-1 sm:flex-none")} disabled={pending}>
          {pending ? (
            <>
              <Spinner /> Searching…
            </>
          ) : (
            "Search"
          )}
        </button>
        {filters.q || filters.country ? (
          <Link href={queueHref({ status: filters.status })} className={buttonClass("ghost", "md")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

function LiveIndicator({ fetching, failed }: { fetching: boolean; failed: boolean }) {
  return (
    <p className="inline-flex items-center gap-1.5 text-xs text-slate-500">
      {fetching ? (
        <Spinner className="h-3 w-3" />
      ) : (
        <span aria-hidden className={`h-2 w-2 rounded-full ${failed ? "bg-amber-500" : "bg-green-500"}`} />
      )}
      {failed ? "Reconnecting…" : "Live: refreshes by itself"}
    </p>
  );
}

function NumbersSummary({ item, stacked = false }: { item: SupportQueueItem; stacked?: boolean }) {
  const first = item.phoneNumbers[0] ? formatNumber(item.phoneNumbers[0]) : "—";
  const type = NUMBER_TYPE_LABELS[item.numberType];
  return (
    <span>
      <span className="font-medium text-slate-900">{plural(item.numberCount, "number")}</span>
      {stacked ? (
        <>
          <span className="block text-xs whitespace-nowrap text-slate-500">{first}</span>
          <span className="block text-xs text-slate-500">{type}</span>
        </>
      ) : (
        <span className="block text-xs text-slate-500">
          {first} · {type}
        </span>
      )}
    </span>
  );
}

function NewMarker() {
  return (
    <span className="rounded bg-brand-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-white">New</span>
  );
}

type RowsProps = { items: SupportQueueItem[]; now: number; showNewMarker: boolean; ageLabel: string };

function QueueTable({ items, now, showNewMarker, ageLabel }: RowsProps) {
  return (
    <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white md:block">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Reference</th>
            <th scope="col" className="px-4 py-3">Account</th>
            <th scope="col" className="px-4 py-3">Country</th>
            <th scope="col" className="px-4 py-3">Numbers</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">{ageLabel}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            const isNew = item.status === "requested";
            return (
              <tr key={item.id} className={isNew && showNewMarker ? "bg-brand-50/50" : undefined}>
                <td className={`px-4 py-3 ${isNew && showNewMarker ? "border-l-4 border-l-brand-600" : "border-l-4 border-l-transparent"}`}>
                  <span className="flex items-center gap-2">
                    <Link href={`/support/porting-requests/${item.id}`} className="font-semibold text-brand-700 hover:underline">
                      {item.reference}
                    </Link>
                    {isNew && showNewMarker ? <NewMarker /> : null}
                  </span>
                </td>
                <td className="px-4 py-3">
                  <Link href={`/support/accounts/${item.accountId}`} className="text-slate-800 hover:text-brand-700 hover:underline">
                    {item.accountName}
                  </Link>
                </td>
                <td className="px-4 py-3 whitespace-nowrap">{countryName(item.country)}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <NumbersSummary item={item} />
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={item.status} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <WaitAge item={item} now={now} />
                  {item.status === "delayed" && item.firstPossiblePortingDate ? (
                    <span className="block text-xs text-slate-500">until {shortDate(item.firstPossiblePortingDate)}</span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function QueueCards({ items, now, showNewMarker, ageLabel }: RowsProps) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Requests">
      {items.map((item) => {
        const isNew = item.status === "requested" && showNewMarker;
        return (
          <li
            key={item.id}
            className={`rounded-xl border bg-white p-4 shadow-sm ${isNew ? "border-slate-200 border-l-4 border-l-brand-600" : "border-slate-200"}`}
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <span className="flex items-center gap-2">
                  <Link href={`/support/porting-requests/${item.id}`} className="font-semibold text-brand-700 hover:underline">
                    {item.reference}
                  </Link>
                  {isNew ? <NewMarker /> : null}
                </span>
                <Link href={`/support/accounts/${item.accountId}`} className="mt-0.5 block truncate text-sm text-slate-700 hover:underline">
                  {item.accountName}
                </Link>
              </div>
              <StatusBadge status={item.status} />
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Numbers</dt>
                <dd>
                  <NumbersSummary item={item} stacked />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Country</dt>
                <dd>{countryName(item.country)}</dd>
              </div>
              <div className="col-span-2">
                <dt className="text-xs text-slate-500">{ageLabel}</dt>
                <dd>
                  <WaitAge item={item} now={now} />
                  {item.status === "delayed" && item.firstPossiblePortingDate ? (
                    <span className="text-xs text-slate-500"> · until {shortDate(item.firstPossiblePortingDate)}</span>
                  ) : null}
                </dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

function summary(count: number, filters: QueueFilters, order: QueueOrder): string {
  if (count === 0) return "";
  const parts = [plural(count, "request")];
  if (filters.q) parts.push(`matching “${filters.q}”`);
  if (filters.country) parts.push(`from ${countryName(filters.country)}`);
  const text = parts.join(" ");
  return `${text}${filters.cursor ? " on this page" : ""}, ${order === "oldest_first" ? "oldest waiting first" : "most recently changed first"}`;
}

function shortDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(parsed);
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { plural } from "@/components/shared/format";
import { fetchJson, isSessionEnded } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { SignInAgainLink } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import { countryName } from "@/lib/porting/countries";
import type { SupportQueuePage } from "@/lib/support/queue";
import { queueHref, queueSearch, type QueueFilters } from "@/lib/support/queue-filters";
import { QUEUE_VIEWS, type QueueOrder } from "@/lib/support/queue-views";
import { useNow } from "@/components/shared/use-now";
import { QueueTabs, SearchForm } from "./support-queue-filters";
import { QueueCards, QueueTable } from "./support-queue-rows";

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
    refetchInterval: useLivePollInterval(),
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

function summary(count: number, filters: QueueFilters, order: QueueOrder): string {
  if (count === 0) return "";
  const parts = [plural(count, "request")];
  if (filters.q) parts.push(`matching “${filters.q}”`);
  if (filters.country) parts.push(`from ${countryName(filters.country)}`);
  const text = parts.join(" ");
  return `${text}${filters.cursor ? " on this page" : ""}, ${order === "oldest_first" ? "oldest waiting first" : "most recently changed first"}`;
}

"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { fetchJson } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";

// What support's Callbacks and Outbox pages share: a list filtered by state, newest first, paged by
// cursor, server-rendered and then polled from its JSON endpoint with the page URL's filters.

export type FeedFilters<State extends string> = { state: State; cursor?: string };

/** "?state=failed&cursor=…"; the default state ("all") is left out. */
export function feedSearch(filters: FeedFilters<string>): string {
  const params = new URLSearchParams();
  if (filters.state !== "all") params.set("state", filters.state);
  if (filters.cursor) params.set("cursor", filters.cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The page's data, polled from `endpoint` with the same filters. */
export function useFeed<Page extends object>({ queryKey, endpoint, filters, initial }: { queryKey: string; endpoint: string; filters: FeedFilters<string>; initial: Page }) {
  return useQuery({
    queryKey: [queryKey, filters],
    queryFn: ({ signal }) => fetchJson<Page>(`${endpoint}${feedSearch(filters)}`, signal),
    initialData: initial,
    refetchInterval: useLivePollInterval(),
  });
}

/** Said when a poll failed; the list stays as it was. */
export function RefreshFailed({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="text-sm text-amber-800">
      {children}
    </p>
  );
}

/** "← Newest" back to the first page, "Older →" to the next; nothing on a single page. */
export function FeedPager<State extends string>({
  filters,
  nextCursor,
  href,
}: {
  filters: FeedFilters<State>;
  nextCursor: string | null;
  href: (filters: FeedFilters<State>) => string;
}) {
  if (!filters.cursor && !nextCursor) return null;
  return (
    <nav aria-label="Pages" className="flex justify-between gap-3 text-sm">
      {filters.cursor ? (
        <Link href={href({ state: filters.state })} className="font-medium text-brand-700 hover:underline">
          ← Newest
        </Link>
      ) : (
        <span />
      )}
      {nextCursor ? (
        <Link href={href({ state: filters.state, cursor: nextCursor })} className="font-medium text-brand-700 hover:underline">
          Older →
        </Link>
      ) : null}
    </nav>
  );
}

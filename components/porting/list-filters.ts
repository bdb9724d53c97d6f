import { readUrlFilters, urlSearch, type SearchParams, type UrlFilters } from "@/lib/porting/url-filters";
import { PORTING_STATUSES, type PortingStatus } from "@/lib/porting/values";

// The list's view lives in the URL (`?status=ready_to_be_ported&q=…&country=NL&cursor=…`) so it can
// be shared and reloaded. Client-safe: the page reads it, the links and the poll write it.

export type ListFilters = UrlFilters<PortingStatus>;

export const LIST_PAGE_SIZE = 25;

/** Reads the filters from the URL; unknown values are dropped (and reported) instead of failing the page. */
export function readListFilters(params: SearchParams): { filters: ListFilters; ignored: string[] } {
  return readUrlFilters(params, PORTING_STATUSES, "status");
}

/** The query string of a view, in a fixed order; empty values are left out. */
export function listSearch(filters: ListFilters, extra: Record<string, string> = {}): string {
  return urlSearch(filters, extra);
}

export function listHref(filters: ListFilters): string {
  return `/porting-requests${listSearch(filters)}`;
}

/** Changing a filter starts again from the first page. */
export function withFilter(filters: ListFilters, change: Partial<ListFilters>): ListFilters {
  const next: ListFilters = { ...filters, ...change };
  delete next.cursor;
  if (change.cursor) next.cursor = change.cursor;
  for (const key of Object.keys(next) as (keyof ListFilters)[]) if (!next[key]) delete next[key];
  return next;
}

export function hasFilters(filters: ListFilters): boolean {
  return Boolean(filters.status || filters.country || filters.q);
}

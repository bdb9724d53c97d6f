import { COUNTRY_CODES, PORTING_STATUSES, type CountryCode, type PortingStatus } from "@/lib/porting/values";

// The list's view lives in the URL (`?status=ready_to_be_ported&q=…&country=NL&cursor=…`) so it can
// be shared and reloaded. Client-safe: the page reads it, the links and the poll write it.

export type ListFilters = {
  status?: PortingStatus;
  country?: CountryCode;
  q?: string;
  cursor?: string;
};

export const LIST_PAGE_SIZE = 25;

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Reads the filters from the URL; unknown values are dropped (and reported) instead of failing the page. */
export function readListFilters(params: SearchParams): { filters: ListFilters; ignored: string[] } {
  const filters: ListFilters = {};
  const ignored: string[] = [];
  const status = first(params.status);
  if (status) {
    if ((PORTING_STATUSES as readonly string[]).includes(status)) filters.status = status as PortingStatus;
    else ignored.push("status");
  }
  const country = first(params.country)?.toUpperCase();
  if (country) {
    if ((COUNTRY_CODES as readonly string[]).includes(country)) filters.country = country as CountryCode;
    else ignored.push("country");
  }
  const q = first(params.q);
  if (q) {
    if (q.length <= 100) filters.q = q;
    else ignored.push("search");
  }
  const cursor = first(params.cursor);
  if (cursor) {
    if (cursor.length <= 500) filters.cursor = cursor;
    else ignored.push("page");
  }
  return { filters, ignored };
}

/** The query string of a view, in a fixed order; empty values are left out. */
export function listSearch(filters: ListFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (filters.status) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  if (filters.country) params.set("country", filters.country);
  if (filters.cursor) params.set("cursor", filters.cursor);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
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

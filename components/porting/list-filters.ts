import { readUrlFilters, urlSearch, type SearchParams, type UrlFilters } from "@/lib/porting/url-filters";
import { PORTING_STATUSES, type PortingStatus } from "@/lib/porting/values";

// The list's view lives in the URL (`?status=ready_to_be_ported&q=…&country=NL&cursor=…`) so it can
// be shared and reloaded. Beyond the support queue's filters it narrows by creation date, current
// provider and company profile, under the same names as GET /api/v1/porting-requests (which the
// list polls and the export answers), so one query string serves the page, its poll and its CSV.
// Client-safe: the page reads it, the links and the poll write it.

export type ListFilters = UrlFilters<PortingStatus> & {
  /** YYYY-MM-DD, inclusive (UTC days, as the API reads a date). */
  createdFrom?: string;
  createdTo?: string;
  currentProvider?: string;
  companyProfileId?: string;
  /** The Sandbox tab: the account's sandbox requests (made with a test key) instead of its live ones. */
  sandbox?: boolean;
};

export const LIST_PAGE_SIZE = 25;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
const isDate = (value: string) => DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00Z`).getTime()) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Reads the filters from the URL; unknown values are dropped (and reported) instead of failing the page. */
export function readListFilters(params: SearchParams): { filters: ListFilters; ignored: string[] } {
  const { filters: base, ignored } = readUrlFilters(params, PORTING_STATUSES, "status");
  const filters: ListFilters = { ...base };
  for (const key of ["createdFrom", "createdTo"] as const) {
    const value = first(params[key]);
    if (!value) continue;
    if (isDate(value)) filters[key] = value;
    else ignored.push(key === "createdFrom" ? "start date" : "end date");
  }
  if (filters.createdFrom && filters.createdTo && filters.createdTo < filters.createdFrom) {
    delete filters.createdTo;
    ignored.push("end date (before the start date)");
  }
  const provider = first(params.currentProvider);
  if (provider) {
    if (provider.length <= 200) filters.currentProvider = provider;
    else ignored.push("provider");
  }
  const profile = first(params.companyProfileId);
  if (profile) {
    if (UUID.test(profile)) filters.companyProfileId = profile;
    else ignored.push("company profile");
  }
  const sandbox = first(params.sandbox);
  if (sandbox === "true") filters.sandbox = true;
  else if (sandbox && sandbox !== "false") ignored.push("sandbox view");
  return { filters, ignored };
}

/** The filters that are not the status/search/country/cursor of the shared URL state, in a fixed order. */
function extraParams(filters: ListFilters): Record<string, string> {
  const extra: Record<string, string> = {};
  if (filters.createdFrom) extra.createdFrom = filters.createdFrom;
  if (filters.createdTo) extra.createdTo = filters.createdTo;
  if (filters.currentProvider) extra.currentProvider = filters.currentProvider;
  if (filters.companyProfileId) extra.companyProfileId = filters.companyProfileId;
  // Last: the API reads it as the side of the account (GET /api/v1/porting-requests `sandbox`).
  if (filters.sandbox) extra.sandbox = "true";
  return extra;
}

/** The query string of a view, in a fixed order; empty values are left out. */
export function listSearch(filters: ListFilters, extra: Record<string, string> = {}): string {
  return urlSearch(filters, { ...extraParams(filters), ...extra });
}

export function listHref(filters: ListFilters): string {
  return `/porting-requests${listSearch(filters)}`;
}

/** The CSV of every request of this view (every page: the cursor is left out). */
export function exportHref(filters: ListFilters): string {
  const { cursor: _cursor, ...all } = filters;
  return `/api/v1/porting-requests/export${listSearch(all)}`;
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
  return Boolean(
    filters.status || filters.country || filters.q || filters.createdFrom || filters.createdTo || filters.currentProvider || filters.companyProfileId,
  );
}

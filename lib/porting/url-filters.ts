import { COUNTRY_CODES, type CountryCode } from "./values";

// What the request list and the support queue share of their URL state
// (`?status=…&q=…&country=NL&cursor=…`): reading it leniently, so that an unknown value is dropped
// and named instead of failing the page. Client-safe.

export type SearchParams = Record<string, string | string[] | undefined>;

export type UrlFilters<S extends string> = { status?: S; country?: CountryCode; q?: string; cursor?: string };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export function readUrlFilters<S extends string>(
  params: SearchParams,
  statuses: readonly S[],
  statusName: string,
): { filters: UrlFilters<S>; ignored: string[] } {
  const filters: UrlFilters<S> = {};
  const ignored: string[] = [];
  const status = first(params.status);
  if (status) {
    if ((statuses as readonly string[]).includes(status)) filters.status = status as S;
    else ignored.push(statusName);
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

/** The query string of a view in a fixed order; empty values (and `omitStatus`) left out. */
export function urlSearch(filters: UrlFilters<string>, extra: Record<string, string> = {}, omitStatus?: string): string {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== omitStatus) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  if (filters.country) params.set("country", filters.country);
  if (filters.cursor) params.set("cursor", filters.cursor);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

import { COUNTRY_CODES, type CountryCode } from "@/lib/porting/values";
import { DEFAULT_QUEUE_VIEW, QUEUE_VIEW_IDS, type QueueViewId } from "./queue-views";

// The queue's view lives in the URL (`/support?status=requested&q=…&country=NL&cursor=…`), so an
// agent can share or reload it. Client-safe: the page reads it, the tabs and links write it.

export type QueueFilters = {
  status: QueueViewId;
  country?: CountryCode;
  q?: string;
  cursor?: string;
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** Reads the filters from the URL; an unknown value is dropped and named instead of failing the page. */
export function readQueueFilters(params: SearchParams): { filters: QueueFilters; ignored: string[] } {
  const filters: QueueFilters = { status: DEFAULT_QUEUE_VIEW };
  const ignored: string[] = [];
  const status = first(params.status);
  if (status) {
    if ((QUEUE_VIEW_IDS as readonly string[]).includes(status)) filters.status = status as QueueViewId;
    else ignored.push("tab");
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

/** The query string of a view in a fixed order, without defaults; "" for the plain queue. */
export function queueSearch(filters: Partial<QueueFilters>): string {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== DEFAULT_QUEUE_VIEW) params.set("status", filters.status);
  if (filters.q) params.set("q", filters.q);
  if (filters.country) params.set("country", filters.country);
  if (filters.cursor) params.set("cursor", filters.cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function queueHref(filters: Partial<QueueFilters>): string {
  return `/support${queueSearch(filters)}`;
}

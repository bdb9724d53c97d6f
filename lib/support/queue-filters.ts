import { readUrlFilters, urlSearch, type SearchParams } from "@/lib/porting/url-filters";
import type { CountryCode } from "@/lib/porting/values";
import { DEFAULT_QUEUE_VIEW, QUEUE_VIEW_IDS, type QueueViewId } from "./queue-views";

// The queue's view lives in the URL (`/support?status=requested&q=…&country=NL&cursor=…`), so an
// agent can share or reload it. Client-safe: the page reads it, the tabs and links write it.

export type QueueFilters = {
  status: QueueViewId;
  country?: CountryCode;
  q?: string;
  cursor?: string;
};

/** Reads the filters from the URL; an unknown value is dropped and named instead of failing the page. */
export function readQueueFilters(params: SearchParams): { filters: QueueFilters; ignored: string[] } {
  const { filters, ignored } = readUrlFilters(params, QUEUE_VIEW_IDS, "tab");
  return { filters: { ...filters, status: filters.status ?? DEFAULT_QUEUE_VIEW }, ignored };
}

/** The query string of a view in a fixed order, without defaults; "" for the plain queue. */
export function queueSearch(filters: Partial<QueueFilters>): string {
  return urlSearch(filters, {}, DEFAULT_QUEUE_VIEW);
}

export function queueHref(filters: Partial<QueueFilters>): string {
  return `/support${queueSearch(filters)}`;
}

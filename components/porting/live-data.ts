import { fetchJson } from "@/components/shared/fetch-json";
import type { PortingRequestJson } from "@/lib/api/schemas";
import type { ListFilters } from "./list-filters";

// The pages poll the same JSON integrators get (GET /api/v1/porting-requests[/id]); react-query
// starts from the server-rendered data and keeps it fresh.

/** A request exactly as GET /api/v1/porting-requests[/id] returns it (and as callbacks carry it). */
export type LiveRequest = PortingRequestJson;

export type ListResponse = { data: LiveRequest[]; nextCursor: string | null };

export const queryKeys = {
  lists: ["porting-requests"] as const,
  list: (filters: ListFilters) => ["porting-requests", filters] as const,
  detail: (id: string) => ["porting-request", id] as const,
};

export function fetchPortingRequest(id: string, signal?: AbortSignal): Promise<LiveRequest> {
  return fetchJson<LiveRequest>(`/api/v1/porting-requests/${encodeURIComponent(id)}`, signal);
}

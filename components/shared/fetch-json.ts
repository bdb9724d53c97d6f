import type { PortingRequestJson } from "@/lib/api/schemas";
import type { ListFilters } from "./list-filters";

// The pages poll the same JSON integrators get (GET /api/v1/porting-requests[/id]); react-query
// starts from the server-rendered data and keeps it fresh.

/** How often an open list or detail page asks for changes. */
export const POLL_INTERVAL_MS = 4_000;

/** A request exactly as GET /api/v1/porting-requests[/id] returns it (and as callbacks carry it). */
export type LiveRequest = PortingRequestJson;

export type ListResponse = { data: LiveRequest[]; nextCursor: string | null };

export const queryKeys = {
  lists: ["porting-requests"] as const,
  list: (filters: ListFilters) => ["porting-requests", filters] as const,
  detail: (id: string) => ["porting-request", id] as const,
};

/** A failed poll; `status` 401 means the session ended, 404 that the request is gone from view. */
export class FetchError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-store", signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new FetchError(response.status, body?.detail ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

export function fetchPortingRequest(id: string, signal?: AbortSignal): Promise<LiveRequest> {
  return fetchJson<LiveRequest>(`/api/v1/porting-requests/${encodeURIComponent(id)}`, signal);
}

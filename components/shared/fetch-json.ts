// How live pages (porting requests, notifications, support's lists) read their JSON endpoints and
// their failures. Client-safe. Changes reach them pushed (components/shared/live-updates.tsx).

/** How often an open list or detail page asks for changes while its event stream is down. */
export const POLL_INTERVAL_MS = 30_000;

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
  // no-cache, not no-store: the browser keeps the last answer and asks with If-None-Match, so an
  // unchanged request or list is a 304 without a body (endpoints that send no-store stay uncached).
  const response = await fetch(url, { headers: { accept: "application/json" }, cache: "no-cache", signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new FetchError(response.status, body?.detail ?? `HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

/** The poll was refused because the session ended (401): the page can only say so and offer to sign in. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof FetchError && error.status === 401;
}

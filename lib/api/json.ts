import "server-only";

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    ...init,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...init.headers },
  });
}

/** Query parameters as a plain object (the last value wins), for zod. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}

/** Query parameters without empty values: `?status=&q=` means no filter, as in the app's own links. */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(Object.entries(searchParamsOf(request)).filter(([, value]) => value.trim() !== ""));
}

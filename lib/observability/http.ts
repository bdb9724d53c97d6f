import { getLogger } from "./logger";
import { recordHttpRequest } from "./metrics";
import { REQUEST_ID_HEADER, requestIdFrom, runWithRequestContext, type RequestContext } from "./request-context";

// What every route handler does around its work (lib/api/route.ts): take or make the request id,
// run the handler inside the request context (so its log lines and the status changes it makes
// carry the id), put X-Request-Id on the response, count it and write one line:
//   {"level":"info","msg":"request","method":"POST","route":"/api/v1/porting-requests/[id]/perform",
//    "status":200,"durationMs":41.2,"requestId":"…","accountId":"…","apiKeyId":"…",…}
// The route is the pattern, never the raw path: ids would make every line and every metric
// series unique.

type Params = Record<string, string | string[] | undefined>;

/** `/api/v1/porting-requests/0b9…/perform` with `{ id: "0b9…" }` → `/api/v1/porting-requests/[id]/perform`. */
export function routePattern(pathname: string, params: Params | undefined): string {
  const segments = pathname.split("/");
  for (const [name, value] of Object.entries(params ?? {})) {
    if (Array.isArray(value)) {
      // A catch-all takes the last segments.
      const start = segments.length - value.length;
      if (value.length > 0 && start > 0) segments.splice(start, value.length, `[...${name}]`);
      continue;
    }
    if (value === undefined) continue;
    const index = segments.findIndex((segment) => safeDecode(segment) === value);
    if (index > 0) segments[index] = `[${name}]`;
  }
  return segments.join("/") || "/";
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Immutable headers (a fetched or redirect response): copy it.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

export async function observeRequest(
  request: Request,
  params: Params | undefined,
  handle: (context: RequestContext) => Promise<Response>,
  options: { quiet?: boolean } = {},
): Promise<Response> {
  const started = performance.now();
  const context: RequestContext = { requestId: requestIdFrom(request.headers) };
  const route = routePattern(new URL(request.url).pathname, params);
  let response: Response;
  try {
    response = await runWithRequestContext(context, () => handle(context));
  } catch (error) {
    runWithRequestContext(context, () => getLogger().error({ err: error, method: request.method, route }, "request failed"));
    response = new Response(JSON.stringify({ type: "/docs/api#problem-internal", title: "Internal error", status: 500, detail: "Something failed on our side; nothing was changed. Try again." }), {
      status: 500,
      headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
    });
  }
  response = withHeader(response, REQUEST_ID_HEADER, context.requestId);
  const durationMs = performance.now() - started;
  recordHttpRequest(request.method, route, response.status, durationMs / 1000);
  const line = { method: request.method, route, status: response.status, durationMs: Math.round(durationMs * 10) / 10 };
  runWithRequestContext(context, () => {
    const logger = getLogger();
    if (response.status >= 500) (options.quiet ? logger.warn : logger.error).call(logger, line, "request");
    else if (options.quiet) logger.debug(line, "request");
    else logger.info(line, "request");
  });
  return response;
}

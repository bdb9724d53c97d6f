import "server-only";
import { authenticateApiKey } from "@/lib/auth/api-keys";
import type { Actor, CustomerActor, SupportActor } from "@/lib/auth/actor";
import { getSessionActor } from "@/lib/auth/session";
import { observeRequest } from "@/lib/observability/http";
import { HttpProblem, problem, problemFromError } from "./problem";
import { countRequestStatement, rateLimitHeaders, rateLimitState, type CountedRequest, type RateLimitState } from "./rate-limit";

// Every /api/v1 route handler goes through `route()`: it resolves the caller from the bearer API
// key (or, for the app's own fetches, the session cookie), counts the key against its rate limit,
// refuses the wrong role, and maps domain and HTTP errors to problem+json. The account is always
// the caller's, never taken from input. Around all that (lib/observability/http.ts): the request
// id (X-Request-Id, and on every log line and queued delivery of the request), one log line per
// request with the route pattern, status, duration, account and key id, and the HTTP metrics.

type Role = Actor["role"];
type ActorFor<R extends Role> = R extends "customer" ? CustomerActor : R extends "support" ? SupportActor : never;
type Context<P> = { params: Promise<P> };

/** What the handler knows about how it was called: the API key (null for a session read). */
export type CallContext = { apiKeyId: string | null };

export type Caller =
  | { ok: true; actor: Actor; apiKeyId: string | null; rateLimit?: RateLimitState }
  | { ok: false; detail: string };

const NO_KEY = "Send an API key in the header `Authorization: Bearer <api key>`. Create one on the Settings page.";

export async function resolveCallerDetailed(request: Request): Promise<Caller> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return { ok: false, detail: "The Authorization header must be `Bearer <api key>`." };
    // The key, its user and this request's count against the key's rate limit: one statement.
    const result = await authenticateApiKey<CountedRequest>(match[1]!, (keyId) => countRequestStatement(keyId));
    if (result.ok) return { ok: true, actor: result.actor, apiKeyId: result.keyId, rateLimit: rateLimitState(result.alongside) };
    switch (result.reason) {
      case "revoked":
        return { ok: false, detail: "This API key was revoked. Create a new one on the Settings page." };
      case "malformed":
        return { ok: false, detail: "This is not an API key: keys look like vp_1a2b3c4d_… (copy the whole key)." };
      default:
        return { ok: false, detail: "This API key is not valid. Check that you copied the whole key, or create a new one." };
    }
  }
  // The session cookie serves the app's own reads (live status in the pages). Changes through
  // the API always need a key, so a cookie can never be ridden by another site's form.
  if (request.method !== "GET" && request.method !== "HEAD") return { ok: false, detail: NO_KEY };
  const actor = await getSessionActor();
  return actor ? { ok: true, actor, apiKeyId: null } : { ok: false, detail: NO_KEY };
}

export async function resolveCaller(request: Request): Promise<Actor | null> {
  const caller = await resolveCallerDetailed(request);
  return caller.ok ? caller.actor : null;
}

export function route<R extends Role, P = Record<string, never>>(
  options: { roles: readonly R[] },
  handler: (request: Request, actor: ActorFor<R>, params: P, call: CallContext) => Promise<Response>,
): (request: Request, context: Context<P>) => Promise<Response> {
  return async (request, context) => {
    const params = await context.params;
    return observeRequest(request, params as Record<string, string | string[]>, async (requestContext) => {
      let limitHeaders: Record<string, string> = {};
      let response: Response;
      try {
        const caller = await resolveCallerDetailed(request);
        if (!caller.ok) return problem(401, caller.detail, {}, { "www-authenticate": 'Bearer realm="api"' });
        requestContext.accountId = caller.actor.accountId ?? undefined;
        requestContext.apiKeyId = caller.apiKeyId;
        if (caller.rateLimit) {
          const state = caller.rateLimit;
          limitHeaders = rateLimitHeaders(state);
          if (!state.allowed) {
            throw new HttpProblem(
              429,
              `This API key made more than ${state.limit} requests this minute. Try again in ${state.resetSeconds} s.`,
              {},
              { "retry-after": String(state.resetSeconds) },
            );
          }
        }
        if (!(options.roles as readonly Role[]).includes(caller.actor.role)) {
          const who = options.roles.length === 1 && options.roles[0] === "support" ? "support staff" : "customers";
          throw new HttpProblem(403, `This endpoint is for ${who} only; this ${caller.apiKeyId ? "key" : "session"} belongs to ${caller.actor.role === "support" ? "support" : "a customer"}.`);
        }
        response = await handler(request, caller.actor as ActorFor<R>, params, { apiKeyId: caller.apiKeyId });
      } catch (error) {
        response = problemFromError(error);
      }
      for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
      return response;
    });
  };
}

/**
 * A public endpoint outside /api/v1's callers (health, readiness, metrics): no caller, no rate
 * limit, but the same request id, log line and metrics. `quiet` logs at debug level: a load
 * balancer's probe every few seconds is not news.
 */
export function publicRoute(handler: (request: Request) => Promise<Response> | Response, options: { quiet?: boolean } = {}): (request: Request) => Promise<Response> {
  return (request) => observeRequest(request, undefined, async () => handler(request), options);
}

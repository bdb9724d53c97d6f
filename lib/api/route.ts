import "server-only";
import { actorForApiKey } from "@/lib/auth/api-keys";
import type { Actor, CustomerActor, SupportActor } from "@/lib/auth/actor";
import { getSessionActor } from "@/lib/auth/session";
import { problem, problemFromError } from "./problem";

// Every /api/v1 route handler goes through `route()`: it resolves the caller from the bearer API
// key (or, for the app's own fetches, the session cookie), refuses the wrong role, and maps
// domain errors to problem+json. The account is always the caller's, never taken from input.

type Role = Actor["role"];
type ActorFor<R extends Role> = R extends "customer" ? CustomerActor : R extends "support" ? SupportActor : never;
type Context<P> = { params: Promise<P> };

export async function resolveCaller(request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return null;
    return (await actorForApiKey(match[1]!))?.actor ?? null;
  }
  // The session cookie serves the app's own reads (live status in the pages). Changes through
  // the API always need a key, so a cookie can never be ridden by another site's form.
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  return getSessionActor();
}

export function route<R extends Role, P = Record<string, never>>(
  options: { roles: readonly R[] },
  handler: (request: Request, actor: ActorFor<R>, params: P) => Promise<Response>,
): (request: Request, context: Context<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      const actor = await resolveCaller(request);
      if (!actor) {
        return problem(401, "Send a valid API key: `Authorization: Bearer <api key>`.", {}, { "www-authenticate": "Bearer" });
      }
      if (!(options.roles as readonly Role[]).includes(actor.role)) {
        return problem(403, `This endpoint is for ${options.roles.join(" or ")} keys.`);
      }
      return await handler(request, actor as ActorFor<R>, await context.params);
    } catch (error) {
      return problemFromError(error);
    }
  };
}

import { getDb } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/auth/api-keys";

// Calls the real /api/v1 route handlers as plain functions, the way Next.js calls them:
// `handler(new Request(url, init), { params: Promise<…> })`. Paths are matched like Next matches
// them (a static segment before a dynamic one), so tests read like a client's calls.

// `never`: each handler declares its own params; the router supplies the matching ones.
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response> | Response;
type Module = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE" | "PUT", Handler>>;

const ROUTES: [pattern: string, load: () => Promise<Module>][] = [
  ["/countries", () => import("@/app/api/v1/countries/route")],
  ["/countries/[code]/requirements", () => import("@/app/api/v1/countries/[code]/requirements/route")],
  ["/company-profiles", () => import("@/app/api/v1/company-profiles/route")],
  ["/company-profiles/[id]", () => import("@/app/api/v1/company-profiles/[id]/route")],
  ["/porting-requests", () => import("@/app/api/v1/porting-requests/route")],
  ["/porting-requests/statuses", () => import("@/app/api/v1/porting-requests/statuses/route")],
  ["/porting-requests/[id]", () => import("@/app/api/v1/porting-requests/[id]/route")],
  ["/porting-requests/[id]/perform", () => import("@/app/api/v1/porting-requests/[id]/perform/route")],
  ["/porting-requests/[id]/cancel", () => import("@/app/api/v1/porting-requests/[id]/cancel/route")],
  ["/porting-requests/[id]/transitions", () => import("@/app/api/v1/porting-requests/[id]/transitions/route")],
  ["/porting-requests/[id]/schedule", () => import("@/app/api/v1/porting-requests/[id]/schedule/route")],
  ["/portability-checks", () => import("@/app/api/v1/portability-checks/route")],
  ["/porting-requests/[id]/comments", () => import("@/app/api/v1/porting-requests/[id]/comments/route")],
  ["/porting-requests/[id]/documents", () => import("@/app/api/v1/porting-requests/[id]/documents/route")],
  ["/porting-requests/[id]/documents/[documentId]", () => import("@/app/api/v1/porting-requests/[id]/documents/[documentId]/route")],
  ["/documents", () => import("@/app/api/v1/documents/route")],
  ["/porting-requests/[id]/resubmit", () => import("@/app/api/v1/porting-requests/[id]/resubmit/route")],
  ["/rejection-codes", () => import("@/app/api/v1/rejection-codes/route")],
  ["/distribution-groups", () => import("@/app/api/v1/distribution-groups/route")],
  ["/numbers", () => import("@/app/api/v1/numbers/route")],
  ["/openapi.json", () => import("@/app/api/v1/openapi.json/route")],
  ["/accounts", () => import("@/app/api/v1/accounts/route")],
  ["/accounts/[id]", () => import("@/app/api/v1/accounts/[id]/route")],
  ["/accounts/[id]/invitations", () => import("@/app/api/v1/accounts/[id]/invitations/route")],
  ["/accounts/[id]/invitations/[invitationId]/revoke", () => import("@/app/api/v1/accounts/[id]/invitations/[invitationId]/revoke/route")],
  ["/accounts/[id]/invitations/[invitationId]/resend", () => import("@/app/api/v1/accounts/[id]/invitations/[invitationId]/resend/route")],
  ["/accounts/[id]/users", () => import("@/app/api/v1/accounts/[id]/users/route")],
  ["/accounts/[id]/users/[userId]", () => import("@/app/api/v1/accounts/[id]/users/[userId]/route")],
  ["/accounts/[id]/audit-events", () => import("@/app/api/v1/accounts/[id]/audit-events/route")],
  ["/distribution-groups/[id]", () => import("@/app/api/v1/distribution-groups/[id]/route")],
  ["/numbers/[number]", () => import("@/app/api/v1/numbers/[number]/route")],
  ["/porting-requests/[id]/notifications", () => import("@/app/api/v1/porting-requests/[id]/notifications/route")],
  ["/events", () => import("@/app/api/v1/events/route")],
  ["/porting-requests/export", () => import("@/app/api/v1/porting-requests/export/route")],
  ["/event-types", () => import("@/app/api/v1/event-types/route")],
  ["/webhook-endpoints", () => import("@/app/api/v1/webhook-endpoints/route")],
  ["/webhook-endpoints/[id]", () => import("@/app/api/v1/webhook-endpoints/[id]/route")],
  ["/webhook-endpoints/[id]/rotate-secret", () => import("@/app/api/v1/webhook-endpoints/[id]/rotate-secret/route")],
  ["/webhook-endpoints/[id]/test", () => import("@/app/api/v1/webhook-endpoints/[id]/test/route")],
  ["/webhook-endpoints/[id]/deliveries", () => import("@/app/api/v1/webhook-endpoints/[id]/deliveries/route")],
  ["/webhook-deliveries/[id]/resend", () => import("@/app/api/v1/webhook-deliveries/[id]/resend/route")],
];

function match(path: string): { load: () => Promise<Module>; params: Record<string, string | string[]> } {
  const segments = path.split("/").filter(Boolean);
  // Static segments win over dynamic ones, as in Next.js: try the patterns with fewer [params] first.
  const ordered = [...ROUTES].sort((a, b) => (a[0].match(/\[/g)?.length ?? 0) - (b[0].match(/\[/g)?.length ?? 0));
  for (const [pattern, load] of ordered) {
    const parts = pattern.split("/").filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const ok = parts.every((part, i) => {
      const segment = decodeURIComponent(segments[i]!);
      if (part.startsWith("[")) {
        params[part.slice(1, -1)] = segment;
        return true;
      }
      return part === segment;
    });
    if (ok) return { load, params };
  }
  return { load: () => import("@/app/api/v1/[...path]/route"), params: { path: segments } };
}

export type CallOptions = {
  key?: string | null;
  /** A JS value sent as JSON (with Content-Type: application/json unless `headers` say otherwise). */
  json?: unknown;
  /** A raw body, sent as is. */
  body?: BodyInit;
  headers?: Record<string, string>;
  query?: Record<string, string>;
};

export const BASE = "http://localhost:3000/api/v1";

export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const [pathname, search = ""] = path.split("?");
  const { load, params } = match(pathname!);
  const handler = (await load())[method as keyof Module];
  if (!handler) return new Response(null, { status: 405 });
  const url = new URL(`${BASE}${pathname}${search ? `?${search}` : ""}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}) };
  let body: BodyInit | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers["content-type"] = "application/json";
  }
  Object.assign(headers, options.headers ?? {});
  // A stream body (no Content-Length) needs `duplex`, as in fetch.
  const init = { method, headers, ...(body !== undefined ? { body } : {}), ...(body instanceof ReadableStream ? { duplex: "half" } : {}) };
  return handler(new Request(url, init as RequestInit), { params: Promise.resolve(params) as Promise<never> });
}

export async function callJson<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}) {
  const response = await call(method, path, options);
  const text = await response.text();
  const body = (text ? JSON.parse(text) : null) as T;
  return { status: response.status, headers: response.headers, body, response };
}

/** A working key for an actor, through the real key code. */
export async function keyFor(actor: Actor, name = "test key"): Promise<string> {
  const { key } = await createApiKey(getDb(), { id: actor.userId, accountId: actor.role === "customer" ? actor.accountId : null }, name);
  return key;
}

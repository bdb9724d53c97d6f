import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { document } from "./document";

// The OpenAPI document and the route handlers are one contract (issue 15 item 3): every exported
// method of every app/api/v1/**/route.ts is an operation of the document, and every operation of
// the document is an exported method of a route file, path parameters named alike. A route added
// without its documentation, or a documented operation whose route was removed or renamed, fails
// here by name. The catch-all [...path] is the only route not described: it answers a problem+json
// 404 for every path that is not an endpoint.

const API_DIR = path.resolve(import.meta.dirname, "../../app/api/v1");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type RouteFile = { file: string; segments: string[] };

function routeFiles(): RouteFile[] {
  return readdirSync(API_DIR, { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "route.ts")
    .map((file) => ({ file: path.join(API_DIR, file), segments: path.dirname(file).split(path.sep).filter((s) => s !== ".") }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

const isCatchAll = (segment: string) => segment.startsWith("[...") || segment.startsWith("[[...");

/** `porting-requests/[id]/perform` → `/porting-requests/{id}/perform`, as the document writes paths. */
const documentPath = (segments: string[]) => `/${segments.map((s) => (s.startsWith("[") ? `{${s.slice(1, -1)}}` : s)).join("/")}`;

async function implemented(): Promise<string[]> {
  const operations: string[] = [];
  for (const route of routeFiles()) {
    if (route.segments.some(isCatchAll)) continue;
    const handlers = (await import(route.file)) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof handlers[method] === "function") operations.push(`${method} ${documentPath(route.segments)}`);
    }
  }
  return operations.sort();
}

function documented(): string[] {
  const operations: string[] = [];
  for (const [p, item] of Object.entries(document.paths)) {
    for (const method of Object.keys(item as object)) {
      if ((METHODS as readonly string[]).includes(method.toUpperCase())) operations.push(`${method.toUpperCase()} ${p}`);
    }
  }
  return operations.sort();
}

describe("the OpenAPI document describes exactly the routes that exist", () => {
  test("the walk finds the route files (a broken walk must not pass by finding nothing)", async () => {
    const found = await implemented();
    expect(found).toEqual(expect.arrayContaining(["GET /porting-requests", "POST /porting-requests", "GET /porting-requests/{id}", "GET /openapi.json"]));
    expect(found.length).toBeGreaterThan(20);
  });

  test("every route method is documented", async () => {
    const inDocument = new Set(documented());
    const missing = (await implemented()).filter((op) => !inDocument.has(op));
    expect(missing, "route handlers the OpenAPI document does not describe (add them to ENDPOINTS in lib/api/openapi.ts)").toEqual([]);
  });

  test("every documented operation has a route method", async () => {
    const routes = new Set(await implemented());
    const missing = documented().filter((op) => !routes.has(op));
    expect(missing, "documented operations without a route handler (or with other path parameter names)").toEqual([]);
  });

  test("the only route left out is the catch-all, and it answers a problem+json 404", async () => {
    const catchAlls = routeFiles().filter((r) => r.segments.some(isCatchAll));
    expect(catchAlls.map((r) => r.segments.join("/"))).toEqual(["[...path]"]);
    const { GET } = (await import(catchAlls[0]!.file)) as { GET: (request: Request) => Response };
    const response = GET(new Request("http://localhost/api/v1/no-such-thing"));
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });
});

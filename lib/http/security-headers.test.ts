import { expect, test } from "vitest";
import { bodyLimitRefusal, contentSecurityPolicy, MAX_BODY_BYTES, newNonce, servedOverHttps, staticSecurityHeaders } from "./security-headers";

test("production CSP: nonce and strict-dynamic for scripts, no eval, no framing, nothing from elsewhere", () => {
  const csp = contentSecurityPolicy({ nonce: "abc123==", development: false, https: false });
  expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'self'");
  expect(csp).toContain("default-src 'self'");
  expect(csp).not.toContain("upgrade-insecure-requests");
  expect(contentSecurityPolicy({ nonce: "n", development: false, https: true })).toContain("upgrade-insecure-requests");
});

test("development adds eval and the hot-reload websocket, nothing else", () => {
  const csp = contentSecurityPolicy({ nonce: "n", development: true, https: false });
  expect(csp).toContain("'unsafe-eval'");
  expect(csp).toMatch(/connect-src 'self' ws: wss:/);
});

test("HSTS only over https", () => {
  expect(staticSecurityHeaders({ https: false })).not.toHaveProperty("strict-transport-security");
  expect(staticSecurityHeaders({ https: true })["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
  expect(staticSecurityHeaders({ https: false })).toMatchObject({
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
  });
  expect(servedOverHttps("https://porting.example.com", null, "http:")).toBe(true);
  expect(servedOverHttps(undefined, "https", "http:")).toBe(true);
  expect(servedOverHttps(undefined, "https, http", "http:")).toBe(true);
  expect(servedOverHttps("http://localhost:3000", "http", "http:")).toBe(false);
  expect(servedOverHttps(undefined, null, "https:")).toBe(true);
});

test("nonces are fresh and long enough", () => {
  const a = newNonce();
  expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(newNonce()).not.toBe(a);
});

test("bodies over 1 MB are refused outside the upload page and the REST API; a body without a length too", () => {
  const h = (entries: Record<string, string>) => new Headers(entries);
  const big = String(MAX_BODY_BYTES + 1);
  expect(bodyLimitRefusal("POST", h({ "next-action": "x", "content-length": big }), "/login")).toMatchObject({ status: 413 });
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), "/login")).toMatchObject({ status: 413 });
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), "/api/auth/callback/credentials")).toMatchObject({ status: 413 });
  expect(bodyLimitRefusal("POST", h({ "transfer-encoding": "chunked" }), "/login")).toMatchObject({ status: 411 });
  expect(bodyLimitRefusal("POST", h({ "content-length": "12abc" }), "/login")).toMatchObject({ status: 411 });
  expect(bodyLimitRefusal("POST", h({ "content-length": String(MAX_BODY_BYTES) }), "/login")).toBeNull();
  expect(bodyLimitRefusal("POST", h({}), "/login")).toBeNull();
  expect(bodyLimitRefusal("GET", h({ "content-length": big }), "/login")).toBeNull();
  // The create page's uploads, and the API with its own streamed limit.
  expect(bodyLimitRefusal("POST", h({ "next-action": "x", "content-length": String(25 * 1024 * 1024) }), "/porting-requests/new")).toBeNull();
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), "/api/v1/porting-requests")).toBeNull();
  // A request's page (customer and support) adds documents through its actions too.
  const id = "3d8a010f-ce88-4a10-a1d4-f3a6ae9d02f5";
  expect(bodyLimitRefusal("POST", h({ "next-action": "x", "content-length": String(11 * 1024 * 1024) }), `/porting-requests/${id}`)).toBeNull();
  expect(bodyLimitRefusal("POST", h({ "next-action": "x", "content-length": String(11 * 1024 * 1024) }), `/support/porting-requests/${id}`)).toBeNull();
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), `/porting-requests/${id}/x`)).toMatchObject({ status: 413 });
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), "/porting-requests/not-an-id")).toMatchObject({ status: 413 });
  // Nothing that merely starts like those paths.
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), "/porting-requests/new-ish")).toMatchObject({ status: 413 });
  expect(bodyLimitRefusal("POST", h({ "content-length": big }), "/api/v1x")).toMatchObject({ status: 413 });
});

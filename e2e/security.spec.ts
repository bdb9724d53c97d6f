import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { logins, signIn } from "./support";

const port = Number(process.env.E2E_PORT ?? 3100);

// Security at the HTTP level, against the production build (issue 12 item 6, issue 11's body
// limit): the headers on every kind of response, a CSP that the app itself never trips, the body
// limit of server actions, and the per-address sign-in limit that a forged X-Forwarded-For cannot
// dodge. Raw requests go through node:http to control every header and the client's own address
// (another loopback address, 127.0.0.x, so this spec's lockouts never touch the other specs').

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string; chunked?: boolean } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers, localAddress: options.localAddress },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    if (options.chunked && options.body) {
      req.write(options.body);
      req.end();
    } else {
      req.end(options.body);
    }
  });
}

function expectSecurityHeaders(response: Raw, what: string) {
  const csp = String(response.headers["content-security-policy"] ?? "");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: no eval in production`).not.toContain("unsafe-eval");
  expect(response.headers["x-content-type-options"], what).toBe("nosniff");
  expect(response.headers["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(response.headers["x-frame-options"], what).toBe("DENY");
}

test("every kind of response carries the security headers; pages get a fresh script nonce each time", async () => {
  const login = await raw("/login");
  expect(login.status).toBe(200);
  expectSecurityHeaders(login, "page");
  const nonce = /'nonce-([^']+)'/.exec(String(login.headers["content-security-policy"]))?.[1];
  expect(nonce).toBeTruthy();
  expect(String(login.headers["content-security-policy"])).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  // Next.js put that nonce on its scripts, and on every one of them.
  const scripts = login.body.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  const again = await raw("/login");
  expect(again.headers["content-security-policy"]).not.toBe(login.headers["content-security-policy"]);

  const api = await raw("/api/v1/countries");
  expect(api.status).toBe(401);
  expectSecurityHeaders(api, "API response");

  const missing = await raw(`/no-such-page-${randomBytes(3).toString("hex")}`);
  expect(missing.status).toBe(404);
  expectSecurityHeaders(missing, "404 page");

  const docs = await raw("/docs/api");
  expect(docs.status).toBe(200);
  expectSecurityHeaders(docs, "API docs");

  const asset = /\/_next\/static\/[^"]+\.js/.exec(login.body)?.[0];
  expect(asset).toBeTruthy();
  const script = await raw(asset as string);
  expect(script.status).toBe(200);
  expect(script.headers["x-content-type-options"]).toBe("nosniff");

  // HSTS only over https: not on plain http, yes behind a proxy that terminated TLS.
  expect(login.headers["strict-transport-security"]).toBeUndefined();
  const viaTls = await raw("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(viaTls.headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
});

async function collectCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  page.on("pageerror", (error) => {
    if (/Content Security Policy|unsafe-eval/i.test(error.message)) violations.push(error.message);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

test("the app never trips its own Content Security Policy: sign-in, lists, a request, the wizard, the docs, support", async ({ page }) => {
  // Eleven pages in a row, on a shared machine.
  test.setTimeout(180_000);
  const violations = await collectCspViolations(page);
  await page.goto("/login");
  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);
  // React hydrated (the list's client parts answer) and react-query fetched.
  await page.getByRole("link", { name: /PR-\d{6}/ }).first().click();
  await expect(page).toHaveURL(/\/porting-requests\/[0-9a-f-]{36}$/);
  await page.goto("/porting-requests/new");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/company-profiles");
  await page.goto("/settings");
  await page.goto("/docs/api");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.context().clearCookies();
  await signIn(page, logins.support);
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByRole("heading", { name: "Support queue" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("server actions take at most 1 MB, except on the page that uploads documents", async () => {
  const big = "x".repeat(2 * 1024 * 1024);
  const action = { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" };
  // The unauthenticated sign-in page: refused before any of it is read.
  const signInPost = await raw("/login", { method: "POST", headers: { ...action, "content-length": String(big.length) }, body: big });
  expect(signInPost.status).toBe(413);
  expect(signInPost.body).toContain("at most 1 MB");
  // A plain form post (how an action arrives before the page is hydrated) is held to it too.
  const formPost = await raw("/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(big.length) },
    body: big,
  });
  expect(formPost.status).toBe(413);
  // next-auth's own routes as well.
  const callback = await raw("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(big.length) },
    body: big,
  });
  expect(callback.status).toBe(413);
  // Without a length (chunked), a body cannot be measured before it is read: refused.
  const chunked = await raw("/login", { method: "POST", headers: { ...action, "transfer-encoding": "chunked" }, body: "x".repeat(1000), chunked: true });
  expect(chunked.status).toBe(411);
  // A small action body passes the check (Next.js then answers for the unknown action id).
  const small = await raw("/login", { method: "POST", headers: { ...action, "content-length": "2" }, body: "[]" });
  expect([411, 413]).not.toContain(small.status);
  // The create page keeps its 25 MB for documents.
  const upload = await raw("/porting-requests/new", { method: "POST", headers: { ...action, "content-length": String(big.length) }, body: big });
  expect([411, 413]).not.toContain(upload.status);
});

async function csrf(localAddress: string): Promise<{ token: string; cookie: string }> {
  const response = await raw("/api/auth/csrf", { localAddress });
  const token = (JSON.parse(response.body) as { csrfToken: string }).csrfToken;
  const cookie = ([] as string[])
    .concat(response.headers["set-cookie"] ?? [])
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token, cookie };
}

async function attempt(localAddress: string, email: string, password: string, forwardedFor?: string): Promise<string> {
  const { token, cookie } = await csrf(localAddress);
  const body = new URLSearchParams({ csrfToken: token, email, password, callbackUrl: "/" }).toString();
  const response = await raw("/api/auth/callback/credentials", {
    method: "POST",
    localAddress,
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
      cookie,
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
    },
    body,
  });
  return String(response.headers.location ?? "");
}

test("password spraying from one address is stopped, and a forged X-Forwarded-For does not reset the count", async () => {
  test.setTimeout(120_000);
  const address = `127.0.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`;
  // 30 wrong passwords for 30 different emails, each claiming another origin.
  for (let i = 0; i < 30; i++) {
    const location = await attempt(address, `sprayed-${randomBytes(4).toString("hex")}@nobody.test`, "Winter2026!", `198.51.100.${i}`);
    expect(location, `attempt ${i + 1}`).toContain("code=credentials");
  }
  // The 31st, for a real user with the right password, is refused like any other email would be.
  expect(await attempt(address, logins.bram, "porting-demo", "203.0.113.77")).toContain("code=locked");
  expect(await attempt(address, `unknown-${randomBytes(4).toString("hex")}@nobody.test`, "x", "203.0.113.78")).toContain("code=locked");
  // The same user from another address signs in.
  const other = await attempt(`127.0.${1 + Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`, logins.bram, "porting-demo");
  expect(other).not.toContain("error=");
});

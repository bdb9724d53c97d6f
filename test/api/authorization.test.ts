import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { apiKeys, companyProfiles, portingRequests } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { hashApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { ENDPOINTS, type Endpoint } from "@/lib/api/openapi";
import { createCompanyProfile, createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { call, keyFor } from "./client";
import { expectDocumented } from "./document";

// The authorization matrix, for EVERY endpoint: no key, a malformed key, an unknown key and a
// revoked key are 401; another account's key gets 404 for ids (never 403: no existence leak) and
// changes nothing; a key of the wrong role is 403. Session cookies serve reads only.

let owner: CustomerActor;
let stranger: CustomerActor;
let support: SupportActor;
const keys: Record<"owner" | "stranger" | "support" | "revoked", string> = { owner: "", stranger: "", support: "", revoked: "" };
let requestId: string;
let profileId: string;

beforeAll(async () => {
  owner = (await createTenant("NL", "Owner B.V.")).customer;
  stranger = (await createTenant("NL", "Stranger B.V.")).customer;
  support = await createSupport();
  keys.owner = await keyFor(owner);
  keys.stranger = await keyFor(stranger);
  keys.support = await keyFor(support);
  keys.revoked = await keyFor(owner, "revoked");
  const [revoked] = await getDb().select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.hash, hashApiKey(keys.revoked)));
  await revokeApiKey(owner, { id: revoked!.id });
  profileId = (await createCompanyProfile(owner.accountId)).id;
  requestId = (await insertRequestInStatus({ accountId: owner.accountId, status: "ready_to_be_ported", companyProfileId: profileId })).id;
});

afterEach(() => signOutAll());

function target(endpoint: Endpoint): string {
  return endpoint.path
    .replace("{code}", "NL")
    .replace("{id}", endpoint.path.startsWith("/company-profiles") ? profileId : requestId);
}

function send(endpoint: Endpoint, key: string | null, extra: { authorization?: string } = {}) {
  return call(endpoint.method.toUpperCase(), target(endpoint), {
    key,
    ...(endpoint.body ? { json: endpoint.body.example } : {}),
    ...(extra.authorization ? { headers: { authorization: extra.authorization } } : {}),
  });
}

const UNKNOWN_KEY = "vp_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

describe.each(ENDPOINTS.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e] as const))("%s", (_name, endpoint) => {
  test("401 without a key, with a malformed or unknown key, and with a revoked key", async () => {
    const cases: [string, Promise<Response>, RegExp][] = [
      ["no key", send(endpoint, null), /Send an API key/],
      ["not a bearer header", send(endpoint, null, { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` }), /must be `Bearer/],
      ["malformed key", send(endpoint, "hello"), /not an API key/],
      ["unknown key", send(endpoint, UNKNOWN_KEY), /not valid/],
      ["revoked key", send(endpoint, keys.revoked), /revoked/],
    ];
    for (const [what, pending, detail] of cases) {
      const response = await pending;
      const body = (await expectDocumented(endpoint.method, endpoint.path, response)) as { detail: string };
      expect(response.status, what).toBe(401);
      expect(body.detail, what).toMatch(detail);
      expect(response.headers.get("www-authenticate"), what).toMatch(/^Bearer/);
    }
  });

  test("the wrong role is 403; another account's id is 404 and changes nothing", async () => {
    const before = await snapshot();
    if (!endpoint.roles.includes("support")) {
      const response = await send(endpoint, keys.support);
      await expectDocumented(endpoint.method, endpoint.path, response);
      expect(response.status, "support key on a customer endpoint").toBe(403);
    }
    if (!endpoint.roles.includes("customer")) {
      const response = await send(endpoint, keys.owner);
      const body = (await expectDocumented(endpoint.method, endpoint.path, response)) as { detail: string };
      expect(response.status, "customer key on a support endpoint").toBe(403);
      expect(body.detail).toContain("support staff only");
    }
    if (endpoint.path.includes("{id}") && endpoint.roles.includes("customer")) {
      const response = await send(endpoint, keys.stranger);
      await expectDocumented(endpoint.method, endpoint.path, response);
      expect(response.status, "another account's key").toBe(404);
    }
    expect(await snapshot()).toEqual(before);
  });
});

async function snapshot() {
  const db = getDb();
  const [request] = await db.select({ status: portingRequests.status, version: portingRequests.version }).from(portingRequests).where(eq(portingRequests.id, requestId));
  const [profile] = await db.select({ updatedAt: companyProfiles.updatedAt }).from(companyProfiles).where(eq(companyProfiles.id, profileId));
  const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from porting_requests`)) as unknown as [{ n: number }];
  return { request, profile, requests: n };
}

describe("another account's key", () => {
  test("lists only its own account's data", async () => {
    for (const path of ["/porting-requests", "/company-profiles", "/distribution-groups", "/numbers"]) {
      const response = await call("GET", path, { key: keys.stranger });
      expect(response.status, path).toBe(200);
      expect(((await response.json()) as { data: unknown[] }).data, path).toEqual([]);
    }
    const search = await call("GET", `/porting-requests?number=${encodeURIComponent("+31")}`, { key: keys.stranger });
    expect(search.status).toBe(422);
  });
});

describe("the session cookie (the app's own pages)", () => {
  test("serves GETs for the signed-in user, scoped like a key", async () => {
    signInAs(owner);
    const own = await call("GET", `/porting-requests/${requestId}`);
    expect(own.status).toBe(200);
    signInAs(stranger);
    expect((await call("GET", `/porting-requests/${requestId}`)).status).toBe(404);
    signInAs(support);
    expect((await call("GET", `/porting-requests/${requestId}`)).status).toBe(200);
  });

  test("never authorises a change, so another site's form cannot ride it", async () => {
    signInAs(owner);
    const response = await call("POST", `/porting-requests/${requestId}/perform`);
    expect(response.status).toBe(401);
    const [row] = await getDb().select({ status: portingRequests.status }).from(portingRequests).where(eq(portingRequests.id, requestId));
    expect(row?.status).toBe("ready_to_be_ported");
  });

  test("a session GET is not rate limited and sends no rate-limit headers; a key's is counted", async () => {
    signInAs(owner);
    const session = await call("GET", "/countries");
    expect(session.headers.get("ratelimit-limit")).toBeNull();
    signOutAll();
    const keyed = await call("GET", "/countries", { key: keys.owner });
    expect(keyed.headers.get("ratelimit-limit")).toBe("600");
    const again = await call("GET", "/countries", { key: keys.owner });
    expect(Number(again.headers.get("ratelimit-remaining"))).toBe(Number(keyed.headers.get("ratelimit-remaining")) - 1);
  });
});

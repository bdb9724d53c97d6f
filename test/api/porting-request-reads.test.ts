import { eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getClient, getDb } from "@/db";
import { accounts, users } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { createRequest, createSupport, createTenant, insertRequestInStatus, nextNumbers } from "@/test/factories";
import { call, callJson, keyFor } from "./client";

// The API's reads near the framework's limit (issue 13, item 3): GET a request and the list each
// cost one statement for the caller (key, user, rate limit) and one for the data, however many
// requests, numbers and history entries; both answer with a strong ETag and 304 to If-None-Match.

let owner: CustomerActor;
let support: SupportActor;
let ownerKey: string;
let supportKey: string;
let strangerKey: string;
let readyId: string;

beforeAll(async () => {
  const tenant = await createTenant("NL", "Reads B.V.");
  owner = tenant.customer;
  support = await createSupport();
  ownerKey = await keyFor(owner);
  supportKey = await keyFor(support);
  strangerKey = await keyFor((await createTenant("NL", "Stranger B.V.")).customer);
  // Requests with several numbers and history entries, so a query per part would show.
  for (let i = 0; i < 5; i++) await createRequest(owner, { phoneNumbers: nextNumbers(3) });
  readyId = (await insertRequestInStatus({ accountId: owner.accountId, status: "ready_to_be_ported", numbers: nextNumbers(4) })).id;
});

/** The SQL statements the server sends while `run` runs, from postgres.js's debug hook (the real pool). */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const options = getClient().sql.options as { debug?: unknown };
  const seen: string[] = [];
  options.debug = (_connection: number, query: string) => seen.push(query);
  try {
    await run();
  } finally {
    options.debug = false;
  }
  return seen;
}

describe("one round trip for the caller, one for the data", () => {
  test("GET a request: two statements, the second with the numbers and the history in it", async () => {
    await call("GET", `/porting-requests/${readyId}`, { key: ownerKey }); // warm-up: type lookups, first connection
    let response: Response | undefined;
    const statements = await statementsDuring(async () => {
      response = await call("GET", `/porting-requests/${readyId}`, { key: ownerKey });
    });
    expect(response!.status).toBe(200);
    const body = (await response!.json()) as { phoneNumbers: unknown[]; history: unknown[]; accountName: string };
    expect(body.phoneNumbers).toHaveLength(4);
    expect(body.history).toHaveLength(1);
    expect(body.accountName).toBe("Reads B.V.");
    expect(statements).toHaveLength(2);
    expect(statements[0]).toContain("api_rate_limits");
    expect(statements[1]).toContain("porting_request_numbers");
    expect(statements[1]).toContain("porting_request_events");
  });

  test("the list: two statements for one item and for six, each item complete", async () => {
    await call("GET", "/porting-requests", { key: ownerKey, query: { limit: "50" } });
    const counted = async (limit: string) => {
      let data: { phoneNumbers: unknown[]; history: unknown[] }[] = [];
      const statements = await statementsDuring(async () => {
        const response = await call("GET", "/porting-requests", { key: ownerKey, query: { limit } });
        data = ((await response.json()) as { data: typeof data }).data;
      });
      return { statements, data };
    };
    const one = await counted("1");
    const all = await counted("50");
    expect(one.data).toHaveLength(1);
    expect(all.data).toHaveLength(6);
    expect(all.data.every((item) => item.phoneNumbers.length >= 3 && item.history.length >= 1)).toBe(true);
    expect(one.statements).toHaveLength(2);
    expect(all.statements).toHaveLength(2);
  });

  test("the statuses baseline is the same two statements (key, account)", async () => {
    await call("GET", "/porting-requests/statuses", { key: ownerKey });
    const statements = await statementsDuring(() => call("GET", "/porting-requests/statuses", { key: ownerKey }));
    expect(statements).toHaveLength(2);
  });
});

describe("ETag and If-None-Match", () => {
  const get = (headers: Record<string, string> = {}, key = ownerKey, id = readyId) => call("GET", `/porting-requests/${id}`, { key, headers });

  test("the same JSON is a 304 with no body, whatever form the client names the tag in", async () => {
    const first = await get();
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect(first.headers.get("cache-control")).toBe("private, no-cache");
    expect(first.headers.get("vary")).toBe("Authorization, Cookie");
    for (const header of [etag, `W/${etag}`, `"something-else", ${etag}`, "*"]) {
      const again = await get({ "if-none-match": header });
      expect(again.status, header).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      // Still counted against the key's limit, and says so.
      expect(again.headers.get("ratelimit-remaining")).not.toBeNull();
    }
    const other = await get({ "if-none-match": '"something-else"' });
    expect(other.status).toBe(200);
    expect(other.headers.get("etag")).toBe(etag);
  });

  test("a status change is a new tag; the old one gets the new body", async () => {
    const id = (await insertRequestInStatus({ accountId: owner.accountId, status: "ready_to_be_ported" })).id;
    const before = await get({}, ownerKey, id);
    const etag = before.headers.get("etag")!;
    expect((await call("POST", `/porting-requests/${id}/cancel`, { key: ownerKey, json: { reason: "Changed our mind" } })).status).toBe(200);
    const after = await callJson("GET", `/porting-requests/${id}`, { key: ownerKey, headers: { "if-none-match": etag } });
    expect(after.status).toBe(200);
    expect(after.body.status).toBe("cancelled");
    expect(after.headers.get("etag")).not.toBe(etag);
  });

  test("a change outside the request row (the account's name) is a new tag too: the tag is the body's, not the version's", async () => {
    const etag = (await get()).headers.get("etag")!;
    await getDb().update(accounts).set({ name: "Reads Renamed B.V." }).where(eq(accounts.id, owner.accountId));
    try {
      const after = await callJson("GET", `/porting-requests/${readyId}`, { key: ownerKey, headers: { "if-none-match": etag } });
      expect(after.status).toBe(200);
      expect(after.body.accountName).toBe("Reads Renamed B.V.");
    } finally {
      await getDb().update(accounts).set({ name: "Reads B.V." }).where(eq(accounts.id, owner.accountId));
    }
  });

  test("the JSON depends on the caller (allowed actions), and so does the tag", async () => {
    const mine = await callJson("GET", `/porting-requests/${readyId}`, { key: ownerKey });
    const supports = await callJson("GET", `/porting-requests/${readyId}`, { key: supportKey, headers: { "if-none-match": mine.headers.get("etag")! } });
    expect(supports.status).toBe(200);
    expect(supports.body.allowedActions).not.toEqual(mine.body.allowedActions);
    expect(supports.headers.get("etag")).not.toBe(mine.headers.get("etag"));
  });

  test("another account's request is a 404 even with a matching tag or *, never a 304", async () => {
    const etag = (await get()).headers.get("etag")!;
    expect((await get({ "if-none-match": etag }, strangerKey)).status).toBe(404);
    expect((await get({ "if-none-match": "*" }, strangerKey)).status).toBe(404);
  });

  test("the list: 304 while nothing in the page changed, 200 with a new tag once a request is added", async () => {
    const list = (headers: Record<string, string> = {}) => call("GET", "/porting-requests", { key: ownerKey, query: { limit: "50" }, headers });
    const first = await list();
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    expect((await list({ "if-none-match": etag })).status).toBe(304);
    await createRequest(owner);
    const after = await list({ "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
  });
});

describe("nothing about a key is cached", () => {
  afterEach(async () => {
    await getDb().update(users).set({ disabled: false }).where(eq(users.id, owner.userId));
  });

  test("a disabled user's key stops at the very next request, and works again once enabled", async () => {
    expect((await get()).status).toBe(200);
    await getDb().update(users).set({ disabled: true }).where(eq(users.id, owner.userId));
    expect((await get()).status).toBe(401);
    await getDb().update(users).set({ disabled: false }).where(eq(users.id, owner.userId));
    expect((await get()).status).toBe(200);
  });

  test("a revoked key stops at the very next request", async () => {
    const key = await keyFor(owner, "soon revoked");
    expect((await call("GET", `/porting-requests/${readyId}`, { key })).status).toBe(200);
    await getDb().execute(sql`update api_keys set revoked_at = now() where revoked_at is null and name = 'soon revoked'`);
    const refused = await callJson("GET", `/porting-requests/${readyId}`, { key });
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);
  });

  const get = () => call("GET", `/porting-requests/${readyId}`, { key: ownerKey });
});

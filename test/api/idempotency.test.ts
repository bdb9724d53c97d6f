import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { hashApiKey } from "@/lib/auth/api-keys";
import { canonicalJson } from "@/lib/api/idempotency";
import type { CustomerActor } from "@/lib/auth/actor";
import { countRows, createCompanyProfile, createTenant, letterUploadPool, nextNumber } from "@/test/factories";
import { call, keyFor } from "./client";
import { expectDocumented } from "./document";

// Idempotency-Key on Create Porting Request. Decision (documented on /docs/api): while the first
// request with a key is in flight, the others answer 409 (Retry-After: 1) rather than wait; once it
// is done, every retry answers the stored response, byte for byte. Only successes are stored.

let customer: CustomerActor;
let key: string;
let keyId: string;
let profileId: string;

beforeAll(async () => {
  customer = (await createTenant("NL", "Idempotent B.V.")).customer;
  key = await keyFor(customer);
  keyId = (await getDb().execute<{ id: string }>(sql`select id from api_keys where hash = ${hashApiKey(key)}`))[0]!.id;
  profileId = (await createCompanyProfile(customer.accountId)).id;
  letters = await letterUploadPool(customer, 80);
});

// Each create names a letter of authorisation uploaded before it (each upload serves one create).
let letters: { id: string }[] = [];

const body = (numbers = [nextNumber()]) => ({
  country: "NL",
  numberType: "geographic",
  companyProfileId: profileId,
  phoneNumbers: numbers,
  currentProvider: "KPN",
  documents: [letters.shift()!],
});

function create(json: unknown, idempotencyKey: string, apiKey = key) {
  return call("POST", "/porting-requests", { key: apiKey, json, headers: { "idempotency-key": idempotencyKey } });
}

const requestsWith = async (number: string) =>
  countRows("porting_request_numbers", sql`number = ${number}`);

describe("20 identical creates at once", () => {
  test("create exactly one request; the others are 409 in flight or the replay; retries after completion are identical", async () => {
    const payload = body();
    const responses = await Promise.all(Array.from({ length: 20 }, () => create(payload, "race-1")));
    const statuses = responses.map((r) => r.status);
    for (const response of responses) await expectDocumented("post", "/porting-requests", response);

    expect(await requestsWith(payload.phoneNumbers[0]!)).toBe(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    const bodies = new Set(await Promise.all(created.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    const [first] = [...bodies];
    for (const conflict of responses.filter((r) => r.status === 409)) {
      expect(conflict.headers.get("retry-after")).toBe("1");
      expect(((await conflict.json()) as { detail: string }).detail).toContain("still being processed");
    }

    // Done: every retry is the stored response, byte for byte, and creates nothing.
    const retries = await Promise.all(Array.from({ length: 20 }, () => create(payload, "race-1")));
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      expect(retry.headers.get("location")).toBe(`/api/v1/porting-requests/${(JSON.parse(first!) as { id: string }).id}`);
      expect(await retry.text()).toBe(first);
    }
    expect(await requestsWith(payload.phoneNumbers[0]!)).toBe(1);
    expect(await countRows("porting_requests", sql`account_id = ${customer.accountId} and id = ${(JSON.parse(first!) as { id: string }).id}`)).toBe(1);
  });

  test("20 parallel creates with 20 different keys and different numbers create 20 requests", async () => {
    const before = await countRows("porting_requests", sql`account_id = ${customer.accountId}`);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => create(body(), `distinct-${i}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(await countRows("porting_requests", sql`account_id = ${customer.accountId}`)).toBe(before + 20);
  });
});

describe("the same key", () => {
  test("with another body is a 422 naming the header, and creates nothing", async () => {
    const first = await create(body(), "other-body");
    expect(first.status).toBe(201);
    const before = await countRows("porting_requests");
    const second = await create(body(), "other-body");
    const problem = (await expectDocumented("post", "/porting-requests", second)) as { errors: Record<string, string[]> };
    expect(second.status).toBe(422);
    expect(Object.keys(problem.errors)).toEqual(["Idempotency-Key"]);
    expect(await countRows("porting_requests")).toBe(before);
  });

  test("with the same body in another key order and spacing is the same request", async () => {
    const payload = body();
    const first = await create(payload, "reordered");
    const reordered = Object.fromEntries(Object.entries(payload).reverse());
    const second = await call("POST", "/porting-requests", {
      key,
      body: JSON.stringify(reordered, null, 4),
      headers: { "content-type": "application/json; charset=utf-8", "idempotency-key": "reordered" },
    });
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(await first.text());
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: "x" }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}');
  });

  test("after a refused create (422) is free again: fix the body, keep the key", async () => {
    const payload = body(["not a number"]);
    const refused = await create(payload, "fix-and-retry");
    expect(refused.status).toBe(422);
    const rows = await getDb().select().from(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, keyId), eq(idempotencyKeys.key, "fix-and-retry")));
    expect(rows).toEqual([]);
    const fixed = await create(body(), "fix-and-retry");
    expect(fixed.status).toBe(201);
  });

  test("belongs to one API key: another key's same Idempotency-Key is another request", async () => {
    const otherKey = await keyFor(customer, "second key");
    const a = await create(body(), "shared-key");
    const b = await create(body(), "shared-key", otherKey);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(((await a.json()) as { id: string }).id).not.toBe(((await b.json()) as { id: string }).id);
  });

  test("is kept 24 hours: an older one is gone, and the key creates a new request", async () => {
    const payload = body();
    const first = (await (await create(payload, "expires")).json()) as { id: string };
    await getDb()
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '25 hours'` })
      .where(and(eq(idempotencyKeys.apiKeyId, keyId), eq(idempotencyKeys.key, "expires")));
    // The same numbers are in an open request now, so the same body is refused on its merits…
    const again = await create(payload, "expires");
    expect(again.status).toBe(422);
    // …and a new body under the old key is simply a new request.
    const fresh = await create(body(), "expires");
    expect(fresh.status).toBe(201);
    expect(((await fresh.json()) as { id: string }).id).not.toBe(first.id);
  });

  test("a claim abandoned by a crashed process (no response after 5 minutes) is taken over", async () => {
    const payload = body();
    const { requestFingerprint } = await import("@/lib/api/idempotency");
    await getDb()
      .insert(idempotencyKeys)
      .values({ apiKeyId: keyId, key: "abandoned", requestHash: requestFingerprint("POST", "/api/v1/porting-requests", payload), createdAt: new Date(Date.now() - 10 * 60_000) });
    const response = await create(payload, "abandoned");
    expect(response.status).toBe(201);
    expect(await requestsWith(payload.phoneNumbers[0]!)).toBe(1);
  });

  test("a malformed header is a 400 and claims nothing", async () => {
    const response = await create(body(), "x".repeat(256));
    expect(response.status).toBe(400);
    const spaces = await create(body(), "has spaces inside");
    expect(spaces.status).toBe(400);
  });
});

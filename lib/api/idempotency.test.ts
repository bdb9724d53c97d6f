import { sql } from "drizzle-orm";
import { beforeAll, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import type { CustomerActor } from "@/lib/auth/actor";
import { call, keyFor } from "@/test/api/client";
import { failFirstWrite } from "@/test/faults";
import { countRows, createCompanyProfile, createTenant, nextNumber, uploadLetterOfAuthorisation } from "@/test/factories";

// Idempotency-Key when storing the response fails after the create: the create and its stored
// response commit together or not at all, so a retry with the same key gets the original 201
// (or creates the request once), never a 409 for minutes and then a 422. The fault is a real
// PostgreSQL trigger that refuses the first write of the response.

let customer: CustomerActor;
let key: string;
let profileId: string;

beforeAll(async () => {
  customer = (await createTenant("NL", "Stored Response B.V.")).customer;
  key = await keyFor(customer);
  profileId = (await createCompanyProfile(customer.accountId)).id;
});

test("storing the response fails after the create: nothing half-done, and the retry with the same key creates the request once", async () => {
  const number = nextNumber();
  const payload = { country: "NL", numberType: "geographic", companyProfileId: profileId, phoneNumbers: [number], currentProvider: "KPN", documents: [await uploadLetterOfAuthorisation(customer)] };
  const create = () => call("POST", "/porting-requests", { key, json: payload, headers: { "idempotency-key": "store-fails-once" } });
  const fault = await failFirstWrite({ name: "fail_response_once", table: "idempotency_keys", when: "new.key = 'store-fails-once' and new.response_status is not null" });
  try {
    const first = await create();
    expect(first.status).toBeGreaterThanOrEqual(500);
    // The client cannot tell whether it was created; the create did not stay without its response.
    expect(await countRows("porting_request_numbers", sql`number = ${number}`)).toBe(0);

    const retry = await create();
    expect(retry.status).toBe(201);
    const created = (await retry.json()) as { id: string; phoneNumbers: { number: string }[] };
    expect(created.phoneNumbers.map((n) => n.number)).toEqual([number]);
    expect(await countRows("porting_request_numbers", sql`number = ${number}`)).toBe(1);

    const replay = await create();
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(((await replay.json()) as { id: string }).id).toBe(created.id);
  } finally {
    await fault.remove();
  }
});

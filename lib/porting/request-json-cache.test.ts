import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb, type Executor } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { createCompanyProfile, createSupport, createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { listFullPortingRequests, listPortingRequestJson, type PortingRequestListFilters } from "./queries";
import { RequestJsonCache } from "./request-json-cache";
import { REQUEST_PARTS } from "./request-parts";
import { portingRequestJson } from "./serialize";
import { transitionPortingRequest } from "./transition-porting-request";

// The API's list keeps each request's JSON until its content_version moves, and the database moves
// that version (migration 0015). A write the triggers miss would serve a stale request with no
// error anywhere, so every kind of write to every table the JSON is read from is checked here,
// and the cached list is held to the list built afresh, byte for byte.

async function contentVersion(db: Executor, id: string): Promise<number> {
  const [row] = await db.execute<{ v: number }>(sql`select content_version as v from porting_requests where id = ${id}`);
  return row!.v;
}

/** Runs `writes` in a transaction that is rolled back: nothing here outlives the test. */
async function rolledBack(writes: (tx: Executor) => Promise<void>): Promise<void> {
  const rollback = new Error("rolled back on purpose");
  await expect(
    getDb().transaction(async (tx) => {
      await writes(tx);
      throw rollback;
    }),
  ).rejects.toBe(rollback);
}

describe("content_version", () => {
  test("moves with every write to the request's row and to every part of its JSON", async () => {
    const { customer } = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "blocked", numbers: [nextNumber("NL"), nextNumber("NL")] });
    const other = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });

    await rolledBack(async (tx) => {
      const moves = async (write: () => Promise<unknown>, id = request.id) => {
        const before = await contentVersion(tx, id);
        await write();
        return (await contentVersion(tx, id)) > before;
      };
      const id = request.id;
      // The row itself, whatever the column (a marker no verb bumps `version` for included).
      expect(await moves(() => tx.execute(sql`update porting_requests set waiting_for_customer_since = now() where id = ${id}`))).toBe(true);
      // Numbers: added, changed, removed; freeing them at a final status changes nothing shown.
      expect(await moves(() => tx.execute(sql`insert into porting_request_numbers (porting_request_id, account_id, number, type, position) values (${id}, ${customer.accountId}, ${nextNumber("NL")}, 'geographic', 5)`))).toBe(true);
      expect(await moves(() => tx.execute(sql`update porting_request_numbers set type = 'mobile' where porting_request_id = ${id} and position = 5`))).toBe(true);
      expect(await moves(() => tx.execute(sql`update porting_request_numbers set open = false where porting_request_id = ${id}`))).toBe(false);
      expect(await moves(() => tx.execute(sql`delete from porting_request_numbers where porting_request_id = ${id} and position = 5`))).toBe(true);
      // A number moved to another request changes both.
      expect(await moves(() => tx.execute(sql`update porting_request_numbers set porting_request_id = ${other.id} where porting_request_id = ${id} and position = 0`), other.id)).toBe(true);
      // History: added, changed, removed.
      expect(await moves(() => tx.execute(sql`insert into porting_request_events (porting_request_id, from_status, to_status, reason, actor_role, actor_name) values (${id}, 'blocked', 'delayed', 'x', 'system', 'Test')`))).toBe(true);
      expect(await moves(() => tx.execute(sql`update porting_request_events set reason = 'y' where porting_request_id = ${id} and reason = 'x'`))).toBe(true);
      expect(await moves(() => tx.execute(sql`delete from porting_request_events where porting_request_id = ${id} and reason = 'y'`))).toBe(true);
      // A resubmission made from it (its `resubmittedAs`), unlinked, linked again, deleted.
      let correction = "";
      expect(
        await moves(async () => {
          const [row] = await tx.execute<{ id: string }>(sql`insert into porting_requests (account_id, company_profile_id, country, number_type, current_provider, status, status_reason, resubmission_of_id)
            select account_id, company_profile_id, country, number_type, current_provider, 'requested', 'Corrected', id from porting_requests where id = ${id} returning id`);
          correction = row!.id;
        }),
      ).toBe(true);
      expect(await moves(() => tx.execute(sql`update porting_requests set resubmission_of_id = null where id = ${correction}`))).toBe(true);
      expect(await moves(() => tx.execute(sql`update porting_requests set resubmission_of_id = ${id} where id = ${correction}`))).toBe(true);
      expect(await moves(() => tx.execute(sql`delete from porting_requests where id = ${correction}`))).toBe(true);
    });
  });

  test("has its triggers on every table a part of the JSON is read from", async () => {
    const rows = await getDb().execute<{ table: string; fn: string }>(sql`
      select c.relname as table, p.proname as fn from pg_trigger t
      join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid where not t.tgisinternal`);
    const bumping = new Set(rows.filter((r) => r.fn.startsWith("porting_request_")).map((r) => r.table));
    for (const part of Object.values(REQUEST_PARTS)) expect(bumping, `a content_version trigger on ${part.table}`).toContain(part.table);
  });
});

describe("the API's list, kept per request", () => {
  /** The list as the API answered before it kept anything: built afresh, then written. */
  async function fresh(actor: Actor, filters: PortingRequestListFilters): Promise<string> {
    const page = await listFullPortingRequests(actor, filters);
    return JSON.stringify({ data: page.items.map(portingRequestJson), nextCursor: page.nextCursor });
  }
  async function kept(actor: Actor, filters: PortingRequestListFilters, cache: RequestJsonCache): Promise<string> {
    const page = await listPortingRequestJson(actor, filters, getDb(), cache);
    return `{"data":[${page.items.join(",")}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
  }

  test("is the list built afresh, byte for byte, through every kind of change", async () => {
    const { account, customer } = await createTenant("NL");
    const support = await createSupport();
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const first = await insertRequestInStatus({ accountId: customer.accountId, status: "requested", companyProfileId: profile.id });
    const second = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", companyProfileId: profile.id, numbers: [nextNumber("NL"), nextNumber("NL")] });
    await insertRequestInStatus({ accountId: customer.accountId, status: "blocked", companyProfileId: profile.id });
    const cache = new RequestJsonCache(100);
    const mine = { limit: 2 };
    const theirs = { limit: 10, companyProfileId: profile.id };
    const same = async () => {
      expect(await kept(customer, mine, cache)).toBe(await fresh(customer, mine));
      expect(await kept(support, theirs, cache)).toBe(await fresh(support, theirs));
    };

    await same();
    // Kept per role: the customer's allowed actions are not support's.
    expect(cache.size).toBe(2 + 3);
    await same();

    // A status change through the verb (the row, a history entry).
    await transitionPortingRequest(support, { id: first.id, action: "accept", reason: "Looking into it" });
    await same();
    // Parts written outside any verb, and the row by hand.
    await getDb().execute(sql`update porting_request_numbers set type = 'mobile' where porting_request_id = ${second.id}`);
    await same();
    await getDb().execute(sql`update porting_request_events set reason = 'Edited' where porting_request_id = ${second.id}`);
    await same();
    await getDb().execute(sql`update porting_requests set waiting_for_customer_since = now() where id = ${second.id}`);
    await same();
    // The account renamed: in every request's JSON, in no request's row.
    await getDb().execute(sql`update accounts set name = ${`${account.name} (renamed)`} where id = ${account.id}`);
    await same();
    // The next page, through the cursor.
    const next = JSON.parse(await kept(customer, mine, cache)) as { nextCursor: string };
    expect(await kept(customer, { ...mine, cursor: next.nextCursor }, cache)).toBe(await fresh(customer, { ...mine, cursor: next.nextCursor }));
  });

  test("answers from what it kept while nothing changed", async () => {
    const { customer } = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    const cache = new RequestJsonCache(100);
    await kept(customer, { limit: 5 }, cache);
    // Put a marker where the request's JSON is kept: an unchanged request answers with it.
    const version = await contentVersion(getDb(), request.id);
    const accountName = (JSON.parse((await listPortingRequestJson(customer, { limit: 5 }, getDb(), cache)).items[0]!) as { accountName: string }).accountName;
    cache.set("customer", request.id, version, accountName, `{"marker":true}`);
    expect((await listPortingRequestJson(customer, { limit: 5 }, getDb(), cache)).items).toEqual([`{"marker":true}`]);
    // Changed, it is read again.
    await getDb().execute(sql`update porting_requests set comment = 'changed' where id = ${request.id}`);
    const [json] = (await listPortingRequestJson(customer, { limit: 5 }, getDb(), cache)).items;
    expect(JSON.parse(json!)).toMatchObject({ id: request.id, comment: "changed" });
  });

  test("forgets the least recently used beyond its capacity", () => {
    const cache = new RequestJsonCache(2);
    cache.set("customer", "a", 1, "A", "{}");
    cache.set("customer", "b", 1, "A", "{}");
    expect(cache.get("customer", "a", 1, "A")).toBe("{}");
    cache.set("customer", "c", 1, "A", "{}");
    expect(cache.get("customer", "b", 1, "A")).toBeUndefined();
    expect(cache.get("customer", "a", 1, "A")).toBe("{}");
    expect(cache.get("customer", "a", 2, "A")).toBeUndefined();
    expect(cache.get("customer", "a", 1, "B")).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import type { CustomerActor } from "@/lib/auth/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createRequest, createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { encodeCursor } from "@/lib/shared/cursor";
import { getPortingRequestForActor, listPortingRequests } from "./queries";

describe("listPortingRequests", () => {
  let customer: CustomerActor;
  const ids: string[] = [];

  beforeAll(async () => {
    customer = (await createTenant("NL")).customer;
    for (let i = 0; i < 4; i++) ids.push((await createRequest(customer, { phoneNumbers: [nextNumber(), nextNumber(), nextNumber(), nextNumber()] })).id);
    ids.push((await insertRequestInStatus({ accountId: customer.accountId, status: "completed" })).id);
    ids.push((await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE", numbers: [nextNumber("DE")] })).id);
    // Three requests with the very same created_at (one statement, one now()): the id breaks the tie.
    await getDb().execute(
      sql`update porting_requests set created_at = now() where id in (${sql.join(ids.slice(1, 4).map((id) => sql`${id}::uuid`), sql`, `)})`,
    );
  });

  test("pages newest first through every request exactly once, even with equal timestamps", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listPortingRequests(customer, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(ids.length);
    expect(new Set(seen)).toEqual(new Set(ids));
    const all = (await listPortingRequests(customer, { limit: 100 })).items;
    expect(seen).toEqual(all.map((i) => i.id));
    for (let i = 1; i < all.length; i++) {
      const a = all[i - 1];
      const b = all[i];
      if (!a || !b) continue;
      expect(a.createdAt >= b.createdAt).toBe(true);
    }
  });

  test("a list item carries the status, counts of numbers and a short preview", async () => {
    const all = (await listPortingRequests(customer, { status: "requested", limit: 100 })).items;
    expect(all).toHaveLength(4);
    expect(all[0]).toMatchObject({ statusLabel: "Requested", numberCount: 4, allowedActions: [] });
    expect(all[0]?.phoneNumbers).toHaveLength(3);
    expect(all[0]).not.toHaveProperty("history");
  });

  test("filters by status and country; searches by reference or number in any format", async () => {
    expect((await listPortingRequests(customer, { status: "completed", limit: 10 })).items.map((i) => i.id)).toEqual([ids[4]]);
    expect((await listPortingRequests(customer, { country: "DE", limit: 10 })).items.map((i) => i.id)).toEqual([ids[5]]);
    const target = await getPortingRequestForActor(customer, ids[2] as string);
    const number = target.phoneNumbers[1]?.number as string;
    const national = `0${number.slice(3, 5)} ${number.slice(5, 8)} ${number.slice(8)}`;
    for (const q of [target.reference, target.reference.toLowerCase(), target.reference.replace(/^PR-0+/, ""), number, national, `0031${number.slice(3)}`]) {
      expect((await listPortingRequests(customer, { q, limit: 10 })).items.map((i) => i.id), q).toEqual([target.id]);
    }
    expect((await listPortingRequests(customer, { q: "nothing like it", limit: 10 })).items).toEqual([]);
    expect((await listPortingRequests(customer, { q: national, status: "completed", limit: 10 })).items).toEqual([]);
  });

  test("URL-style input: empty strings are no filter; a bad cursor or limit is a validation error", async () => {
    const page = await listPortingRequests(customer, { status: "", country: "", q: "", cursor: "", limit: "3" });
    expect(page.items).toHaveLength(3);
    await expect(listPortingRequests(customer, { cursor: "garbage!", limit: 2 })).rejects.toBeInstanceOf(ValidationError);
    await expect(listPortingRequests(customer, { cursor: encodeCursor({ t: "yesterday", i: "x" }), limit: 2 })).rejects.toBeInstanceOf(ValidationError);
    await expect(listPortingRequests(customer, { limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
    await expect(listPortingRequests(customer, { status: "lost" as never, limit: 2 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("getPortingRequestForActor", () => {
  test("non-UUID and unknown ids are NotFound, not a database error", async () => {
    const { customer } = await createTenant("NL");
    for (const id of ["", "123", "PR-000001", "00000000-0000-4000-8000-000000000000", "x'; select 1; --"]) {
      await expect(getPortingRequestForActor(customer, id)).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

import { sql } from "drizzle-orm";
import { numeric, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { findPortingRequestRow, getPortingRequestForActor, listFullPortingRequests, loadPortingRequestDto } from "./queries";
import { jsonObject } from "./request-parts";

// The GET JSON is read two ways: from rows drizzle mapped (a verb's own transaction: timestamps as
// Date) and from the JSON PostgreSQL builds (GET, the lists: timestamps as text, request-parts.ts).
// Callbacks, event streams and pages compare them (ETags, "changed meanwhile"), so they must agree
// to the character.

describe("the request as PostgreSQL writes it", () => {
  test("is the same JSON as from drizzle's rows, microseconds and time zones included", async () => {
    const { customer } = await createTenant("NL");
    // Outside NL and In progress: the one state a scheduled porting moment is allowed in.
    const created = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE", numbers: [nextNumber("DE"), nextNumber("DE")] });
    const db = getDb();
    // Microseconds a Date cannot hold (they are cut, never rounded: .678999 is .678), a session in
    // another time zone, and a timestamp in every nullable timestamp column.
    await db.execute(sql`update porting_requests set created_at = '2026-01-02 03:04:05.678999+00', updated_at = '2026-01-02 23:59:59.999999+00',
      preferred_porting_date = '2026-02-01 00:00:00+01', waiting_for_customer_since = '2026-01-03 10:00:00.5+00',
      scheduled_porting_at = '2026-02-03 06:00:00.000001+00' where id = ${created.id}`);
    await db.execute(sql`update porting_request_events set created_at = '2026-01-02 03:04:05.0001+00' where porting_request_id = ${created.id}`);

    const fromJson = await db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'America/New_York'`);
      return getPortingRequestForActor(customer, created.id, tx);
    });
    const row = await findPortingRequestRow(db, customer, created.id);
    const fromRow = await loadPortingRequestDto(db, customer, row!);

    expect(fromJson).toEqual(fromRow);
    expect(fromJson).toMatchObject({
      createdAt: "2026-01-02T03:04:05.678Z",
      updatedAt: "2026-01-02T23:59:59.999Z",
      preferredPortingDate: "2026-01-31T23:00:00.000Z",
      scheduledPortingAt: "2026-02-03T06:00:00.000Z",
      waitingForCustomer: true,
    });
    expect(fromJson.history[0]?.at).toBe("2026-01-02T03:04:05.000Z");
    expect(fromJson.phoneNumbers).toHaveLength(2);
    const listed = await listFullPortingRequests(customer, { limit: 10 });
    expect(listed.items).toEqual([fromJson]);
  });

  test("refuses a column whose JSON would differ from what drizzle reads", () => {
    const odd = pgTable("odd", { id: uuid("id"), amount: numeric("amount"), local: timestamp("local", { mode: "date" }) });
    expect(() => jsonObject({ id: odd.id })).not.toThrow();
    expect(() => jsonObject({ amount: odd.amount })).toThrow(/amount \(PgNumeric\) has no JSON form/);
    expect(() => jsonObject({ local: odd.local })).toThrow(/local \(PgTimestamp\) has no JSON form/);
  });
});

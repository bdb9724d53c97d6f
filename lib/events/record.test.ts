import { asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { callbackDeliveries, events } from "@/db/schema";
import { env } from "@/lib/env";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { createRequest, createSupport, createTenant } from "@/test/factories";
import { readEvents, type EventPosition } from "./read";
import { recordEvent } from "./record";
import { EVENT_TYPES, EVENTS_CHANNEL } from "./types";

// The account event record against real PostgreSQL: one event per status change, sharing its id
// and body with the callback; written and announced only on commit; read in an order no later
// commit can slip in front of.

async function eventsOf(requestId: string) {
  return getDb().select().from(events).where(eq(events.portingRequestId, requestId)).orderBy(asc(events.id));
}

describe("recordEvent from a status change", () => {
  test("the creation and each transition are one event each, with the callback's webhook-id and body", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await createRequest(customer, { callbackUrl: "http://127.0.0.1:9/hook" });
    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Looks good" });

    const recorded = await eventsOf(request.id);
    expect(recorded.map((e) => e.type)).toEqual([EVENT_TYPES.created, EVENT_TYPES.statusChanged]);
    const deliveries = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id)).orderBy(asc(callbackDeliveries.createdAt));
    expect(deliveries.map((d) => d.messageId)).toEqual(recorded.map((e) => e.messageId));
    expect(deliveries.map((d) => d.body)).toEqual(recorded.map((e) => e.body));
    expect(recorded.every((e) => e.accountId === customer.accountId && /^msg_[\w-]{22}$/.test(e.messageId))).toBe(true);
    expect(JSON.parse(recorded[1]!.body)).toMatchObject({ id: request.id, status: "in_progress" });
  });

  test("a request without a callback URL still has its events", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const recorded = await eventsOf(request.id);
    expect(recorded).toHaveLength(1);
    expect(JSON.parse(recorded[0]!.body)).toMatchObject({ id: request.id, status: "requested" });
  });
});

describe("recordEvent", () => {
  test("is announced on commit only, and a rollback takes it away", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const listener = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const heard: string[] = [];
    await listener.listen(EVENTS_CHANNEL, (payload) => heard.push(payload));
    try {
      await expect(
        getDb().transaction(async (tx) => {
          await recordEvent(tx, { accountId: customer.accountId, portingRequestId: request.id, type: EVENT_TYPES.commentAdded, body: { text: "rolled back" } });
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
      const kept = await getDb().transaction((tx) =>
        recordEvent(tx, { accountId: customer.accountId, portingRequestId: request.id, type: EVENT_TYPES.commentAdded, body: { text: "kept" } }),
      );
      const stored = await eventsOf(request.id);
      expect(stored.map((e) => e.type)).toEqual([EVENT_TYPES.created, EVENT_TYPES.commentAdded]);
      expect(stored[1]).toMatchObject({ messageId: kept.messageId, body: JSON.stringify({ text: "kept" }) });
      // Every notify is delivered before a later query's answer on the same connection.
      await listener`select 1`;
      const deadline = Date.now() + 5_000;
      while (heard.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // The kept comment's (the creation's came before LISTEN); none for the rolled-back one.
      expect(heard).toEqual([customer.accountId]);
    } finally {
      await listener.end({ timeout: 1 });
    }
  });

  test("a reader never skips an event that commits after a later-numbered one", async () => {
    const { customer } = await createTenant("NL");
    const db = getDb();
    const record = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], text: string) =>
      recordEvent(tx, { accountId: customer.accountId, portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { text } });
    let position: EventPosition | null = null;
    const seen: string[] = [];
    const read = async () => {
      const page = await readEvents(db, { after: position, accountId: customer.accountId });
      for (const e of page.events) {
        seen.push(JSON.parse(e.body).text as string);
        position = { txId: e.txId, id: e.id };
      }
      return page;
    };

    // Slow takes its transaction id first and its event id later than fast; fast commits first.
    let releaseSlow!: () => void;
    const slowMayFinish = new Promise<void>((r) => (releaseSlow = r));
    let slowHasXid!: () => void;
    const slowStarted = new Promise<void>((r) => (slowHasXid = r));
    const slow = db.transaction(async (tx) => {
      await tx.execute("select pg_current_xact_id()");
      slowHasXid();
      await slowMayFinish;
      await record(tx, "slow");
    });
    await slowStarted;
    await db.transaction((tx) => record(tx, "fast"));

    // The fast event is committed but held back: a transaction older than it is still running.
    const whileSlowRuns = await read();
    expect(whileSlowRuns.heldBack).toBe(true);
    expect(seen).toEqual([]);

    releaseSlow();
    await slow;
    const after = await read();
    expect(after.heldBack).toBe(false);
    // Slow's event has the higher id and still comes first: its transaction is the older one.
    expect(seen).toEqual(["slow", "fast"]);
    expect((await read()).events).toEqual([]);
  });
});

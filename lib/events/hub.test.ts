import { sql } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";
import { getDb, type Tx } from "@/db";
import { env } from "@/lib/env";
import { createTenant } from "@/test/factories";
import { EventHub, type HubMessage, type Subscriber } from "./hub";
import { recordEvent } from "./record";
import { EVENT_TYPES } from "./types";

// The process's event hub against real PostgreSQL: its one LISTEN connection killed under it, an
// event that waits behind an older transaction, and many streams fed from one read.

const hubs: EventHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop()));
});

function newHub(): EventHub {
  const hub = new EventHub({ databaseUrl: env.DATABASE_URL!, db: getDb(), heartbeatMs: 60_000, backstopMs: 60_000 });
  hubs.push(hub);
  return hub;
}

function subscriber(accountId: string | null): Subscriber & { got: string[] } {
  const got: string[] = [];
  return {
    got,
    accountId,
    page: false,
    credential: { userId: "00000000-0000-0000-0000-000000000000", sessionVersion: null, apiKeyId: null, accountId },
    receive: (message: HubMessage) => {
      if (message.kind === "event") got.push(JSON.parse(message.event.body).text as string);
    },
    write: () => {},
    end: () => {},
  };
}

const comment = (accountId: string, text: string, tx?: Tx) =>
  (tx ? recordEvent(tx, { accountId, portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { text } }) : getDb().transaction((t) => recordEvent(t, { accountId, portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { text } })));

describe("EventHub", () => {
  test("its LISTEN connection killed, it reconnects and delivers what committed meanwhile, in order", async () => {
    const { customer } = await createTenant("NL");
    const hub = newHub();
    await hub.start();
    const sub = subscriber(customer.accountId);
    hub.subscribe(sub);
    await comment(customer.accountId, "before");
    await vi.waitFor(() => expect(sub.got).toEqual(["before"]));

    await getDb().execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name like 'voice-porting events%' and pid <> pg_backend_pid()`);
    await vi.waitFor(() => expect(hub.connected).toBe(false));
    // Committed while nobody listens: its notification is lost, the record is not.
    await comment(customer.accountId, "while away");
    await comment(customer.accountId, "after");
    await vi.waitFor(() => expect(sub.got).toEqual(["before", "while away", "after"]), { timeout: 10_000 });
    expect(hub.connected).toBe(true);
    expect(hub.stats.connects).toBe(2);
  });

  test("an event behind an older, still open transaction is delivered when that one ends, and first", async () => {
    const { customer } = await createTenant("NL");
    const hub = newHub();
    await hub.start();
    const sub = subscriber(null);
    hub.subscribe(sub);
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const hasXid = new Promise<void>((r) => (started = r));
    const slow = getDb().transaction(async (tx) => {
      await tx.execute(sql`select pg_current_xact_id()`);
      started();
      await released;
      await comment(customer.accountId, "older transaction", tx);
    });
    await hasXid;
    await comment(customer.accountId, "newer transaction");
    // Held back, and read again by itself (no notification is coming for it) once the older one commits.
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.got).toEqual([]);
    release();
    await slow;
    await vi.waitFor(() => expect(sub.got).toEqual(["older transaction", "newer transaction"]));
  });

  test("one read serves every stream: a burst of events and a thousand subscribers", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const hub = newHub();
    await hub.start();
    const mine = Array.from({ length: 1_000 }, () => subscriber(customer.accountId));
    const theirs = subscriber(other.customer.accountId);
    for (const s of [...mine, theirs]) hub.subscribe(s);
    const readsBefore = hub.stats.reads;
    await Promise.all(Array.from({ length: 20 }, (_, i) => comment(customer.accountId, String(i))));
    await vi.waitFor(() => expect(mine.every((s) => s.got.length === 20)).toBe(true), { timeout: 10_000 });
    expect(new Set(mine.map((s) => s.got.join(","))).size).toBe(1);
    expect(theirs.got).toEqual([]);
    // Coalesced: far fewer reads than events × streams.
    expect(hub.stats.reads - readsBefore).toBeLessThanOrEqual(20);
  });
});

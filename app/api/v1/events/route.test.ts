import { asc, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, test, vi } from "vitest";

// Heartbeats every 100 ms here (20 s in production); set before lib/env is read.
vi.hoisted(() => {
  process.env.EVENTS_HEARTBEAT_SECONDS = "0.1";
});
vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { callbackDeliveries, events, users } from "@/db/schema";
import { processEventHub } from "@/lib/api/event-stream";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { invalidStreamCredentials } from "@/lib/auth/stream-credentials";
import { hintPages } from "@/lib/events/page-hints";
import { recordEvent } from "@/lib/events/record";
import { EVENT_TYPES } from "@/lib/events/types";
import { metrics } from "@/lib/observability/metrics";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { GET as live } from "@/app/api/live/route";
import { call, callJson, keyFor } from "@/test/api/client";
import { createRequest, createSupport, createTenant } from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { SseReader } from "@/test/sse";

// GET /api/v1/events (and the pages' GET /api/live) through the real route handlers, the
// process's real event hub with its LISTEN connection, and real PostgreSQL.

const open: SseReader[] = [];

async function stream(options: Parameters<typeof call>[2] = {}): Promise<SseReader> {
  const response = await call("GET", "/events", options);
  expect(response.status, await peekProblem(response)).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  expect(response.headers.get("cache-control")).toContain("no-transform");
  const reader = new SseReader(response.body!);
  open.push(reader);
  // The stream is subscribed before the response is returned; the first frame is the retry hint.
  await reader.next((f) => f.retry !== undefined);
  return reader;
}

async function peekProblem(response: Response): Promise<string> {
  return response.status === 200 ? "" : await response.clone().text();
}

async function eventsOf(requestId: string) {
  return getDb().select().from(events).where(eq(events.portingRequestId, requestId)).orderBy(asc(events.id));
}

async function comment(accountId: string, portingRequestId: string | null, text: string) {
  return getDb().transaction((tx) => recordEvent(tx, { accountId, portingRequestId, type: EVENT_TYPES.commentAdded, body: { text } }));
}

afterEach(async () => {
  for (const reader of open.splice(0)) await reader.cancel();
  signOutAll();
});

afterAll(async () => {
  await processEventHub().stop();
});

describe("GET /api/v1/events", () => {
  test("a status change arrives once, with the callback's webhook-id, its type and the GET JSON", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const key = await keyFor(customer);
    const request = await createRequest(customer, { callbackUrl: "http://127.0.0.1:9/hook" });
    const reader = await stream({ key });

    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Looks good" });
    const frame = await reader.next((f) => f.event === EVENT_TYPES.statusChanged);

    const [, changed] = await eventsOf(request.id);
    const [delivery] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.messageId, changed!.messageId));
    expect(frame.id).toBe(changed!.messageId);
    expect(frame.data).toBe(delivery!.body);
    const get = await callJson("GET", `/porting-requests/${request.id}`, { key });
    expect(JSON.parse(frame.data!)).toEqual(get.body);
    // Created before the stream opened: not sent without Last-Event-ID; the change only once.
    expect(reader.events.map((f) => f.event)).toEqual([EVENT_TYPES.statusChanged]);
  });

  test("a customer never gets another account's events; support gets every account's", async () => {
    const a = await createTenant("NL");
    const b = await createTenant("DE");
    const support = await createSupport();
    const readerA = await stream({ key: await keyFor(a.customer) });
    const readerB = await stream({ key: await keyFor(b.customer) });
    const readerSupport = await stream({ key: await keyFor(support) });

    const first = await comment(b.customer.accountId, null, "for B");
    const second = await comment(a.customer.accountId, null, "for A");
    const third = await comment(b.customer.accountId, null, "for B again");

    await readerA.next((f) => f.id === second.messageId);
    await readerB.next((f) => f.id === third.messageId);
    await readerSupport.next((f) => f.id === third.messageId);
    expect(readerA.events.map((f) => f.id)).toEqual([second.messageId]);
    expect(readerB.events.map((f) => f.id)).toEqual([first.messageId, third.messageId]);
    expect(readerSupport.events.map((f) => f.id)).toEqual([first.messageId, second.messageId, third.messageId]);
  });

  test("Last-Event-ID resumes after that event, from the header or the query, then goes on live", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const sent: { messageId: string }[] = [];
    for (const text of ["one", "two", "three"]) sent.push(await comment(customer.accountId, null, text));

    const byHeader = await stream({ key, headers: { "last-event-id": sent[0]!.messageId } });
    await byHeader.next((f) => f.id === sent[2]!.messageId);
    const byQuery = await stream({ key, query: { lastEventId: sent[1]!.messageId } });
    await byQuery.next((f) => f.id === sent[2]!.messageId);

    const four = await comment(customer.accountId, null, "four");
    await byHeader.next((f) => f.id === four.messageId);
    await byQuery.next((f) => f.id === four.messageId);
    expect(byHeader.events.map((f) => JSON.parse(f.data!).text)).toEqual(["two", "three", "four"]);
    expect(byQuery.events.map((f) => JSON.parse(f.data!).text)).toEqual(["three", "four"]);
  });

  test("resuming while events keep coming: none is lost or repeated", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const from = await comment(customer.accountId, null, "0");
    const all: string[] = [];
    // Writers keep committing while the stream reads its backlog and switches to live.
    const writing = (async () => {
      for (let i = 1; i <= 60; i++) all.push((await comment(customer.accountId, null, String(i))).messageId);
    })();
    await new Promise((r) => setTimeout(r, 20));
    const reader = await stream({ key, headers: { "last-event-id": from.messageId } });
    await writing;
    await reader.next((f) => f.id === all.at(-1));
    expect(reader.events.map((f) => f.id)).toEqual(all);
  });

  test("an unknown, pruned or foreign Last-Event-ID is a 410 that says what to do", async () => {
    const a = await createTenant("NL");
    const b = await createTenant("NL");
    const foreign = await comment(b.customer.accountId, null, "B's");
    const key = await keyFor(a.customer);
    for (const id of ["msg_doesnotexist", foreign.messageId]) {
      const { status, body, headers } = await callJson("GET", "/events", { key, headers: { "last-event-id": id } });
      expect(status).toBe(410);
      expect(headers.get("content-type")).toBe("application/problem+json");
      expect(body).toMatchObject({ status: 410 });
      expect(String(body.detail)).toContain(JSON.stringify(id));
      expect(String(body.detail)).toContain("reconnect without Last-Event-ID");
    }
    // Support may resume from any account's event.
    const supportReader = await stream({ key: await keyFor(await createSupport()), headers: { "last-event-id": foreign.messageId } });
    const after = await comment(b.customer.accountId, null, "later");
    await supportReader.next((f) => f.id === after.messageId);
  });

  test("heartbeats keep an idle stream busy", async () => {
    const { customer } = await createTenant("NL");
    const reader = await stream({ key: await keyFor(customer) });
    await reader.next((f) => f.comment === "heartbeat", 3_000);
    expect(reader.events).toEqual([]);
  });

  test("no key and no session is a 401; a session reads its own account's events", async () => {
    expect((await callJson("GET", "/events")).status).toBe(401);
    const { customer } = await createTenant("NL");
    signInAs(customer);
    const reader = await stream({});
    const mine = await comment(customer.accountId, null, "mine");
    await reader.next((f) => f.id === mine.messageId);
  });

  test("a stream that the client leaves is removed from the hub", async () => {
    const { customer } = await createTenant("NL");
    const hub = processEventHub();
    const before = hub.size;
    const reader = await stream({ key: await keyFor(customer) });
    expect(hub.size).toBe(before + 1);
    // GET /api/metrics reports them.
    const gauge = async (name: string) => Number(/ (\d+)$/m.exec(await metrics().registry.getSingleMetricAsString(name))?.[1]);
    expect(await gauge("voice_porting_event_streams")).toBe(before + 1);
    expect(await gauge("voice_porting_event_listener_connected")).toBe(1);
    await reader.cancel();
    await vi.waitFor(() => expect(hub.size).toBe(before));
  });
});

describe("GET /api/live (the pages' stream)", () => {
  test("a signed-in page gets the events and the delivery hints; an API key is refused", async () => {
    const { customer } = await createTenant("NL");
    const refused = await live(new Request("http://localhost/api/live", { headers: { authorization: `Bearer ${await keyFor(customer)}` } }), { params: Promise.resolve({}) });
    expect(refused.status).toBe(403);

    signInAs(customer);
    const response = await live(new Request("http://localhost/api/live"), { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    const reader = new SseReader(response.body!);
    open.push(reader);
    await reader.next((f) => f.retry !== undefined);
    const request = await createRequest(customer);
    // Slim: which request changed (the page refetches it), never the whole body.
    const created = await reader.next((f) => f.event === EVENT_TYPES.created);
    expect(JSON.parse(created.data!)).toEqual({ portingRequestId: request.id });
    const [event] = await eventsOf(request.id);
    expect(created.id).toBe(event!.messageId);
    // What the worker sends after it records a delivery attempt.
    await getDb().execute(sql`select pg_notify('voice_porting_deliveries', ${`${customer.accountId}:${request.id}`})`);
    const hint = await reader.next((f) => f.event === "delivery");
    expect(hint.id).toBeUndefined();
    expect(JSON.parse(hint.data!)).toEqual({ portingRequestId: request.id });
  });

  test("an internal note is hinted to support's pages only, never to the account's", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const page = async (actor: Parameters<typeof signInAs>[0]) => {
      signInAs(actor);
      const reader = new SseReader((await live(new Request("http://localhost/api/live"), { params: Promise.resolve({}) })).body!);
      open.push(reader);
      await reader.next((f) => f.retry !== undefined);
      return reader;
    };
    const customerPage = await page(customer);
    const supportPage = await page(await createSupport());
    await getDb().transaction((tx) => hintPages(tx, { accountId: customer.accountId, portingRequestId: request.id, kind: "internal_note" }));
    await getDb().transaction((tx) => hintPages(tx, { accountId: customer.accountId, portingRequestId: request.id, kind: "delivery" }));
    const note = await supportPage.next((f) => f.event === "internal_note");
    expect(JSON.parse(note.data!)).toEqual({ portingRequestId: request.id });
    // The delivery hint came after the note on the same connection: the customer's page had its chance.
    await customerPage.next((f) => f.event === "delivery");
    expect(customerPage.all.some((f) => f.event === "internal_note")).toBe(false);
  });
});

describe("credentials are checked again while a stream is open", () => {
  test("a revoked key, a disabled user or a bumped session version no longer holds", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const key = await keyFor(customer);
    const [keyRow] = await getDb().execute<{ id: string }>(sql`select id from api_keys where user_id = ${customer.userId}`);
    const byKey = { userId: customer.userId, sessionVersion: null, apiKeyId: keyRow!.id, accountId: customer.accountId };
    const bySession = { userId: customer.userId, sessionVersion: 1, apiKeyId: null, accountId: customer.accountId };
    const wrongAccount = { userId: customer.userId, sessionVersion: 1, apiKeyId: null, accountId: other.customer.accountId };
    const untouched = { userId: other.customer.userId, sessionVersion: 1, apiKeyId: null, accountId: other.customer.accountId };
    expect(await invalidStreamCredentials([byKey, bySession, wrongAccount, untouched])).toEqual(new Set([wrongAccount]));

    await revokeApiKey(customer, { id: keyRow!.id });
    expect(await invalidStreamCredentials([byKey, bySession, untouched])).toEqual(new Set([byKey]));
    await getDb().update(users).set({ sessionVersion: 2 }).where(eq(users.id, customer.userId));
    expect(await invalidStreamCredentials([bySession, untouched])).toEqual(new Set([bySession]));
    expect(key).toMatch(/^vp_/);
  });
});

import { asc, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { getDb, type Db } from "@/db";
import { accounts, callbackAttempts, callbackDeliveries, emailMessages, portingRequests } from "@/db/schema";
import { performPortingRequest } from "@/lib/porting/perform-porting-request";
import { todayInAmsterdam, transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { callJson, keyFor } from "@/test/api/client";
import { createRequest, createSupport, createTenant } from "@/test/factories";
import { startMailCatcher } from "@/test/mail-catcher";
import { TEST_SCHEDULE, until, workerPool } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { CALLBACK_SCHEDULE, maxAttempts, minimumSpanMs } from "./schedule";

// The real GET route handler is called with an API key; only the session lookup it never reaches is replaced.
vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

// Callbacks against a real HTTP server on 127.0.0.1 (ALLOW_INSECURE_CALLBACKS=true in tests),
// delivered by the real worker on a retry schedule of milliseconds.

let receiver: WebhookReceiver;
const workers = workerPool();
const started = workers.start;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await workers.stopAll();
  receiver.received.length = 0;
  receiver.script([], { status: 204 });
});

afterAll(async () => {
  await receiver?.close();
});

/** What the receiver got for one request (a test's leftovers never count for the next). */
function receivedFor(requestId: string, from: WebhookReceiver = receiver) {
  return from.received.filter((r) => (JSON.parse(r.body) as { id?: string }).id === requestId);
}

async function deliveriesOf(requestId: string) {
  return getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, requestId)).orderBy(asc(callbackDeliveries.createdAt));
}

async function attemptsOf(deliveryId: string) {
  return getDb().select().from(callbackAttempts).where(eq(callbackAttempts.deliveryId, deliveryId)).orderBy(asc(callbackAttempts.attempt));
}

async function secretOf(accountId: string) {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, accountId));
  return account!.signingSecret;
}

function inDays(days: number): string {
  const d = new Date(`${todayInAmsterdam()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe("the retry schedule", () => {
  test("at least 8 attempts over at least 24 hours, even with the jitter against it", () => {
    expect(maxAttempts(CALLBACK_SCHEDULE)).toBeGreaterThanOrEqual(8);
    expect(minimumSpanMs(CALLBACK_SCHEDULE)).toBeGreaterThanOrEqual(24 * 3_600_000);
    // Exponential-ish: every wait at least as long as the one before.
    CALLBACK_SCHEDULE.delaysMs.forEach((d, i) => expect(d).toBeGreaterThanOrEqual(CALLBACK_SCHEDULE.delaysMs[i - 1] ?? 0));
  });
});

describe("callbacks", () => {
  test("every change is POSTed, signed per Standard Webhooks, with exactly the GET JSON after it", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const key = await keyFor(customer);
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    const getJson = async () => {
      const response = await callJson("GET", `/porting-requests/${request.id}`, { key });
      expect(response.status).toBe(200);
      return JSON.stringify(response.body);
    };
    // The GET body right after each change, by version.
    const expected = new Map<number, string>();
    const snap = async () => {
      const text = await getJson();
      expected.set((JSON.parse(text) as { version: number }).version, text);
    };
    await snap();
    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Checked" });
    await snap();
    await transitionPortingRequest(support, { id: request.id, action: "delay", reason: "Later", firstPossiblePortingDate: inDays(14) });
    await snap();
    await transitionPortingRequest(support, { id: request.id, action: "mark_ready", reason: "Ready" });
    await snap();
    await performPortingRequest(customer, request.id);
    await snap();

    await started();
    await until(() => receivedFor(request.id).length >= 5, 10_000, "five callbacks");
    const received = receivedFor(request.id);
    expect(received).toHaveLength(5);

    const webhook = new Webhook(await secretOf(customer.accountId));
    const ids = new Set<string>();
    for (const callback of received) {
      // Throws unless the signature and timestamp are valid.
      expect(() => webhook.verify(callback.body, callback.headers as Record<string, string>)).not.toThrow();
      expect(callback.headers["content-type"]).toBe("application/json");
      expect(callback.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]{20,}$/);
      ids.add(String(callback.headers["webhook-id"]));
      const { version, status } = JSON.parse(callback.body) as { version: number; status: string };
      // Byte for byte what Get Porting Request answered right after that change.
      expect(callback.body).toBe(expected.get(version));
      expect(callback.headers["webhook-event-type"]).toBe(status === "requested" ? "porting_request.created" : "porting_request.status_changed");
    }
    expect(ids.size).toBe(5);
    // The customer's view: what they may do, not what support may.
    const ready = received.map((c) => JSON.parse(c.body) as { status: string; allowedActions: string[] }).find((b) => b.status === "ready_to_be_ported");
    expect(ready?.allowedActions).toEqual(["perform", "cancel"]);
    // A wrong secret does not verify.
    expect(() => new Webhook("whsec_" + Buffer.alloc(24, 1).toString("base64")).verify(received[0]!.body, received[0]!.headers as Record<string, string>)).toThrow();
  });

  test("500 three times, then 200: delivered once, every attempt recorded with the same webhook-id", async () => {
    const { customer } = await createTenant("NL");
    receiver.script([{ status: 500, body: "database down" }, { status: 500 }, { status: 503 }], { status: 200 });
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    await started();
    const [delivery] = await until(async () => {
      const rows = await deliveriesOf(request.id);
      return rows[0]?.state === "delivered" ? rows : null;
    });
    expect(receivedFor(request.id)).toHaveLength(4);
    expect(new Set(receivedFor(request.id).map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery!.messageId]));
    expect(delivery).toMatchObject({ state: "delivered", attempts: 4, lastStatusCode: 200, lastError: null });
    expect(delivery!.deliveredAt).toBeInstanceOf(Date);

    const attempts = await attemptsOf(delivery!.id);
    expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
      [1, 500],
      [2, 500],
      [3, 503],
      [4, 200],
    ]);
    expect(attempts[0]!.error).toBe("HTTP 500 Internal Server Error: database down");
    expect(attempts.slice(0, 3).every((a) => a.nextAttemptAt instanceof Date)).toBe(true);
    expect(attempts[3]).toMatchObject({ error: null, nextAttemptAt: null });
    for (const a of attempts) expect(a.durationMs).toBeGreaterThanOrEqual(0);
  });

  test("receiver down, then up: the connection errors are recorded and the callback arrives", async () => {
    const { customer } = await createTenant("NL");
    const down = await startWebhookReceiver();
    const { port, url } = down;
    await down.close();
    const request = await createRequest(customer, { callbackUrl: url });
    // Long enough waits that the receiver is certainly back before the attempts run out.
    await started({ callbackSchedule: { delaysMs: [60, 120, 240, 480, 960, 1_920, 3_840, 7_680, 7_680], jitter: 0 } });
    await until(async () => ((await deliveriesOf(request.id))[0]?.attempts ?? 0) >= 2, 10_000, "two failed attempts");
    const back = await startWebhookReceiver(port);
    try {
      const [delivery] = await until(async () => {
        const rows = await deliveriesOf(request.id);
        return rows[0]?.state === "delivered" ? rows : null;
      }, 20_000);
      expect(back.received).toHaveLength(1);
      const attempts = await attemptsOf(delivery!.id);
      expect(attempts.at(-1)?.statusCode).toBe(204);
      expect(attempts.slice(0, -1).every((a) => a.statusCode === null && /Connection refused/.test(a.error ?? ""))).toBe(true);
    } finally {
      await back.close();
    }
  });

  test("410 Gone stops the retries at once", async () => {
    const { customer } = await createTenant("NL");
    receiver.script([{ status: 410 }], { status: 200 });
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    const worker = await started();
    const [delivery] = await until(async () => {
      const rows = await deliveriesOf(request.id);
      return rows[0]?.state === "failed" ? rows : null;
    });
    await worker.drain();
    expect(receivedFor(request.id)).toHaveLength(1);
    expect(delivery).toMatchObject({ attempts: 1, lastStatusCode: 410 });
    expect(delivery!.lastError).toMatch(/410 Gone: no more attempts/);
    expect((await attemptsOf(delivery!.id))[0]).toMatchObject({ statusCode: 410, nextAttemptAt: null });
  });

  test("a redirect is not followed and counts as a failure, until the attempts run out", async () => {
    const { customer } = await createTenant("NL");
    const elsewhere = await startWebhookReceiver();
    try {
      receiver.script([], { status: 302, headers: { location: elsewhere.url } });
      const request = await createRequest(customer, { callbackUrl: receiver.url });
      await started();
      const [delivery] = await until(async () => {
        const rows = await deliveriesOf(request.id);
        return rows[0]?.state === "failed" ? rows : null;
      });
      expect(elsewhere.received).toHaveLength(0);
      expect(receivedFor(request.id)).toHaveLength(maxAttempts(TEST_SCHEDULE));
      expect(delivery).toMatchObject({ attempts: maxAttempts(TEST_SCHEDULE), lastStatusCode: 302 });
      expect(delivery!.lastError).toMatch(/redirects are not followed \(to http:\/\/127\.0\.0\.1:\d+\/hooks\/porting\)/);
      const attempts = await attemptsOf(delivery!.id);
      expect(attempts).toHaveLength(maxAttempts(TEST_SCHEDULE));
      expect(attempts.every((a) => a.statusCode === 302)).toBe(true);
      // The last attempt schedules nothing: the delivery has failed for good.
      expect(attempts.at(-1)?.nextAttemptAt).toBeNull();
      expect(attempts.at(-2)?.nextAttemptAt).toBeInstanceOf(Date);
    } finally {
      await elsewhere.close();
    }
  });

  test("no answer within the timeout is a failed attempt", async () => {
    const { customer } = await createTenant("NL");
    receiver.script([{ hang: true }], { status: 200 });
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    await started({ callbackTimeoutMs: 300 });
    const [delivery] = await until(async () => {
      const rows = await deliveriesOf(request.id);
      return rows[0]?.state === "delivered" ? rows : null;
    });
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts[0]).toMatchObject({ statusCode: null, error: "No answer within 300 ms." });
    expect(attempts[0]!.durationMs).toBeGreaterThanOrEqual(290);
    expect(attempts[1]?.statusCode).toBe(200);
  });

  test("a rolled-back change sends nothing", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const mail = await startMailCatcher();
    try {
      const request = await createRequest(customer, { callbackUrl: receiver.url });
      const worker = await started({ smtpUrl: mail.url });
      // Only this test's emails count: earlier tests' emails, left by workers without SMTP, are sent now too.
      const mailFor = (reference: string) => mail.messages.filter((m) => m.subject.startsWith(`${reference}:`));
      await until(() => receivedFor(request.id).length === 1 && mailFor(request.reference).length === 1, 10_000, "the creation's callback and email");

      // The real verb, in a transaction that fails after it has done everything (enqueue included).
      const failingDb = {
        transaction: (fn: (tx: unknown) => Promise<unknown>) =>
          getDb().transaction(async (tx) => {
            await fn(tx);
            throw new Error("rolled back after the verb");
          }),
      } as unknown as Db;
      await expect(transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Never happened" }, failingDb)).rejects.toThrow(
        "rolled back after the verb",
      );
      // A change that commits, to show the worker was alive and delivering all along.
      const other = await createRequest(customer, { callbackUrl: receiver.url });
      await until(() => receivedFor(other.id).length === 1 && mailFor(other.reference).length === 1, 10_000, "the second creation");
      await worker.drain();

      expect(receivedFor(request.id).map((r) => (JSON.parse(r.body) as { status: string }).status)).toEqual(["requested"]);
      expect(mail.messages.some((m) => m.subject.includes("Never happened"))).toBe(false);
      expect(mailFor(request.reference)).toHaveLength(1);
      const rows = await getDb().select({ n: sql<number>`count(*)::int` }).from(emailMessages).where(eq(emailMessages.portingRequestId, request.id));
      expect(rows[0]?.n).toBe(1);
      expect(await deliveriesOf(request.id)).toHaveLength(1);
    } finally {
      await mail.close();
    }
  });

  test("two workers at once never deliver one callback twice", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    // Many due deliveries at once (the rows are the queue; inserting them directly is enqueueing).
    const [first] = await deliveriesOf(request.id);
    const extra = Array.from({ length: 60 }, (_, i) => ({
      messageId: `msg_race_${i}_${Date.now()}`,
      portingRequestId: request.id,
      accountId: customer.accountId,
      eventId: first!.eventId,
      eventType: first!.eventType,
      url: receiver.url,
      body: first!.body,
    }));
    await getDb().insert(callbackDeliveries).values(extra);
    await Promise.all([started({ concurrency: 5 }), started({ concurrency: 5 }), started({ concurrency: 5 })]);
    await until(async () => {
      const rows = await deliveriesOf(request.id);
      return rows.every((r) => r.state === "delivered") ? rows : null;
    }, 20_000);
    const ids = receivedFor(request.id).map((r) => String(r.headers["webhook-id"]));
    expect(ids).toHaveLength(61);
    expect(new Set(ids).size).toBe(61);
    const [counts] = await getDb()
      .select({ attempts: sql<number>`count(*)::int`, multi: sql<number>`count(*) filter (where ${callbackDeliveries.attempts} <> 1)::int` })
      .from(callbackDeliveries)
      .where(eq(callbackDeliveries.portingRequestId, request.id));
    expect(counts).toEqual({ attempts: 61, multi: 0 });
  });

  test("every delivery resolves the host again, refuses internal answers, and connects to the address it checked", async () => {
    const { customer } = await createTenant("NL");
    // A public-looking name (reserved ones such as .test are refused as undeliverable). It is put
    // on the rows directly, so that only the worker's injected resolver ever answers for it.
    const host = "hooks.rebinding-check.net";
    const url = `http://${host}:${receiver.port}/hooks/porting`;
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    await getDb().update(portingRequests).set({ callbackUrl: url }).where(eq(portingRequests.id, request.id));
    await getDb().update(callbackDeliveries).set({ url }).where(eq(callbackDeliveries.portingRequestId, request.id));

    // First the name answers with a private address: nothing is sent, the attempt says why.
    let answer = ["10.0.0.7"];
    await started({ urlGuard: { resolve: async (h) => (h === host ? answer : []), resolveTimeoutMs: 200 } });
    const [refused] = await until(async () => {
      const rows = await deliveriesOf(request.id);
      return (rows[0]?.attempts ?? 0) >= 1 && rows[0]?.lastError ? rows : null;
    });
    expect(refused!.lastError).toMatch(/hooks\.rebinding-check\.net resolves to 10\.0\.0\.7, which is in a private network/);
    expect(receivedFor(request.id)).toHaveLength(0);

    // Then with loopback (allowed in tests): the system resolver knows nothing of this name, so
    // the callback can only arrive because the connection used the checked address.
    answer = ["127.0.0.1"];
    await until(async () => (await deliveriesOf(request.id))[0]?.state === "delivered");
    expect(receivedFor(request.id)).toHaveLength(1);
    expect(receivedFor(request.id)[0]!.headers.host).toBe(`${host}:${receiver.port}`);
  });

  test("the account's signing secret is read at delivery: a rotation signs with both secrets for a day", async () => {
    const { customer } = await createTenant("NL");
    const oldSecret = await secretOf(customer.accountId);
    const newSecret = "whsec_" + Buffer.alloc(24, 7).toString("base64");
    await getDb()
      .update(accounts)
      .set({ signingSecret: newSecret, previousSigningSecret: oldSecret, previousSigningSecretExpiresAt: sql`now() + interval '1 day'` })
      .where(eq(accounts.id, customer.accountId));
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    await started();
    const [callback] = await until(() => (receivedFor(request.id).length === 1 ? receivedFor(request.id) : null));
    expect(String(callback!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    for (const secret of [newSecret, oldSecret]) {
      expect(() => new Webhook(secret).verify(callback!.body, callback!.headers as Record<string, string>)).not.toThrow();
    }
  });
});

import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "@/db/embedded";
import { getDb } from "@/db";
import { callbackDeliveries, emailMessages, users } from "@/db/schema";
import { env } from "@/lib/env";
import { hashPassword } from "@/lib/auth/password";
import { keyFor } from "@/test/api/client";
import { createCompanyProfile, createRequest, createSupport, createTenant } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { until } from "@/test/notifications";
import { SseReader } from "@/test/sse";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { authSecret, builtApp, signIn, startInstance, startWorker, type Proc } from "./app";

// More than one instance (issue 13 item 5): two `next start` instances of the production build and
// two `npm run worker` processes against ONE PostgreSQL (this file's database), as behind a load
// balancer with no sticky sessions. Proven here: a session signed in on one instance is valid on
// the other (and ends on both); the API rate limit is one count across instances; a change made
// through one instance reaches event streams (an integrator's and a page's) on the other within
// 1 s; and with two workers racing, every callback and every email is delivered exactly once.
//
// The build is the one `npm run build` makes (made here first when the sources changed, so CI
// builds once); SCALE_OUT_APP_DIR points at a clean clone built elsewhere instead.

const RATE_LIMIT = 12;
const METRICS_TOKEN = "scale-out-metrics-token";
const PASSWORD = "scale-out-password";
let processes: Proc[] = [];
let a: string;
let b: string;
let receiver: WebhookReceiver;
let mail: MailCatcher;

beforeAll(async () => {
  const app = builtApp();
  receiver = await startWebhookReceiver();
  mail = await startMailCatcher();
  const shared = {
    DATABASE_URL: env.DATABASE_URL!,
    AUTH_SECRET: authSecret(),
    API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
    ALLOW_INSECURE_CALLBACKS: "true",
    EVENTS_HEARTBEAT_SECONDS: "1",
    METRICS_TOKEN,
    LOG_LEVEL: "warn",
    DEMO_DATA: "",
  };
  const [portA, portB] = [await freePort(), await freePort()];
  processes = await Promise.all([startInstance(app, "instance A", portA, shared), startInstance(app, "instance B", portB, shared)]);
  a = `http://127.0.0.1:${portA}`;
  b = `http://127.0.0.1:${portB}`;
  const workerEnv = { DATABASE_URL: env.DATABASE_URL!, SMTP_URL: mail.url, ALLOW_INSECURE_CALLBACKS: "true", LOG_LEVEL: "warn" };
  processes.push(startWorker("worker 1", workerEnv), startWorker("worker 2", workerEnv));
}, 600_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await receiver?.close();
  await mail?.close();
}, 60_000);

/** The processes' output, for a failure message. */
const logs = () => processes.map((p) => `--- ${p.name}\n${p.output().slice(-3_000)}`).join("\n");

async function customerWithPassword() {
  const { account, customer } = await createTenant("NL");
  await getDb().update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, customer.userId));
  return { account, customer };
}

async function openStream(url: string, headers: Record<string, string>): Promise<SseReader> {
  const response = await fetch(url, { headers });
  expect(response.status, `${url}: ${response.status === 200 ? "" : await response.text()}\n${logs()}`).toBe(200);
  const reader = new SseReader(response.body!);
  await reader.next((f) => f.retry !== undefined);
  return reader;
}

/** Makes the change through `base`; returns when its answer came (it is committed by then). */
async function transition(base: string, key: string, id: string): Promise<number> {
  const response = await fetch(`${base}/api/v1/porting-requests/${id}/transitions`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ to: "in_progress", reason: "Accepted through one instance" }),
  });
  const committed = performance.now();
  expect(response.status, await response.clone().text()).toBe(200);
  return committed;
}

describe("two app instances and two workers on one database", () => {
  test("a session from one instance is valid on the other, and ends on both", async () => {
    const { customer } = await customerWithPassword();
    const cookie = await signIn(a, customer.email, PASSWORD);
    for (const base of [a, b]) {
      const response = await fetch(`${base}/api/v1/porting-requests`, { headers: { cookie } });
      expect(response.status, base).toBe(200);
    }
    // "Sign out everywhere" bumps the user's session version: refused on both at the next request.
    await getDb().update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, customer.userId));
    for (const base of [a, b]) expect((await fetch(`${base}/api/v1/porting-requests`, { headers: { cookie } })).status, base).toBe(401);
  });

  test("the rate limit is one count across instances", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const remaining: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) {
      const response = await fetch(`${i % 2 === 0 ? a : b}/api/v1/porting-requests/statuses`, { headers: { authorization: `Bearer ${key}` } });
      expect(response.status).toBe(200);
      remaining.push(Number(response.headers.get("ratelimit-remaining")));
    }
    expect(remaining).toEqual(Array.from({ length: RATE_LIMIT }, (_, i) => RATE_LIMIT - 1 - i));
    for (const base of [a, b]) {
      const refused = await fetch(`${base}/api/v1/porting-requests/statuses`, { headers: { authorization: `Bearer ${key}` } });
      expect(refused.status, base).toBe(429);
    }
  });

  test("a change made through one instance reaches streams on the other within 1 s", async () => {
    const { customer } = await customerWithPassword();
    const customerKey = await keyFor(customer);
    const supportKey = await keyFor(await createSupport());
    const cookie = await signIn(b, customer.email, PASSWORD);
    const requests = [await createRequest(customer), await createRequest(customer)];

    // B holds an integrator's stream and a page's; A the same, for the change made through B.
    const onB = [await openStream(`${b}/api/v1/events`, { authorization: `Bearer ${customerKey}` }), await openStream(`${b}/api/live`, { cookie })];
    const onA = [await openStream(`${a}/api/v1/events`, { authorization: `Bearer ${customerKey}` }), await openStream(`${a}/api/live`, { cookie })];
    try {
      for (const [through, readers, request] of [
        [a, onB, requests[0]!],
        [b, onA, requests[1]!],
      ] as const) {
        // From the commit: the change's own request is not the push (it can take seconds on a machine the whole team loads).
        const committed = await transition(through, supportKey, request.id);
        for (const reader of readers) {
          // The integrator's stream carries the request, the page's which request changed.
          const about = (data: string) => ((d: { id?: string; portingRequestId?: string }) => d.portingRequestId ?? d.id)(JSON.parse(data));
          const frame = await reader.next((f) => f.event === "porting_request.status_changed" && about(f.data!) === request.id, 5_000);
          // At or before the answer reads as 0: the stream can be told before the client is.
          expect(Math.max(0, frame.at! - committed), `from ${through === a ? "A" : "B"} to a stream on the other`).toBeLessThan(1_000);
        }
      }
      // One LISTEN connection per instance, however many streams (and route bundles) it serves.
      const listeners = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where application_name like 'voice-porting events%'`);
      expect(listeners[0]!.n).toBe(2);
      // Heartbeats flow on both (1 s here).
      await onA[0]!.next((f) => f.comment === "heartbeat", 3_000);
      await onB[1]!.next((f) => f.comment === "heartbeat", 3_000);
    } finally {
      for (const reader of [...onA, ...onB]) await reader.cancel();
    }
    // Clients gone: each instance lets go of their streams (no leak), as GET /api/metrics counts them.
    const open = async (base: string) => {
      const text = await (await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
      return Number(/^voice_porting_event_streams (\d+)$/m.exec(text)?.[1]);
    };
    await until(async () => (await open(a)) === 0 && (await open(b)) === 0, 10_000, "the instances to close the streams");
  });

  test("with two workers racing, every callback and every email is delivered exactly once", async () => {
    const { customer } = await createTenant("NL");
    const supportKey = await keyFor(await createSupport());
    const profile = await createCompanyProfile(customer.accountId, "NL", { notificationEmails: ["ops@scale-out.test"] });
    const requests = [];
    for (let i = 0; i < 8; i++) requests.push(await createRequest(customer, { companyProfileId: profile.id, callbackUrl: receiver.url }));
    // Half the changes through each instance.
    await Promise.all(requests.map((r, i) => transition(i % 2 === 0 ? a : b, supportKey, r.id)));

    const ids = requests.map((r) => r.id);
    const deliveries = await getDb().select().from(callbackDeliveries).where(inArray(callbackDeliveries.portingRequestId, ids));
    const emails = await getDb().select().from(emailMessages).where(inArray(emailMessages.portingRequestId, ids));
    expect(deliveries).toHaveLength(ids.length * 2); // created + accepted
    expect(emails).toHaveLength(ids.length * 2);
    const messageIds = new Set(deliveries.map((d) => d.messageId));

    const received = () => receiver.received.filter((r) => messageIds.has(String(r.headers["webhook-id"])));
    const mailed = () => mail.messages.filter((m) => m.to.includes("ops@scale-out.test"));
    await until(() => received().length >= deliveries.length && mailed().length >= emails.length, 30_000, `every delivery\n${logs()}`);
    // Both workers poll every 2 s: give a duplicate every chance to show.
    await new Promise((r) => setTimeout(r, 3_000));

    const count = (values: string[]) => [...new Set(values)].map((v) => values.filter((x) => x === v).length);
    expect(count(received().map((r) => String(r.headers["webhook-id"])))).toEqual(deliveries.map(() => 1));
    expect(new Set(received().map((r) => String(r.headers["webhook-id"])))).toEqual(messageIds);
    expect(count(mailed().map((m) => m.messageId))).toEqual(emails.map(() => 1));
    const settled = await getDb().select().from(callbackDeliveries).where(inArray(callbackDeliveries.portingRequestId, ids));
    expect(settled.every((d) => d.state === "delivered" && d.attempts === 1)).toBe(true);
  });
});

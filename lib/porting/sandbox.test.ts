import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { accounts, apiKeys, emailMessages, events, portingRequestNumbers, portingRequests } from "@/db/schema";
import { env } from "@/lib/env";
import { createApiKey, createApiKeyForActor } from "@/lib/auth/api-keys";
import { API_KEY_PATTERN } from "@/lib/auth/api-key-tokens";
import type { CustomerActor } from "@/lib/auth/actor";
import { ValidationError } from "@/lib/errors";
import { listSupportQueue } from "@/lib/support/queue";
import { call, callJson, keyFor } from "@/test/api/client";
import { countMismatches, countRows, createCompanyProfile, createRequest, createSupport, createTenant, nextNumber, uploadLetterOfAuthorisation } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { until, workerPool } from "@/test/notifications";
import { signInAs, signOutAll } from "@/test/session";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { SANDBOX_ACTOR_NAME, SANDBOX_DELAY_DAYS, SANDBOX_SCENARIOS } from "./sandbox";
import { runSandboxRound } from "./sandbox-provider";
import { SandboxWorker } from "./sandbox-worker";
import { statusCounts } from "./queries";

// The sandbox (issue 15 item 5) end to end on real parts: requests made through the real route
// handlers with a test key, moved by two real SandboxWorkers (one step a second, the real clock),
// their callbacks POSTed by the real notification worker to a real HTTP receiver and checked
// against the account's signing secret, their emails sent over SMTP to a real receiver; and the
// walls: a live key, a session's lists and support never see a sandbox request, and a sandbox
// request never holds or ports a number.

type Json = Record<string, unknown> & { id: string; status: string; sandbox: boolean; history: { to: string; actor: { name: string } }[] };

const STEP_SECONDS = 1;
let receiver: WebhookReceiver;
let mail: MailCatcher;
const workers = workerPool();
const sandboxWorkers: SandboxWorker[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  mail = await startMailCatcher();
  await workers.start({ smtpUrl: mail.url, mailFrom: "Voice Porting <porting@voice.test>" });
  // Two at once, as two worker processes would run: each step still happens once.
  for (let i = 0; i < 2; i++) {
    const worker = new SandboxWorker({ databaseUrl: env.DATABASE_URL!, stepSeconds: STEP_SECONDS });
    worker.start();
    sandboxWorkers.push(worker);
  }
});

afterEach(() => signOutAll());

afterAll(async () => {
  await Promise.all(sandboxWorkers.map((w) => w.stop()));
  await workers.stopAll();
  await receiver?.close();
  await mail?.close();
});

async function tenant() {
  const { account, customer } = await createTenant("NL");
  const testKey = (await createApiKey(getDb(), { id: customer.userId, accountId: customer.accountId }, "sandbox", "test")).key;
  const liveKey = await keyFor(customer, "live");
  const nl = await createCompanyProfile(customer.accountId, "NL");
  const de = await createCompanyProfile(customer.accountId, "DE");
  return { account, customer, testKey, liveKey, profiles: { NL: nl.id, DE: de.id } };
}

type Tenant = Awaited<ReturnType<typeof tenant>>;

async function createSandboxRequest(t: Tenant, country: "NL" | "DE", numbers: string[], key = t.testKey) {
  const response = await callJson<Json>("POST", "/porting-requests", {
    key,
    json: {
      country,
      numberType: "geographic",
      companyProfileId: t.profiles[country],
      phoneNumbers: numbers,
      currentProvider: "KPN",
      callbackUrl: receiver.url,
      documents: [await uploadLetterOfAuthorisation(t.customer)],
    },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

/** The callbacks received for one request, each verified against the account's signing secret; their statuses in order. */
async function verifiedCallbackStatuses(accountId: string, requestId: string): Promise<string[]> {
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, accountId));
  const webhook = new Webhook(account!.signingSecret);
  return receiver.received
    .filter((r) => (JSON.parse(r.body) as { id?: string }).id === requestId)
    .map((r) => {
      const verified = webhook.verify(r.body, {
        "webhook-id": String(r.headers["webhook-id"]),
        "webhook-timestamp": String(r.headers["webhook-timestamp"]),
        "webhook-signature": String(r.headers["webhook-signature"]),
      }) as Json;
      expect(verified.sandbox).toBe(true);
      return verified.status;
    });
}

async function waitForStatus(key: string, id: string, status: string, timeoutMs = 15_000): Promise<Json> {
  return until(
    async () => {
      const got = await callJson<Json>("GET", `/porting-requests/${id}`, { key });
      return got.status === 200 && got.body.status === status ? got.body : null;
    },
    timeoutMs,
    `${id} to be ${status}`,
  );
}

async function waitForCallbacks(accountId: string, id: string, statuses: string[]) {
  await until(async () => ((await verifiedCallbackStatuses(accountId, id)).length >= statuses.length ? true : null), 10_000, `callbacks of ${id}`);
  expect(await verifiedCallbackStatuses(accountId, id)).toEqual(statuses);
}

const voiceNumbersFor = (numbers: string[]) => countRows("voice_numbers", sql`number in (${sql.join(numbers.map((n) => sql`${n}`), sql`, `)})`);

describe("test keys", () => {
  test("look like vp_test_…, are listed as test keys, and support cannot have one", async () => {
    const { customer } = await createTenant("NL");
    const created = await createApiKeyForActor(customer, { name: "CI", mode: "test" });
    expect(created.key).toMatch(/^vp_test_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key).toMatch(API_KEY_PATTERN);
    expect(created.mode).toBe("test");
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(row?.mode).toBe("test");
    expect((await createApiKeyForActor(customer, { name: "prod" })).key).toMatch(/^vp_[0-9a-f]{8}_/);

    const support = await createSupport();
    await expect(createApiKeyForActor(support, { name: "support sandbox", mode: "test" })).rejects.toThrow(ValidationError);
    // The database refuses one too, whatever the code above says.
    await expect(
      getDb().insert(apiKeys).values({ userId: support.userId, accountId: null, name: "x", prefix: "vp_test_00000000", hash: "x".repeat(64), mode: "test" }),
    ).rejects.toThrow();
  });
});

describe("the magic numbers, each to its end", () => {
  test("NL +31 20 999 0001: In progress → Ready to be ported, then Perform; signed callbacks and emails for every change; no voice number", async () => {
    const t = await tenant();
    const number = SANDBOX_SCENARIOS[0]!.number;
    const created = await createSandboxRequest(t, "NL", ["+31 20 999 0001"]);
    expect(created.sandbox).toBe(true);
    expect(created.status).toBe("requested");

    const ready = await waitForStatus(t.testKey, created.id, "ready_to_be_ported");
    expect(ready.history.map((h) => h.to)).toEqual(["requested", "in_progress", "ready_to_be_ported"]);
    expect(ready.history.slice(1).every((h) => h.actor.name === SANDBOX_ACTOR_NAME)).toBe(true);
    expect(ready.allowedActions).toEqual(expect.arrayContaining(["perform", "cancel"]));

    const performed = await callJson<Json>("POST", `/porting-requests/${created.id}/perform`, { key: t.testKey, json: {} });
    expect(performed.status, JSON.stringify(performed.body)).toBe(200);
    expect(performed.body.status).toBe("completed");

    await waitForCallbacks(t.account.id, created.id, ["requested", "in_progress", "ready_to_be_ported", "completed"]);
    expect(await voiceNumbersFor([number])).toBe(0);
    // Real emails: one per change, sent over SMTP.
    await until(async () => {
      const sent = await getDb().select().from(emailMessages).where(and(eq(emailMessages.portingRequestId, created.id), eq(emailMessages.state, "delivered")));
      return sent.length === 4 ? sent : null;
    }, 10_000, "four emails");
    const caught = mail.messages.filter((m) => m.text.includes(created.reference as string));
    expect(caught.length).toBeGreaterThanOrEqual(4);
    // Nobody mistakes a sandbox email for a real porting.
    expect(caught.every((m) => m.subject.startsWith("[Sandbox] ") && m.text.includes("This is a sandbox request"))).toBe(true);
  });

  test("NL +31 20 999 0002: In progress → Delayed (first possible date in 14 days) → Ready to be ported", async () => {
    const t = await tenant();
    const created = await createSandboxRequest(t, "NL", ["+31209990002"]);
    const delayed = await waitForStatus(t.testKey, created.id, "delayed");
    const expected = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(new Date(Date.now() + SANDBOX_DELAY_DAYS * 86_400_000));
    expect(delayed.firstPossiblePortingDate).toBe(expected);
    await waitForStatus(t.testKey, created.id, "ready_to_be_ported");
    await waitForCallbacks(t.account.id, created.id, ["requested", "in_progress", "delayed", "ready_to_be_ported"]);
    // Cancel works as usual at Ready to be ported.
    const cancelled = await callJson<Json>("POST", `/porting-requests/${created.id}/cancel`, { key: t.testKey, json: { reason: "Only testing" } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
  });

  test("NL +31 20 999 0003: In progress → Blocked with a reason and a rejection code", async () => {
    const t = await tenant();
    const created = await createSandboxRequest(t, "NL", ["+31209990003"]);
    const blocked = await waitForStatus(t.testKey, created.id, "blocked");
    expect(blocked.statusReason).toMatch(/Sandbox/);
    expect(blocked.rejectionCodes).toEqual([expect.objectContaining({ code: "number_not_with_provider", numbers: ["+31209990003"] })]);
    await waitForCallbacks(t.account.id, created.id, ["requested", "in_progress", "blocked"]);
  });

  test("DE +49 30 9990 0001: In progress → Completed, and no voice number is assigned", async () => {
    const t = await tenant();
    const created = await createSandboxRequest(t, "DE", ["+49 30 9990 0001"]);
    await waitForStatus(t.testKey, created.id, "completed");
    await waitForCallbacks(t.account.id, created.id, ["requested", "in_progress", "completed"]);
    expect(await voiceNumbersFor(["+493099900001"])).toBe(0);
  });

  test("any other number stays Requested; the same magic number serves again and again, beside a live request holding a number", async () => {
    const t = await tenant();
    const plain = await createSandboxRequest(t, "NL", [nextNumber("NL")]);
    const again = await Promise.all([1, 2, 3].map(() => createSandboxRequest(t, "DE", ["+493099900001"])));
    for (const r of again) await waitForStatus(t.testKey, r.id, "completed");
    // Stepping now (the real clock, the step long past) moves nothing more.
    await new Promise((r) => setTimeout(r, STEP_SECONDS * 1_000 + 200));
    expect((await runSandboxRound(getDb(), { stepSeconds: STEP_SECONDS })).filter((s) => s.portingRequestId === plain.id)).toEqual([]);
    expect((await callJson<Json>("GET", `/porting-requests/${plain.id}`, { key: t.testKey })).body.status).toBe("requested");
    expect(await voiceNumbersFor(["+493099900001"])).toBe(0);

    // A number held by a live request of the account: a sandbox request may use it anyway, and holds nothing.
    const held = nextNumber("NL");
    const live = await createRequest(t.customer, { phoneNumbers: [held], companyProfileId: t.profiles.NL });
    const sandbox = await createSandboxRequest(t, "NL", [held]);
    expect(sandbox.status).toBe("requested");
    const rows = await getDb().select().from(portingRequestNumbers).where(eq(portingRequestNumbers.number, held));
    expect(rows.map((r) => [r.portingRequestId, r.open]).sort()).toEqual([[live.id, true], [sandbox.id, false]].sort());
    // And the other way round: the sandbox's request never blocks a live one.
    const sandboxFirst = nextNumber("NL");
    await createSandboxRequest(t, "NL", [sandboxFirst]);
    await createRequest(t.customer, { phoneNumbers: [sandboxFirst], companyProfileId: t.profiles.NL });
  });
});

describe("sandbox and live never mix", () => {
  test("by id, in lists, counts, exports, the portability check, the event record and support's views", async () => {
    const t = await tenant();
    const support = await createSupport();
    const supportKey = await keyFor(support);
    const live = await createRequest(t.customer, { companyProfileId: t.profiles.NL });
    const sandbox = await createSandboxRequest(t, "NL", [nextNumber("NL")]);

    // By id: each key sees its own side only; support never sees the sandbox.
    expect((await call("GET", `/porting-requests/${sandbox.id}`, { key: t.liveKey })).status).toBe(404);
    expect((await call("GET", `/porting-requests/${live.id}`, { key: t.testKey })).status).toBe(404);
    expect((await call("GET", `/porting-requests/${sandbox.id}`, { key: supportKey })).status).toBe(404);
    expect((await call("POST", `/porting-requests/${sandbox.id}/cancel`, { key: t.liveKey, json: {} })).status).toBe(404);
    expect((await call("GET", `/porting-requests/${sandbox.id}/comments`, { key: t.liveKey })).status).toBe(404);
    expect((await call("GET", `/porting-requests/${live.id}/documents`, { key: t.testKey })).status).toBe(404);

    // Lists: a key's own side; the other side is a 422, not a silent switch.
    const ids = async (key: string, query = "") => (await callJson<{ data: Json[] }>("GET", `/porting-requests${query}`, { key })).body.data.map((r) => r.id);
    expect(await ids(t.liveKey)).toEqual([live.id]);
    expect(await ids(t.testKey)).toEqual([sandbox.id]);
    expect((await ids(supportKey, "?limit=100")).includes(sandbox.id)).toBe(false);
    expect((await call("GET", "/porting-requests?sandbox=true", { key: t.liveKey })).status).toBe(422);
    expect((await call("GET", "/porting-requests?sandbox=false", { key: t.testKey })).status).toBe(422);
    expect((await call("GET", "/porting-requests?sandbox=true", { key: supportKey })).status).toBe(422);
    // Searching by the sandbox request's number with a live key finds nothing.
    const number = (sandbox.phoneNumbers as { number: string }[])[0]!.number;
    expect(await ids(t.liveKey, `?number=${encodeURIComponent(number)}`)).toEqual([]);
    expect(await ids(t.testKey, `?number=${encodeURIComponent(number)}`)).toEqual([sandbox.id]);

    // A browser session: live lists by default, the Sandbox tab on request, either request by id (its page).
    signInAs(t.customer);
    expect(await ids("")).toEqual([live.id]);
    expect(await ids("", "?sandbox=true")).toEqual([sandbox.id]);
    expect((await call("GET", `/porting-requests/${sandbox.id}`)).status).toBe(200);
    signOutAll();

    // Counts: the live tabs from the kept counts (which never hold a sandbox request), the Sandbox tab from its rows.
    const session: CustomerActor = { ...t.customer };
    expect((await statusCounts(session)).requested).toBe(1);
    expect((await statusCounts(session, undefined, { sandbox: true })).requested).toBe(1);
    expect((await statusCounts({ ...t.customer, sandbox: true })).requested).toBe(1);
    expect(await countMismatches()).toEqual([]);

    // Exports: one side each.
    const exported = async (key: string) => (await (await call("GET", "/porting-requests/export", { key })).text()).split("\r\n").filter(Boolean);
    const liveCsv = await exported(t.liveKey);
    const testCsv = await exported(t.testKey);
    expect(liveCsv.some((line) => line.includes(live.reference))).toBe(true);
    expect(liveCsv.some((line) => line.includes(sandbox.reference as string))).toBe(false);
    expect(testCsv.some((line) => line.includes(sandbox.reference as string))).toBe(true);
    expect(testCsv.some((line) => line.includes(live.reference))).toBe(false);

    // The portability check with a live key names the live request; with a test key nothing holds numbers.
    const liveNumber = live.phoneNumbers[0]!.number;
    const check = async (key: string) =>
      (await callJson<{ data: { portable: boolean; reason: string | null }[] }>("POST", "/portability-checks", { key, json: { phoneNumbers: [liveNumber] } })).body.data[0]!;
    expect((await check(t.liveKey)).portable).toBe(false);
    expect(await check(t.testKey)).toMatchObject({ portable: true, reason: null });

    // The event record: the sandbox request's events are marked so; only test keys' streams read them.
    const recorded = await getDb().select({ sandbox: events.sandbox }).from(events).where(eq(events.portingRequestId, sandbox.id));
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((e) => e.sandbox)).toBe(true);
    const liveEvents = await getDb().select({ sandbox: events.sandbox }).from(events).where(eq(events.portingRequestId, live.id));
    expect(liveEvents.every((e) => !e.sandbox)).toBe(true);

    // Support's queue and its search, by reference and by number.
    const queue = await listSupportQueue(support, { status: "all", q: sandbox.reference as string });
    expect(queue.items).toEqual([]);
    const byNumber = await listSupportQueue(support, { status: "all", q: number });
    expect(byNumber.items.map((i) => i.id)).toEqual([]);
    const all = await listSupportQueue(support, { status: "all" });
    expect(all.items.some((i) => i.id === sandbox.id)).toBe(false);

    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, sandbox.id));
    expect(row?.sandbox).toBe(true);
  });
});

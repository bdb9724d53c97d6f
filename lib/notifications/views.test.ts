import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { getDb } from "@/db";
import { accounts, callbackDeliveries, emailMessages } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { keyFor } from "@/test/api/client";
import { createRequest, createSupport, createTenant } from "@/test/factories";
import { testWorker } from "@/test/notifications";
import { signInAs, signOutAll } from "@/test/session";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { notificationsForRequest } from "./queries";
import { resendCallback } from "./resend-callback";
import { getSigningSecret, rotateSigningSecret, retirePreviousSigningSecret } from "./signing-secret";
import { listFailingCallbacks, listOutbox } from "@/lib/support/notification-lists";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

// What people see of the notifications: the request page's per-change view, Resend, the signing
// secret in settings, and support's lists; all tenant-scoped, through the real verbs, actions and
// route handlers.

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
});
beforeEach(() => signOutAll());

async function deliveredRequest() {
  const { customer } = await createTenant("NL");
  const support = await createSupport();
  const request = await createRequest(customer, { callbackUrl: receiver.url });
  await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Checked" });
  const worker = testWorker();
  await worker.drain();
  await worker.stop();
  return { customer, support, request };
}

describe("notifications of a request", () => {
  test("grouped per status change, newest first, with emails and callback attempts", async () => {
    const { customer, request } = await deliveredRequest();
    const view = await notificationsForRequest(customer, request.id);
    expect(view.callbackUrl).toBe(receiver.url);
    expect(view.events.map((e) => e.to)).toEqual(["in_progress", "requested"]);
    const [accepted] = view.events;
    expect(accepted!.emails).toHaveLength(1);
    expect(accepted!.emails[0]).toMatchObject({ state: "not_sent", notSentReason: "noSmtp", recipients: ["porting@example.test"] });
    expect(accepted!.emails[0]!.textBody).toContain("Reason: Checked");
    expect(accepted!.callbacks).toHaveLength(1);
    expect(accepted!.callbacks[0]).toMatchObject({ state: "delivered", attempts: 1, lastStatusCode: 204, eventType: "porting_request.status_changed" });
    expect(accepted!.callbacks[0]!.attemptLog).toEqual([expect.objectContaining({ attempt: 1, statusCode: 204, error: null })]);
  });

  test("a failing email's mail-server error is for support; the customer reads that it is not delivered yet and retried", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await createRequest(customer);
    const detail = "Could not connect to the mail server: connect ECONNREFUSED 10.0.0.5:587";
    await getDb()
      .update(emailMessages)
      .set({ attempts: 2, lastError: detail, nextAttemptAt: sql`now() + interval '1 hour'` })
      .where(eq(emailMessages.portingRequestId, request.id));
    const failedRequest = await createRequest(customer);
    await getDb()
      .update(emailMessages)
      .set({ state: "failed", attempts: 9, lastError: "SMTP 535: 5.7.8 Authentication credentials invalid" })
      .where(eq(emailMessages.portingRequestId, failedRequest.id));

    const emailFor = async (actor: Parameters<typeof notificationsForRequest>[0], id: string) => (await notificationsForRequest(actor, id)).events[0]!.emails[0]!;
    const retrying = await emailFor(customer, request.id);
    expect(retrying).toMatchObject({ state: "pending", attempts: 2 });
    expect(retrying.lastError).toMatch(/not delivered yet.*retrying/i);
    expect(JSON.stringify(retrying)).not.toMatch(/10\.0\.0\.5|ECONNREFUSED|587/);
    const failed = await emailFor(customer, failedRequest.id);
    expect(failed.state).toBe("failed");
    expect(JSON.stringify(failed)).not.toMatch(/535|Authentication|credentials/);
    expect(failed.lastError).toMatch(/could not be delivered/i);

    // The API answers the customer the same; support sees the detail.
    const { GET } = await import("@/app/api/v1/porting-requests/[id]/notifications/route");
    const response = await GET(new Request(`http://localhost/api/v1/porting-requests/${request.id}/notifications`, { headers: { authorization: `Bearer ${await keyFor(customer)}` } }), {
      params: Promise.resolve({ id: request.id }),
    });
    expect(await response.text()).not.toMatch(/10\.0\.0\.5|ECONNREFUSED/);
    expect((await emailFor(support, request.id)).lastError).toBe(detail);
    expect((await emailFor(support, failedRequest.id)).lastError).toMatch(/^SMTP 535/);
  });

  test("another account's request is not found, for the verb and the route; support sees every account", async () => {
    const { customer, support, request } = await deliveredRequest();
    const other = await createTenant("NL");
    await expect(notificationsForRequest(other.customer, request.id)).rejects.toBeInstanceOf(NotFoundError);
    const { GET } = await import("@/app/api/v1/porting-requests/[id]/notifications/route");
    const get = (key?: string) =>
      GET(new Request(`http://localhost/api/v1/porting-requests/${request.id}/notifications`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), {
        params: Promise.resolve({ id: request.id }),
      });
    expect((await get(await keyFor(other.customer))).status).toBe(404);
    expect((await get(await keyFor(customer))).status).toBe(200);
    const asSupport = await get(await keyFor(support));
    expect(asSupport.status).toBe(200);
    expect(((await asSupport.json()) as { events: unknown[] }).events).toHaveLength(2);
    expect((await get()).status).toBe(401);
    // The session cookie serves the page's own polling.
    signInAs(customer);
    expect((await get()).status).toBe(200);
  });
});

describe("Resend callback", () => {
  test("a delivered callback is sent again as a new delivery: same body, new webhook-id; a second click brings that one forward", async () => {
    const { customer, request } = await deliveredRequest();
    const [original] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id)).limit(1);
    const first = await resendCallback(customer, { deliveryId: original!.id });
    expect(first.mode).toBe("new_delivery");
    expect(first.messageId).not.toBe(original!.messageId);
    const again = await resendCallback(customer, { deliveryId: original!.id });
    expect(again).toMatchObject({ mode: "retry_now", deliveryId: first.deliveryId });

    const [copy] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.id, first.deliveryId));
    expect(copy).toMatchObject({ body: original!.body, eventId: original!.eventId, eventType: original!.eventType, state: "pending", attempts: 0 });

    const before = receiver.received.length;
    const worker = testWorker();
    await worker.drain();
    await worker.stop();
    const sent = receiver.received.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toBe(original!.body);
    expect(sent[0]!.headers["webhook-id"]).toBe(first.messageId);
  });

  test("a callback waiting for its next retry is attempted now, not duplicated", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    const [delivery] = await getDb()
      .update(callbackDeliveries)
      .set({ attempts: 2, lastError: "HTTP 500", nextAttemptAt: sql`now() + interval '1 hour'` })
      .where(eq(callbackDeliveries.portingRequestId, request.id))
      .returning();
    const result = await resendCallback(customer, { deliveryId: delivery!.id });
    expect(result).toMatchObject({ mode: "retry_now", deliveryId: delivery!.id });
    const [after] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id));
    expect(after!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(await getDb().$count(callbackDeliveries, eq(callbackDeliveries.portingRequestId, request.id))).toBe(1);
  });

  test("through the server action: the account's customer and support may, another account may not even see it", async () => {
    const { customer, support, request } = await deliveredRequest();
    const [delivery] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id)).limit(1);
    const { resendCallbackAction } = await import("@/app/notifications/actions");

    expect(await resendCallbackAction({ deliveryId: delivery!.id })).toMatchObject({ ok: false, code: "unauthorized" });
    signInAs((await createTenant("NL")).customer);
    expect(await resendCallbackAction({ deliveryId: delivery!.id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await resendCallbackAction({ deliveryId: "not-a-uuid" })).toMatchObject({ ok: false, code: "not_found" });
    signInAs(customer);
    expect(await resendCallbackAction({ deliveryId: delivery!.id })).toMatchObject({ ok: true, data: { mode: "new_delivery" } });
    signInAs(support);
    expect(await resendCallbackAction({ deliveryId: delivery!.id })).toMatchObject({ ok: true, data: { mode: "retry_now" } });
  });
});

describe("the signing secret", () => {
  test("rotation keeps the previous secret signing for a day; retiring stops it", async () => {
    const { customer, account } = await createTenant("NL");
    const before = await getSigningSecret(customer);
    expect(before).toEqual({ secret: account.signingSecret, previousValidUntil: null });

    const rotated = await rotateSigningSecret(customer);
    expect(rotated.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(rotated.secret).not.toBe(before.secret);
    const until = new Date(rotated.previousValidUntil!).getTime();
    expect(until - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const [row] = await getDb().select().from(accounts).where(eq(accounts.id, customer.accountId));
    expect(row!.previousSigningSecret).toBe(before.secret);

    expect(await retirePreviousSigningSecret(customer)).toEqual({ secret: rotated.secret, previousValidUntil: null });
    expect((await getSigningSecret(customer)).previousValidUntil).toBeNull();
  });

  test("the actions are for the account's own customers only", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const { rotateSigningSecretAction, revealSigningSecretAction } = await import("@/app/(app)/settings/actions");
    signInAs(await createSupport());
    expect(await rotateSigningSecretAction({})).toMatchObject({ ok: false, code: "forbidden" });
    signInAs(customer);
    const rotated = await rotateSigningSecretAction({});
    expect(rotated.ok).toBe(true);
    // Only the caller's own account changed.
    const [mine] = await getDb().select().from(accounts).where(eq(accounts.id, customer.accountId));
    const [theirs] = await getDb().select().from(accounts).where(eq(accounts.id, other.account.id));
    expect(mine!.signingSecret).not.toBe(theirs!.signingSecret);
    expect(theirs!.signingSecret).toBe(other.account.signingSecret);
    expect(await revealSigningSecretAction({})).toMatchObject({ ok: true, data: { secret: mine!.signingSecret } });
  });
});

describe("support lists", () => {
  test("failing callbacks: retrying and failed, across accounts, with counts and pages; customers get 403 from the route", async () => {
    const a = await createTenant("NL");
    const b = await createTenant("NL");
    const support = await createSupport();
    const ra = await createRequest(a.customer, { callbackUrl: receiver.url });
    const rb = await createRequest(b.customer, { callbackUrl: receiver.url });
    const rc = await createRequest(b.customer, { callbackUrl: receiver.url });
    await getDb().update(callbackDeliveries).set({ attempts: 3, lastStatusCode: 500, lastError: "HTTP 500" }).where(eq(callbackDeliveries.portingRequestId, ra.id));
    await getDb().update(callbackDeliveries).set({ state: "failed", attempts: 10, lastError: "Connection refused" }).where(eq(callbackDeliveries.portingRequestId, rb.id));
    // rc: pending, never attempted: not failing.

    const all = await listFailingCallbacks(support, {});
    const mine = all.items.filter((i) => [ra.id, rb.id, rc.id].includes(i.request.id));
    expect(mine.map((i) => [i.request.reference, i.state])).toEqual([
      [rb.reference, "failed"],
      [ra.reference, "pending"],
    ]);
    expect(mine[0]).toMatchObject({ account: { id: b.account.id }, nextAttemptAt: null, lastError: "Connection refused", maxAttempts: 10 });
    expect(mine[1]!.nextAttemptAt).not.toBeNull();
    expect((await listFailingCallbacks(support, { state: "failed" })).items.every((i) => i.state === "failed")).toBe(true);
    expect((await listFailingCallbacks(support, { state: "retrying" })).items.every((i) => i.state === "pending")).toBe(true);
    expect(all.counts.failed).toBeGreaterThanOrEqual(1);
    expect(all.counts.retrying).toBeGreaterThanOrEqual(1);

    const { GET } = await import("@/app/api/support/callbacks/route");
    signInAs(a.customer);
    expect((await GET(new Request("http://localhost/api/support/callbacks"), { params: Promise.resolve({}) })).status).toBe(403);
    signInAs(support);
    const ok = await GET(new Request("http://localhost/api/support/callbacks?state=failed"), { params: Promise.resolve({}) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { items: { state: string }[] }).items.every((i) => i.state === "failed")).toBe(true);
  });

  test("the outbox pages through every email, newest first, and filters by state", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    // 55 requests: more than a page of emails.
    for (let i = 0; i < 55; i++) await createRequest(customer);
    const first = await listOutbox(support, {});
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const second = await listOutbox(support, { cursor: first.nextCursor! });
    const ids = new Set([...first.items, ...second.items].map((e) => e.id));
    expect(ids.size).toBe(first.items.length + second.items.length);
    const times = [...first.items, ...second.items].map((e) => e.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await listOutbox(support, { state: "pending" })).items.every((e) => e.state === "pending")).toBe(true);
    await expect(listOutbox(support, { cursor: "garbage" })).rejects.toThrow();
    const total = await getDb().$count(emailMessages);
    expect(total).toBeGreaterThanOrEqual(55);
  }, 120_000);
});

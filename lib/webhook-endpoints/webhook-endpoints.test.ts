import { and, asc, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { getDb } from "@/db";
import { auditEvents, callbackDeliveries, events, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { recordEvent } from "@/lib/events/record";
import { EVENT_TYPES } from "@/lib/events/types";
import { ValidationError } from "@/lib/errors";
import { addComment } from "@/lib/porting/add-comment";
import { callJson, keyFor } from "@/test/api/client";
import { createCustomer, createRequest, createSupport, createTenant } from "@/test/factories";
import { until, workerPool } from "@/test/notifications";
import { startWebhookReceiver, type ReceivedCallback, type WebhookReceiver } from "@/test/webhook-receiver";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { updateWebhookEndpoint } from "./update-webhook-endpoint";

// Webhook endpoints end to end (issue 15 item 1): created through the real API routes with real
// keys, fed by the real verbs' events, delivered by the real notification worker (on a retry
// schedule of milliseconds) to real HTTP receivers on 127.0.0.1, and verified with the
// standardwebhooks package and each endpoint's own secret.

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

// Endpoints no worker delivers to in these tests: loopback (ALLOW_INSECURE_CALLBACKS in tests), an
// IP literal so no DNS is asked, and the discard port.
const NOWHERE = "http://127.0.0.1:9/porting";

const receivers: WebhookReceiver[] = [];
const workers = workerPool();

async function receiver(): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver();
  receivers.push(r);
  return r;
}

afterEach(async () => {
  await workers.stopAll();
});

afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

type EndpointJson = { id: string; url: string; events: string[]; enabled: boolean; secret?: string; previousSecretValidUntil: string | null };

async function createEndpoint(key: string, body: Record<string, unknown>): Promise<EndpointJson & { secret: string }> {
  const created = await callJson<EndpointJson & { secret: string }>("POST", "/webhook-endpoints", { key, json: body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
  return created.body;
}

/** Verifies a received request with a secret (throws when the signature, id or timestamp does not check out). */
const verify = (secret: string, r: ReceivedCallback) => new Webhook(secret).verify(r.body, r.headers as Record<string, string>);

async function deliveriesOf(endpointId: string) {
  return getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(asc(webhookDeliveries.createdAt));
}

async function eventsOf(portingRequestId: string) {
  return getDb().select().from(events).where(eq(events.portingRequestId, portingRequestId)).orderBy(asc(events.id));
}

const ofRequest = (r: WebhookReceiver, id: string) =>
  r.received.filter((c) => {
    const body = JSON.parse(c.body) as { id?: string; portingRequestId?: string };
    return body.id === id || body.portingRequestId === id;
  });

describe("every event goes to every enabled endpoint of the account that subscribes to it", () => {
  test("two subscribed endpoints get the creation, each signed with its own secret; an unsubscribed and a disabled one get nothing", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const [all, statuses, comments, disabled, callback] = await Promise.all([receiver(), receiver(), receiver(), receiver(), receiver()]);
    const toAll = await createEndpoint(key, { url: all.url, description: "Everything" });
    const toStatuses = await createEndpoint(key, { url: statuses.url, events: ["porting_request.status_changed", "porting_request.created", "porting_request.created"] });
    expect(toStatuses.events).toEqual(["porting_request.created", "porting_request.status_changed"]);
    await createEndpoint(key, { url: comments.url, events: ["porting_request.comment_added"] });
    const off = await createEndpoint(key, { url: disabled.url });
    const patched = await callJson<EndpointJson>("PATCH", `/webhook-endpoints/${off.id}`, { key, json: { enabled: false } });
    expect(patched.body.enabled).toBe(false);

    // One request without a callback URL, one with: the endpoints get both, the callback URL only its own.
    const request = await createRequest(customer);
    const withCallback = await createRequest(customer, { callbackUrl: callback.url });
    const worker = await workers.start();
    await until(() => ofRequest(all, request.id).length >= 1 && ofRequest(statuses, request.id).length >= 1 && ofRequest(all, withCallback.id).length >= 1 && callback.received.length >= 1, 10_000, "the creations");
    await worker.drain();

    const [created] = await eventsOf(request.id);
    expect(created!.type).toBe(EVENT_TYPES.created);
    for (const [r, endpoint] of [
      [all, toAll],
      [statuses, toStatuses],
    ] as const) {
      const got = ofRequest(r, request.id);
      expect(got).toHaveLength(1);
      expect(() => verify(endpoint.secret, got[0]!)).not.toThrow();
      // The event's own id and body: the same as the event stream's.
      expect(got[0]!.headers["webhook-id"]).toBe(created!.messageId);
      expect(got[0]!.headers["webhook-event-type"]).toBe("porting_request.created");
      expect(got[0]!.body).toBe(created!.body);
    }
    // Each endpoint's secret is its own: one endpoint's delivery does not verify with the other's.
    expect(() => verify(toStatuses.secret, ofRequest(all, request.id)[0]!)).toThrow();
    expect(comments.received).toHaveLength(0);
    expect(disabled.received).toHaveLength(0);
    expect(await deliveriesOf(off.id)).toHaveLength(0);
    expect(await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id))).toHaveLength(0);

    // The per-request callback and the endpoints name one change by one id.
    const [viaCallback] = callback.received;
    expect(viaCallback!.headers["webhook-id"]).toBe(ofRequest(all, withCallback.id)[0]!.headers["webhook-id"]);
    expect(viaCallback!.body).toBe(ofRequest(all, withCallback.id)[0]!.body);
  });

  test("a comment reaches the endpoint that subscribes to comments, and not the status-only one", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const [comments, statuses] = await Promise.all([receiver(), receiver()]);
    const toComments = await createEndpoint(key, { url: comments.url, events: ["porting_request.comment_added"] });
    await createEndpoint(key, { url: statuses.url, events: ["porting_request.status_changed"] });
    const request = await createRequest(customer);
    await addComment(customer, request.id, { body: "Our contract ends in June." });
    const worker = await workers.start();
    await until(() => comments.received.length >= 1, 10_000, "the comment");
    await worker.drain();
    expect(comments.received).toHaveLength(1);
    expect(() => verify(toComments.secret, comments.received[0]!)).not.toThrow();
    expect(comments.received[0]!.headers["webhook-event-type"]).toBe("porting_request.comment_added");
    expect(JSON.parse(comments.received[0]!.body)).toMatchObject({ portingRequestId: request.id, comment: { body: "Our contract ends in June." } });
    // No status change happened after the creation, which this endpoint does not subscribe to.
    expect(statuses.received).toHaveLength(0);
  });

  test("queued in the event's own transaction: a rolled-back change queues nothing", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const r = await receiver();
    const endpoint = await createEndpoint(key, { url: r.url });
    await expect(
      getDb().transaction(async (tx) => {
        await recordEvent(tx, { accountId: customer.accountId, portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { rolledBack: true } });
        expect((await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id))).length).toBe(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
  });
});

describe("delivery", () => {
  test("500 twice, then 200: delivered once, every attempt logged with its URL, the same webhook-id throughout", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const r = await receiver();
    r.script([{ status: 500, body: "down" }, { status: 500 }], { status: 200 });
    const endpoint = await createEndpoint(key, { url: r.url, events: ["porting_request.created"] });
    const request = await createRequest(customer);
    await workers.start();
    const [delivery] = await until(async () => {
      const rows = await deliveriesOf(endpoint.id);
      return rows[0]?.state === "delivered" ? rows : null;
    });
    expect(delivery).toMatchObject({ attempts: 3, lastStatusCode: 200, lastError: null, portingRequestId: request.id });
    expect(new Set(r.received.map((c) => c.headers["webhook-id"]))).toEqual(new Set([delivery!.messageId]));
    for (const c of r.received) expect(() => verify(endpoint.secret, c)).not.toThrow();

    const listed = await callJson<{ data: { id: string; state: string; attemptLog: { attempt: number; statusCode: number; url: string; error: string | null }[] }[] }>(
      "GET",
      `/webhook-endpoints/${endpoint.id}/deliveries`,
      { key },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0]!.attemptLog.map((a) => [a.attempt, a.statusCode, a.url])).toEqual([
      [1, 500, r.url],
      [2, 500, r.url],
      [3, 200, r.url],
    ]);
    expect(listed.body.data[0]!.attemptLog[0]!.error).toBe("HTTP 500 Internal Server Error: down");
  });

  test("resend: a delivered one goes out again under a new webhook-id; resending while it is pending queues nothing more", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const r = await receiver();
    const endpoint = await createEndpoint(key, { url: r.url, events: ["porting_request.created"] });
    await createRequest(customer);
    const worker = await workers.start();
    const [first] = await until(async () => {
      const rows = await deliveriesOf(endpoint.id);
      return rows[0]?.state === "delivered" ? rows : null;
    });
    await workers.stopAll();

    const resent = await callJson<{ deliveryId: string; messageId: string; mode: string }>("POST", `/webhook-deliveries/${first!.id}/resend`, { key });
    expect(resent.status).toBe(202);
    expect(resent.body.mode).toBe("new_delivery");
    expect(resent.body.messageId).not.toBe(first!.messageId);
    // Again while the new one waits: brought forward, not duplicated.
    const again = await callJson<{ deliveryId: string; mode: string }>("POST", `/webhook-deliveries/${first!.id}/resend`, { key });
    expect(again.body).toMatchObject({ deliveryId: resent.body.deliveryId, mode: "retry_now" });
    expect(await deliveriesOf(endpoint.id)).toHaveLength(2);

    await workers.start();
    await until(() => r.received.length >= 2, 10_000, "the resend");
    void worker;
    const last = r.received.at(-1)!;
    expect(last.headers["webhook-id"]).toBe(resent.body.messageId);
    expect(last.body).toBe(r.received[0]!.body);
    expect(() => verify(endpoint.secret, last)).not.toThrow();
  });

  test("a test event: signed with the endpoint's secret, typed webhook_endpoint.test, never an event of the stream", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const r = await receiver();
    const endpoint = await createEndpoint(key, { url: r.url, events: ["porting_request.comment_added"] });
    const sent = await callJson<{ id: string; eventType: string; state: string; messageId: string }>("POST", `/webhook-endpoints/${endpoint.id}/test`, { key });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ eventType: "webhook_endpoint.test", state: "pending" });
    await workers.start();
    await until(() => r.received.length >= 1, 10_000, "the test");
    const [got] = r.received;
    expect(() => verify(endpoint.secret, got!)).not.toThrow();
    expect(got!.headers["webhook-event-type"]).toBe("webhook_endpoint.test");
    expect(got!.headers["webhook-id"]).toBe(sent.body.messageId);
    expect(JSON.parse(got!.body)).toMatchObject({ type: "webhook_endpoint.test", webhookEndpointId: endpoint.id });
    expect(await getDb().select().from(events).where(eq(events.messageId, sent.body.messageId))).toHaveLength(0);

    // A disabled endpoint is sent nothing, tests included.
    await callJson("PATCH", `/webhook-endpoints/${endpoint.id}`, { key, json: { enabled: false } });
    const refused = await callJson<{ detail: string }>("POST", `/webhook-endpoints/${endpoint.id}/test`, { key });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/disabled/);
  });

  test("rotation: the new secret signs at once and the previous one keeps verifying for the overlap", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const r = await receiver();
    const endpoint = await createEndpoint(key, { url: r.url });
    const rotated = await callJson<EndpointJson & { secret: string }>("POST", `/webhook-endpoints/${endpoint.id}/rotate-secret`, { key });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.body.previousSecretValidUntil!)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    // Never shown again afterwards.
    const got = await callJson<Record<string, unknown>>("GET", `/webhook-endpoints/${endpoint.id}`, { key });
    expect(JSON.stringify(got.body)).not.toContain("whsec_");

    await callJson("POST", `/webhook-endpoints/${endpoint.id}/test`, { key });
    await workers.start();
    await until(() => r.received.length >= 1, 10_000, "the test");
    const [delivery] = r.received;
    expect(String(delivery!.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(() => verify(rotated.body.secret, delivery!)).not.toThrow();
    expect(() => verify(endpoint.secret, delivery!)).not.toThrow();
  });

  test("at delivery the URL is checked again: a name that now resolves to a private address is never connected to", async () => {
    const { customer } = await createTenant("NL");
    const endpoint = await createWebhookEndpoint(customer, { url: "https://hooks.customer-example.com/porting" }, undefined, {
      urlGuard: { resolve: async () => ["93.184.216.34"] },
    });
    await getDb().transaction((tx) => recordEvent(tx, { accountId: customer.accountId, portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { rebinding: true } }));
    await workers.start({ urlGuard: { resolve: async () => ["10.0.0.7"], resolveTimeoutMs: 200 } });
    const [delivery] = await until(async () => {
      const rows = await deliveriesOf(endpoint.id);
      return (rows[0]?.attempts ?? 0) >= 1 && rows[0]?.lockedUntil === null ? rows : null;
    });
    const [attempt] = await getDb().select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, delivery!.id));
    expect(attempt!.statusCode).toBeNull();
    expect(attempt!.error).toMatch(/^Not sent: .*10\.0\.0\.7.*private network/);
  });
});

describe("the URL guard at validation (SSRF)", () => {
  const strict = { allowInsecure: false };
  test.each([
    ["https://10.0.0.7/hook", /10\.0\.0\.7 is in a private network/],
    ["https://169.254.169.254/latest/meta-data", /link-local/],
    ["http://127.0.0.1:8080/hook", /must start with https:\/\//],
    ["https://[::1]/hook", /loopback/],
    ["https://localhost/hook", /this machine/],
    ["https://hooks.internal/hook", /local networks only/],
    ["https://user:pw@hooks.example.com/", /user name or password/],
    ["https://0x7f.1/hook", /127\.0\.0\.1 is a loopback address/],
  ])("%s is refused, naming the field and the reason", async (url, reason) => {
    const { customer } = await createTenant("NL");
    const error = await createWebhookEndpoint(customer, { url }, undefined, { urlGuard: strict }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const messages = (error as ValidationError).fieldErrors.url;
    expect(messages?.[0]).toMatch(reason);
    expect(messages?.[0]).not.toMatch(/callback URL/);
    expect(await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.accountId, customer.accountId))).toHaveLength(0);
  });

  test("a host name that resolves to an internal address is refused on create and on update; a public one is accepted", async () => {
    const { customer } = await createTenant("NL");
    const internal = { ...strict, resolve: async () => ["93.184.216.34", "192.168.1.20"] };
    const error = await createWebhookEndpoint(customer, { url: "https://hooks.attacker-example.com/" }, undefined, { urlGuard: internal }).catch((e: unknown) => e);
    expect((error as ValidationError).fieldErrors.url?.[0]).toMatch(/hooks\.attacker-example\.com resolves to 192\.168\.1\.20, which is in a private network/);

    const endpoint = await createWebhookEndpoint(customer, { url: "https://hooks.customer-example.com/" }, undefined, { urlGuard: { ...strict, resolve: async () => ["93.184.216.34"] } });
    const refused = await updateWebhookEndpoint(customer, endpoint.id, { url: "https://rebound.customer-example.com/" }, undefined, { urlGuard: internal }).catch((e: unknown) => e);
    expect((refused as ValidationError).fieldErrors.url?.[0]).toMatch(/192\.168\.1\.20/);
    const [stored] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(stored!.url).toBe("https://hooks.customer-example.com/");
  });

  test("event types come from the catalogue, by name", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const catalogue = await callJson<{ data: { type: string; description: string }[] }>("GET", "/event-types", { key });
    expect(catalogue.body.data.map((e) => e.type)).toEqual(["porting_request.created", "porting_request.status_changed", "porting_request.comment_added", "porting_request.document_added"]);
    const bad = await callJson<{ errors: Record<string, string[]> }>("POST", "/webhook-endpoints", {
      key,
      json: { url: NOWHERE, events: ["porting_request.status_changed", "porting_request.deleted"] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors["events.1"]?.[0]).toMatch(/"porting_request.deleted" is not an event type/);
    const unknown = await callJson<{ errors: Record<string, string[]> }>("POST", "/webhook-endpoints", { key, json: { url: NOWHERE, secret: "mine" } });
    expect(Object.keys(unknown.body.errors)).toEqual(["secret"]);
  });
});

describe("who may do what", () => {
  let admin: string;
  let member: string;
  let support: string;
  let foreign: string;
  let endpointId: string;
  let deliveryId: string;
  let accountId: string;

  beforeAll(async () => {
    const { customer } = await createTenant("NL");
    accountId = customer.accountId;
    admin = await keyFor(customer);
    member = await keyFor(await createCustomer({ id: customer.accountId }, "Bram", "member"));
    support = await keyFor(await createSupport());
    foreign = await keyFor((await createTenant("NL")).customer);
    endpointId = (await createEndpoint(admin, { url: NOWHERE })).id;
    deliveryId = (await callJson<{ id: string }>("POST", `/webhook-endpoints/${endpointId}/test`, { key: admin })).body.id;
  });

  test("another account's endpoint and delivery are a 404 on every operation", async () => {
    for (const [method, path, json] of [
      ["GET", `/webhook-endpoints/${endpointId}`],
      ["PATCH", `/webhook-endpoints/${endpointId}`, { enabled: false }],
      ["DELETE", `/webhook-endpoints/${endpointId}`],
      ["POST", `/webhook-endpoints/${endpointId}/rotate-secret`],
      ["POST", `/webhook-endpoints/${endpointId}/test`],
      ["GET", `/webhook-endpoints/${endpointId}/deliveries`],
      ["POST", `/webhook-deliveries/${deliveryId}/resend`],
      ["GET", `/webhook-endpoints?accountId=${accountId}`],
    ] as const) {
      const response = await callJson(method, path, { key: foreign, ...(json ? { json } : {}) });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    expect((await callJson<{ data: unknown[] }>("GET", "/webhook-endpoints", { key: foreign })).body.data).toEqual([]);
  });

  test("a member reads the endpoints and their deliveries but changes nothing (403)", async () => {
    expect((await callJson<{ data: { id: string }[] }>("GET", "/webhook-endpoints", { key: member })).body.data.map((e) => e.id)).toEqual([endpointId]);
    expect((await callJson("GET", `/webhook-endpoints/${endpointId}`, { key: member })).status).toBe(200);
    expect((await callJson("GET", `/webhook-endpoints/${endpointId}/deliveries`, { key: member })).status).toBe(200);
    for (const [method, path, json] of [
      ["POST", "/webhook-endpoints", { url: NOWHERE }],
      ["PATCH", `/webhook-endpoints/${endpointId}`, { enabled: false }],
      ["DELETE", `/webhook-endpoints/${endpointId}`],
      ["POST", `/webhook-endpoints/${endpointId}/rotate-secret`],
      ["POST", `/webhook-endpoints/${endpointId}/test`],
      ["POST", `/webhook-deliveries/${deliveryId}/resend`],
    ] as const) {
      const response = await callJson<{ detail: string }>(method, path, { key: member, ...(json ? { json } : {}) });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.body.detail).toMatch(/admin/);
    }
    const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(row!.enabled).toBe(true);
  });

  test("support reads any account's endpoints and deliveries, and changes none", async () => {
    expect((await callJson("GET", `/webhook-endpoints/${endpointId}`, { key: support })).status).toBe(200);
    expect((await callJson("GET", `/webhook-endpoints/${endpointId}/deliveries`, { key: support })).status).toBe(200);
    const listed = await callJson<{ data: { id: string }[] }>("GET", `/webhook-endpoints?accountId=${accountId}`, { key: support });
    expect(listed.body.data.map((e) => e.id)).toEqual([endpointId]);
    expect((await callJson("POST", "/webhook-endpoints", { key: support, json: { url: NOWHERE } })).status).toBe(403);
    expect((await callJson("DELETE", `/webhook-endpoints/${endpointId}`, { key: support })).status).toBe(403);
  });

  test("create, update, rotate and delete are in the audit log, without a secret", async () => {
    const key = admin;
    const endpoint = await createEndpoint(key, { url: NOWHERE, description: "Audited" });
    await callJson("PATCH", `/webhook-endpoints/${endpoint.id}`, { key, json: { events: ["porting_request.created"], description: "Audited" } });
    await callJson("POST", `/webhook-endpoints/${endpoint.id}/rotate-secret`, { key });
    expect((await callJson("DELETE", `/webhook-endpoints/${endpoint.id}`, { key })).status).toBe(204);
    const entries = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, "webhook_endpoint"), eq(auditEvents.objectId, endpoint.id)))
      .orderBy(asc(auditEvents.createdAt));
    expect(entries.map((e) => e.action)).toEqual(["webhook_endpoint.created", "webhook_endpoint.updated", "webhook_endpoint.secret_rotated", "webhook_endpoint.deleted"]);
    // Only what changed: the description stayed.
    expect(entries[1]!.changes).toEqual({ events: { from: [], to: ["porting_request.created"] } });
    expect(entries.every((e) => e.actorApiKeyId !== null && e.accountId === accountId)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain("whsec_");
    // Deleted with its deliveries.
    expect(await deliveriesOf(endpoint.id)).toHaveLength(0);
  });

  test("at most 20 endpoints per account, even when created at once", async () => {
    const { customer } = await createTenant("NL");
    const key = await keyFor(customer);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => callJson("POST", "/webhook-endpoints", { key, json: { url: `${NOWHERE}/${i}` } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    expect(results.filter((r) => r.status === 409)).toHaveLength(4);
    const [count] = await getDb().select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.accountId, customer.accountId));
    expect(count!.n).toBe(20);
  });
});

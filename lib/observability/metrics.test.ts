import { readFileSync } from "node:fs";
import { afterEach, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getClient } from "@/db";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import { env } from "@/lib/env";
import { createTenant, insertRequestInStatus } from "@/test/factories";
import { call, keyFor } from "@/test/api/client";
import { getDb } from "@/db";
import { callbackDeliveries, emailMessages } from "@/db/schema";
import { recordDeliveryAttempt, recordSignInFailure, recordSignInThrottled } from "./metrics";
import { storeWorkerMetrics } from "./worker-metrics";

// GET /api/metrics against the real database: the token rules, and every metric that
// docs/operations.md documents, with exactly its labels.

const TOKEN = "metrics-token-for-tests-0123456789";

afterEach(() => {
  env.METRICS_TOKEN = undefined;
});

const scrape = (authorization?: string) =>
  metricsRoute(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

type Documented = { name: string; type: string; labels: string[] };

function documentedMetrics(): Documented[] {
  const doc = readFileSync("docs/operations.md", "utf8");
  return [...doc.matchAll(/^\| `(voice_porting_\w+)` \| (counter|gauge|histogram) \| ([^|]*) \|/gm)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    labels: m[3]!.trim() === "—" ? [] : m[3]!.split(",").map((l) => l.trim()),
  }));
}

test("without METRICS_TOKEN the endpoint is a 404", async () => {
  env.METRICS_TOKEN = undefined;
  expect((await scrape()).status).toBe(404);
  expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
});

test("with METRICS_TOKEN, a missing or wrong token is a 401 and the right one a 200", async () => {
  env.METRICS_TOKEN = TOKEN;
  expect((await scrape()).status).toBe(401);
  expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
  expect((await scrape(`Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(401);
  expect((await scrape(`Basic ${TOKEN}`)).status).toBe(401);
  const ok = await scrape(`Bearer ${TOKEN}`);
  expect(ok.status).toBe(200);
  expect(ok.headers.get("content-type")).toContain("text/plain");
  expect(ok.headers.get("x-request-id")).toBeTruthy();
});

test("every documented metric is served with its type and exactly its labels", async () => {
  env.METRICS_TOKEN = TOKEN;
  // Something for every labelled series to count: an API call, a status change, sign-ins, a
  // worker's attempts stored the way a worker stores them, deliveries in every state.
  const { customer } = await createTenant("NL");
  const key = await keyFor(customer);
  expect((await call("GET", "/porting-requests", { key })).status).toBe(200);
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "ready_to_be_ported" });
  const cancel = await call("POST", `/porting-requests/${request.id}/cancel`, { key, json: { reason: "No longer needed" } });
  expect(cancel.status, await cancel.clone().text()).toBe(200);
  recordSignInFailure();
  recordSignInThrottled();
  recordDeliveryAttempt("callback", "retry", 0.2);
  recordDeliveryAttempt("email", "delivered", 0.1);
  await storeWorkerMetrics(getClient().sql, "test-worker:1", new Date());

  const documented = documentedMetrics();
  expect(documented.length).toBeGreaterThanOrEqual(14);
  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  for (const metric of documented) {
    expect(text, metric.name).toContain(`# TYPE ${metric.name} ${metric.type}`);
    const sample = metric.type === "histogram" ? `${metric.name}_bucket` : metric.name;
    const lines = text.split("\n").filter((l) => l.startsWith(`${sample}{`) || l.startsWith(`${sample} `));
    expect(lines.length, `${metric.name} has a sample`).toBeGreaterThan(0);
    const labelSets = lines.map((l) => [...(/\{([^}]*)\}/.exec(l)?.[1] ?? "").matchAll(/(\w+)="/g)].map((m) => m[1]).filter((n) => n !== "le").sort());
    for (const labels of labelSets) expect(labels, metric.name).toEqual([...metric.labels].sort());
  }
  expect(text).toMatch(/voice_porting_http_requests_total\{method="GET",route="\/api\/v1\/porting-requests",status="200"\} \d+/);
  expect(text).toMatch(/voice_porting_delivery_attempts_total\{kind="callback",result="retry"\} [1-9]/);
  expect(text).toContain("voice_porting_workers_reporting 1");
  expect(text).toContain('voice_porting_status_changes_total{country="NL",from="ready_to_be_ported",to="cancelled"} 1');
});

test("the queue gauges come from the database: pending, in flight, failed, not sent and the oldest pending age", async () => {
  env.METRICS_TOKEN = TOKEN;
  const { customer } = await createTenant("NL");
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
  const db = getDb();
  const before = await gauges();
  const old = new Date(Date.now() - 3_600_000);
  const base = { portingRequestId: request.id, accountId: customer.accountId, eventId: (await firstEvent(request.id)), eventType: "porting_request.status_changed", url: "https://example.com/cb", body: "{}" };
  await db.insert(callbackDeliveries).values([
    { ...base, messageId: `msg_${Math.random()}`, createdAt: old, lastError: "HTTP 503" },
    { ...base, messageId: `msg_${Math.random()}`, lockedUntil: new Date(Date.now() + 60_000) },
    { ...base, messageId: `msg_${Math.random()}`, state: "failed" },
  ]);
  await db.insert(emailMessages).values({ portingRequestId: request.id, eventId: base.eventId, recipients: [], subject: "s", textBody: "t", htmlBody: "h", state: "not_sent" });
  const after = await gauges();
  expect(after['deliveries{kind="callback",state="pending"}']! - before['deliveries{kind="callback",state="pending"}']!).toBe(1);
  expect(after['deliveries{kind="callback",state="in_flight"}']! - before['deliveries{kind="callback",state="in_flight"}']!).toBe(1);
  expect(after['deliveries{kind="callback",state="failed"}']! - before['deliveries{kind="callback",state="failed"}']!).toBe(1);
  expect(after['deliveries{kind="email",state="not_sent"}']! - before['deliveries{kind="email",state="not_sent"}']!).toBe(1);
  expect(after['deliveries_retrying{kind="callback"}']! - before['deliveries_retrying{kind="callback"}']!).toBe(1);
  expect(after['delivery_oldest_pending_age_seconds{kind="callback"}']).toBeGreaterThanOrEqual(3_599);
});

async function firstEvent(requestId: string): Promise<number> {
  const { sql } = getClient();
  const [row] = await sql<{ id: string }[]>`select id from porting_request_events where porting_request_id = ${requestId} order by id limit 1`;
  return Number(row!.id);
}

async function gauges(): Promise<Record<string, number>> {
  const text = await (await scrape(`Bearer ${TOKEN}`)).text();
  const values: Record<string, number> = {};
  for (const line of text.split("\n")) {
    const m = /^voice_porting_((?:deliveries|deliveries_retrying|delivery_oldest_pending_age_seconds)\{[^}]*\}) (\S+)$/.exec(line);
    if (m) values[m[1]!] = Number(m[2]);
  }
  return values;
}

test("the Grafana dashboard queries only documented metrics", () => {
  const documented = new Set(documentedMetrics().map((m) => m.name));
  const dashboard = readFileSync("docs/grafana-dashboard.json", "utf8");
  const used = new Set([...dashboard.matchAll(/voice_porting_\w+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, "")));
  expect(used.size).toBeGreaterThan(10);
  for (const name of used) expect(documented, name).toContain(name);
});

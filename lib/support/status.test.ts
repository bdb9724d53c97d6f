import { eq, sql } from "drizzle-orm";
import { expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { callbackDeliveries, portingRequests } from "@/db/schema";
import { keyFor } from "@/test/api/client";
import { createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { readSupportStatus } from "./status";

const DAY = 86_400_000;

async function aged(status: "requested" | "in_progress" | "delayed" | "ready_to_be_ported", accountId: string, ageMs: number, firstPossiblePortingDate: string | null = null) {
  const request = await insertRequestInStatus({ accountId, status });
  await getDb()
    .update(portingRequests)
    .set({ statusChangedAt: new Date(Date.now() - ageMs), firstPossiblePortingDate })
    .where(eq(portingRequests.id, request.id));
  return request;
}

test("the strip counts open requests past their wait threshold, failing callbacks and the oldest pending delivery", async () => {
  const support = await createSupport();
  const { customer } = await createTenant("NL");
  const before = await readSupportStatus(support);

  await aged("in_progress", customer.accountId, 6 * DAY); // over 5 days: overdue
  await aged("in_progress", customer.accountId, 4 * DAY); // within
  await aged("ready_to_be_ported", customer.accountId, 4 * DAY); // over 3 days: overdue
  await aged("requested", customer.accountId, 10 * DAY); // surely past 1 business day
  await aged("requested", customer.accountId, 60_000); // just in
  await aged("delayed", customer.accountId, DAY, "2020-01-01"); // first possible date passed
  await aged("delayed", customer.accountId, DAY, "2999-01-01");
  const request = await aged("in_progress", customer.accountId, 0);

  const [event] = await getDb().execute<{ id: string }>(sql`select id from porting_request_events where porting_request_id = ${request.id} limit 1`);
  const base = { portingRequestId: request.id, accountId: customer.accountId, eventId: Number(event!.id), eventType: "porting_request.status_changed", url: "https://example.com/cb", body: "{}" };
  await getDb().insert(callbackDeliveries).values([
    { ...base, messageId: `msg_a${Date.now()}`, lastError: "HTTP 503", createdAt: new Date(Date.now() - 2 * 3_600_000) },
    { ...base, messageId: `msg_b${Date.now()}`, state: "failed", lastError: "HTTP 410" },
  ]);

  const after = await readSupportStatus(support);
  expect(after.overdue - before.overdue).toBe(4);
  expect(after.failingCallbacks - before.failingCallbacks).toBe(2);
  expect(after.oldestPending).toMatchObject({ kind: "callback" });
  expect(after.oldestPending!.seconds).toBeGreaterThanOrEqual(7_199);
});

test("GET /api/support/status is for support only", async () => {
  const support = await createSupport();
  const { customer } = await createTenant("NL");
  const { GET } = await import("@/app/api/support/status/route");
  const asSupport = await GET(new Request("http://localhost/api/support/status", { headers: { authorization: `Bearer ${await keyFor(support)}` } }), { params: Promise.resolve({}) });
  expect(asSupport.status).toBe(200);
  expect(Object.keys((await asSupport.json()) as object).sort()).toEqual(["emailsNotSent", "failingCallbacks", "oldestPending", "overdue"]);
  const asCustomer = await GET(new Request("http://localhost/api/support/status", { headers: { authorization: `Bearer ${await keyFor(customer)}` } }), { params: Promise.resolve({}) });
  expect(asCustomer.status).toBe(403);
});

test("In progress with an agreed porting date counts from that date, in the strip as in the queue (issue 14 item 5)", async () => {
  const support = await createSupport();
  const { customer } = await createTenant("DE");
  const before = await readSupportStatus(support);
  const germanAged = async (preferred: Date | null, scheduled: Date | null) => {
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE" });
    await getDb()
      .update(portingRequests)
      .set({ statusChangedAt: new Date(Date.now() - 10 * DAY), preferredPortingDate: preferred, scheduledPortingAt: scheduled })
      .where(eq(portingRequests.id, request.id));
  };
  await germanAged(new Date(Date.now() + 3 * DAY), null); // ten days in progress, but the date is ahead: not overdue
  await germanAged(new Date(Date.now() - 3 * DAY), new Date(Date.now() + DAY)); // confirmed for tomorrow: not overdue
  await germanAged(new Date(Date.now() - 2 * 3_600_000), null); // the date passed two hours ago: overdue
  await germanAged(null, null); // as soon as possible, ten days: overdue
  const after = await readSupportStatus(support);
  expect(after.overdue - before.overdue).toBe(2);
});

import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { events } from "@/db/schema";
import { env } from "@/lib/env";
import { createRequest, createTenant } from "@/test/factories";
import { until, workerPool } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { recordEvent } from "./record";
import { DELIVERIES_CHANNEL, EVENT_RETENTION_HOURS, EVENT_TYPES } from "./types";

// What the notification worker does for the event record: it tells open pages that a delivery
// attempt was recorded (not an event, nothing kept), and it prunes events past their retention.

let receiver: WebhookReceiver;
const workers = workerPool();

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(() => workers.stopAll());
afterAll(() => receiver.close());

describe("the worker and the event record", () => {
  test("a recorded callback attempt is announced on commit with its account and request", async () => {
    const { customer } = await createTenant("NL");
    const listener = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    const heard: string[] = [];
    await listener.listen(DELIVERIES_CHANNEL, (payload) => heard.push(payload));
    try {
      const request = await createRequest(customer, { callbackUrl: receiver.url });
      await workers.start();
      await until(() => heard.includes(`${customer.accountId}:${request.id}`), 10_000, "the delivery hint");
      expect(receiver.received.length).toBeGreaterThan(0);
    } finally {
      await listener.end({ timeout: 1 });
    }
  });

  test("events older than the retention are pruned by the worker's sweep; newer ones stay", async () => {
    const { customer } = await createTenant("NL");
    const record = (text: string) =>
      getDb().transaction((tx) => recordEvent(tx, { accountId: customer.accountId, portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { text } }));
    const old = await record("old");
    const fresh = await record("fresh");
    const edge = await record("just inside");
    await getDb().execute(sql`update events set created_at = now() - make_interval(hours => ${EVENT_RETENTION_HOURS + 1}) where message_id = ${old.messageId}`);
    await getDb().execute(sql`update events set created_at = now() - make_interval(hours => ${EVENT_RETENTION_HOURS - 1}) where message_id = ${edge.messageId}`);

    const worker = await workers.start();
    await worker.sweepUploads();
    const left = await getDb().select({ messageId: events.messageId }).from(events).where(eq(events.accountId, customer.accountId));
    expect(left.map((e) => e.messageId).sort()).toEqual([fresh.messageId, edge.messageId].sort());
  });
});

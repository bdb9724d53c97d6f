import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError } from "@/lib/errors";
import { NOTIFY_CHANNEL } from "@/lib/notifications/events";
import { newMessageId } from "@/lib/notifications/webhooks/sign";
import { currentRequestId } from "@/lib/observability/request-context";
import { getEndpointForActor } from "./access";
import { toDeliveryDto, type WebhookDeliveryDto } from "./dto";
import { TEST_EVENT_TYPE } from "./event-catalogue";

export type TestEventBody = { type: typeof TEST_EVENT_TYPE; webhookEndpointId: string; message: string; sentAt: string };

/**
 * Queues a test message for one endpoint: signed and delivered like any event (same worker,
 * retries, URL guard and attempt log), under a new webhook-id and the type `webhook_endpoint.test`.
 * It is not an event: the event stream and the other endpoints never see it.
 */
export async function sendTestWebhook(actor: Actor, id: string, db: Db = getDb()): Promise<WebhookDeliveryDto> {
  return db.transaction(async (tx) => {
    const endpoint = await getEndpointForActor(tx, actor, id, "manage");
    if (!endpoint.enabled) throw new ConflictError("This endpoint is disabled, so nothing is sent to it. Enable it first, then send a test.");
    const messageId = newMessageId();
    const body: TestEventBody = {
      type: TEST_EVENT_TYPE,
      webhookEndpointId: endpoint.id,
      message: "A test from Voice Porting: if the signature verifies with this endpoint's secret, your receiver is ready.",
      sentAt: new Date().toISOString(),
    };
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({
        endpointId: endpoint.id,
        accountId: endpoint.accountId,
        messageId,
        eventMessageId: messageId,
        eventType: TEST_EVENT_TYPE,
        portingRequestId: null,
        body: JSON.stringify(body),
        requestId: currentRequestId(),
      })
      .returning();
    if (!row) throw new Error("sendTestWebhook: insert returned no row");
    await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${endpoint.id})`);
    return toDeliveryDto(row, []);
  });
}

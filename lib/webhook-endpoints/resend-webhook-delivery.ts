import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { webhookDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { NOTIFY_CHANNEL } from "@/lib/notifications/events";
import { newMessageId } from "@/lib/notifications/webhooks/sign";
import { currentRequestId } from "@/lib/observability/request-context";
import { isUuid } from "@/lib/shared/ids";
import { assertEndpointManager, getEndpointForActor } from "./access";

// "Resend" of one webhook delivery, with the rules of the per-request callback's resend
// (lib/notifications/resend-callback.ts, docs/notifications.md):
// - a delivery still being retried is brought forward to now (same webhook-id: it was never acknowledged);
// - a delivered or failed one is sent again as a NEW delivery: the same body under a new webhook-id
//   (a receiver that drops duplicates by webhook-id would drop the old one) with a fresh retry budget;
// - at most one delivery per event and endpoint is pending at a time: resending again brings that
//   one forward instead of queueing another.

export type WebhookResendResult = { deliveryId: string; messageId: string; mode: "retry_now" | "new_delivery" | "already_sending" };

export async function resendWebhookDelivery(actor: Actor, deliveryId: string, db: Db = getDb()): Promise<WebhookResendResult> {
  if (!isUuid(deliveryId)) throw new NotFoundError("webhook delivery");
  return db.transaction(async (tx) => {
    const [original] = await tx
      .select()
      .from(webhookDeliveries)
      .where(actor.role === "customer" ? and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.accountId, actor.accountId)) : eq(webhookDeliveries.id, deliveryId))
      .limit(1);
    if (!original) throw new NotFoundError("webhook delivery");
    assertEndpointManager(actor);
    const endpoint = await getEndpointForActor(tx, actor, original.endpointId, "manage");
    if (!endpoint.enabled) throw new ConflictError("This delivery's endpoint is disabled, so nothing is sent to it. Enable it first, then resend.");
    // Serialises resends of one event to one endpoint: two clicks at once queue one delivery.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhook-resend:${original.endpointId}:${original.eventMessageId}`}, 0))`);

    const [pending] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, original.endpointId), eq(webhookDeliveries.eventMessageId, original.eventMessageId), eq(webhookDeliveries.state, "pending")))
      .limit(1);

    let result: WebhookResendResult;
    if (pending) {
      const [updated] = await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: sql`now()` })
        .where(and(eq(webhookDeliveries.id, pending.id), sql`(${webhookDeliveries.lockedUntil} is null or ${webhookDeliveries.lockedUntil} < now())`))
        .returning({ id: webhookDeliveries.id });
      result = { deliveryId: pending.id, messageId: pending.messageId, mode: updated ? "retry_now" : "already_sending" };
    } else {
      const [created] = await tx
        .insert(webhookDeliveries)
        .values({
          endpointId: original.endpointId,
          accountId: original.accountId,
          messageId: newMessageId(),
          eventMessageId: original.eventMessageId,
          eventType: original.eventType,
          portingRequestId: original.portingRequestId,
          body: original.body,
          requestId: currentRequestId(),
        })
        .returning({ id: webhookDeliveries.id, messageId: webhookDeliveries.messageId });
      result = { deliveryId: created!.id, messageId: created!.messageId, mode: "new_delivery" };
    }
    await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${original.endpointId})`);
    return result;
  });
}

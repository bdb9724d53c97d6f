import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "@/db";
import { callbackDeliveries } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { getPortingRequestRowForActor } from "@/lib/porting/queries";
import { parseInput } from "@/lib/shared/validation";
import { NOTIFY_CHANNEL } from "./events";
import { getCallbackDeliveryForActor } from "./queries";
import { newMessageId } from "./webhooks/sign";

// "Resend callback" on the request page, for the customer of the account and for support.
//
// - A delivery still being retried is not duplicated: its next attempt is brought forward to now
//   (same webhook-id; it was never acknowledged).
// - A delivered or failed one is sent again as a NEW delivery: the same body (the request as it
//   was after that change, never the current state) under a new webhook-id, with a fresh retry
//   budget. A new id because a receiver that de-duplicates by webhook-id (as the docs ask) would
//   drop the old one, which defeats the point of resending; the body carries `version`, so a
//   receiver can still tell an old state from a newer one.
// - At most one delivery per status change is pending at a time: resending again while one is
//   pending brings that one forward instead of queueing another (no amplification).

export const resendCallbackSchema = z.object({
  deliveryId: z.string({ error: "The callback delivery id is missing." }).max(100, "This is not a callback delivery id."),
  // The API names the request in its path (POST …/{id}/notifications): a delivery of another request is a not-found.
  portingRequestId: z.string().max(100).optional(),
});

export type ResendResult = {
  /** The delivery that will be attempted now. */
  deliveryId: string;
  messageId: string;
  mode: "retry_now" | "new_delivery" | "already_sending";
};

export async function resendCallback(actor: Actor, input: z.input<typeof resendCallbackSchema>, db: Db = getDb()): Promise<ResendResult> {
  const { deliveryId, portingRequestId } = parseInput(resendCallbackSchema, input);
  return db.transaction(async (tx) => {
    if (portingRequestId !== undefined) await getPortingRequestRowForActor(tx, actor, portingRequestId);
    const original = await getCallbackDeliveryForActor(actor, deliveryId, tx);
    if (portingRequestId !== undefined && original.portingRequestId !== portingRequestId) throw new NotFoundError("callback delivery");
    // Serialises resends of one status change: two clicks at once create one delivery.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`resend:${original.eventId}`}, 0))`);

    const [pending] = await tx
      .select()
      .from(callbackDeliveries)
      .where(
        and(
          eq(callbackDeliveries.eventId, original.eventId),
          eq(callbackDeliveries.url, original.url),
          eq(callbackDeliveries.state, "pending"),
        ),
      )
      .limit(1);

    let result: ResendResult;
    if (pending) {
      const [updated] = await tx
        .update(callbackDeliveries)
        .set({ nextAttemptAt: sql`now()` })
        .where(and(eq(callbackDeliveries.id, pending.id), sql`(${callbackDeliveries.lockedUntil} is null or ${callbackDeliveries.lockedUntil} < now())`))
        .returning({ id: callbackDeliveries.id });
      result = { deliveryId: pending.id, messageId: pending.messageId, mode: updated ? "retry_now" : "already_sending" };
    } else {
      const [created] = await tx
        .insert(callbackDeliveries)
        .values({
          messageId: newMessageId(),
          portingRequestId: original.portingRequestId,
          accountId: original.accountId,
          eventId: original.eventId,
          eventType: original.eventType,
          url: original.url,
          body: original.body,
        })
        .returning({ id: callbackDeliveries.id, messageId: callbackDeliveries.messageId });
      result = { deliveryId: created!.id, messageId: created!.messageId, mode: "new_delivery" };
    }
    await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${original.portingRequestId})`);
    return result;
  });
}

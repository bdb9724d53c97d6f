// No "server-only": the notification worker (scripts/worker.ts, plain Node) records the events of
// the requests it completes at their confirmed porting moment (lib/porting/scheduled-completions.ts).
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { events, portingRequests } from "@/db/schema";
import { queueEndpointDeliveries } from "./endpoint-deliveries";
import { newMessageId } from "./message-id";
import { EVENTS_CHANNEL, type EventType } from "./types";

export type NewEvent = {
  accountId: string;
  /** The request it is about; null for an account-level event. */
  portingRequestId: string | null;
  type: EventType;
  /**
   * The JSON the stream's `data:` (and webhook endpoints) carry: a string is kept byte for byte
   * (a status change passes the GET JSON it also gives its callback), anything else is
   * JSON.stringify'd.
   */
  body: string | object;
  /** The webhook-id; a new `msg_…` when absent. Pass one only to share it with a delivery row. */
  messageId?: string;
};

export type RecordedEvent = { id: number; messageId: string };

/**
 * Records one event in the caller's transaction, queues it for the account's subscribed webhook
 * endpoints (lib/events/endpoint-deliveries.ts), and wakes every instance's event listener (and
 * the notification workers) when that transaction commits (pg_notify is delivered only on commit; a rollback takes the event
 * away with the change). Call it inside the transaction that makes the change, never after it.
 */
export async function recordEvent(tx: Executor, event: NewEvent): Promise<RecordedEvent> {
  const messageId = event.messageId ?? newMessageId();
  const body = typeof event.body === "string" ? event.body : JSON.stringify(event.body);
  const [row] = await tx
    .insert(events)
    .values({
      messageId,
      accountId: event.accountId,
      portingRequestId: event.portingRequestId,
      type: event.type,
      body,
      // A sandbox request's events are the sandbox's (test keys' streams only), whoever records them.
      sandbox: event.portingRequestId
        ? sql`coalesce((select ${portingRequests.sandbox} from ${portingRequests} where ${portingRequests.id} = ${event.portingRequestId}), false)`
        : false,
    })
    .returning({ id: events.id });
  if (!row) throw new Error("recordEvent: insert returned no row");
  // The account's subscribed webhook endpoints get it too, queued in this same transaction.
  await queueEndpointDeliveries(tx, row.id);
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${event.accountId})`);
  return { id: row.id, messageId };
}

// No "server-only": the notification worker (scripts/worker.ts, plain Node) records events (and so
// queues their endpoint deliveries) for the requests it completes at their porting moment.
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { currentRequestId } from "@/lib/observability/request-context";

// The webhook endpoints' share of an event (issue 15 item 1; DESIGN.md, Events): one delivery per
// enabled endpoint of the event's account that subscribes to its type (an empty list means every
// type), inserted by ONE statement in the transaction that records the event. So a rolled-back
// change queues nothing, a committed one always has its deliveries, and an endpoint created or
// disabled concurrently either sees the event or does not, never half. The body is the event's own
// text and the webhook-id its message_id: the stream, the per-request callback and every endpoint
// name one change by one id. The notification worker wakes on the events channel (lib/events/types).

/** Queues the event `eventId` (just inserted in `tx`) for its account's subscribed endpoints; how many were queued. */
export async function queueEndpointDeliveries(tx: Executor, eventId: number): Promise<number> {
  const rows = await tx.execute<{ id: string }>(sql`
    insert into webhook_deliveries (endpoint_id, account_id, message_id, event_message_id, event_type, porting_request_id, body, request_id)
    select w.id, e.account_id, e.message_id, e.message_id, e.type, e.porting_request_id, e.body, ${currentRequestId() ?? null}
      from events e
      join webhook_endpoints w on w.account_id = e.account_id
     where e.id = ${eventId}
       and w.enabled
       and (cardinality(w.event_types) = 0 or e.type = any(w.event_types))
    returning id`);
  return rows.length;
}

import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "@/db/schema";

// No "server-only": the notification worker (scripts/worker.ts, plain Node) runs this.

/**
 * How long a webhook endpoint's finished deliveries (and their attempts) stay in its log: long
 * enough to look back over a month of "did they get it?", bounded because every event is one row
 * per subscribed endpoint. Pending ones are never pruned.
 */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;

const BATCH = 1_000;

/** Deletes finished webhook deliveries past their retention in small batches (as lib/events/prune.ts); how many. */
export async function deleteExpiredWebhookDeliveries(db: PostgresJsDatabase<typeof schema>, retentionDays = WEBHOOK_DELIVERY_RETENTION_DAYS): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.execute<{ id: string }>(sql`
      delete from webhook_deliveries
      where id in (
        select id from webhook_deliveries
        where created_at < now() - make_interval(days => ${retentionDays}) and state <> 'pending'
        order by created_at
        limit ${BATCH}
        for update skip locked
      )
      returning id`);
    total += deleted.length;
    if (deleted.length < BATCH) return total;
  }
}

import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "@/db/schema";
import { EVENT_RETENTION_HOURS } from "./types";

// No "server-only": the notification worker (scripts/worker.ts, plain Node) runs this.

const BATCH = 1_000;

/**
 * Deletes events older than EVENT_RETENTION_HOURS, in small batches (short locks, bounded WAL per
 * statement); returns how many. The notification worker runs it with its other sweeps, so every
 * deployment prunes without an extra process; several workers at once delete each row once.
 */
export async function deleteExpiredEvents(db: PostgresJsDatabase<typeof schema>, retentionHours = EVENT_RETENTION_HOURS): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.execute<{ id: string }>(sql`
      delete from events
      where id in (
        select id from events
        where created_at < now() - make_interval(hours => ${retentionHours})
        order by created_at
        limit ${BATCH}
        for update skip locked
      )
      returning id`);
    total += deleted.length;
    if (deleted.length < BATCH) return total;
  }
}

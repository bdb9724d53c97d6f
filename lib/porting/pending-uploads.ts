import { sql } from "drizzle-orm";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "@/db/schema";
import { UPLOAD_TTL_HOURS } from "./upload-ttl";

// No "server-only": the notification worker (scripts/worker.ts, plain Node) runs this sweep.

// Uploads (POST /api/v1/documents) that no request named within UPLOAD_TTL_HOURS are deleted. The
// notification worker runs this every SWEEP_INTERVAL_MS (and once at its start): it runs wherever
// the app runs (inside npm start, or as npm run worker), so no extra process is needed, and several
// workers sweeping at once only delete the same rows once. A create never takes an upload older
// than the limit even before the sweep has run (documents.ts resolveStoredUploads), so the rule
// holds to the second; the sweep only gives the space back.

export const SWEEP_INTERVAL_MS = 10 * 60_000;
const BATCH = 200;

/** Deletes expired uploads in small batches (short locks, bounded WAL per statement); returns how many. */
export async function deleteExpiredUploads(db: PostgresJsDatabase<typeof schema>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.execute<{ id: string }>(sql`
      delete from porting_request_documents
      where id in (
        select id from porting_request_documents
        where porting_request_id is null and created_at <= now() - make_interval(hours => ${UPLOAD_TTL_HOURS})
        order by created_at
        limit ${BATCH}
        for update skip locked
      )
      returning id`);
    total += deleted.length;
    if (deleted.length < BATCH) return total;
  }
}

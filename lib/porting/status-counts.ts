// No "server-only": the notification worker (scripts/worker.ts, plain Node) completes requests at
// their confirmed porting moment (lib/porting/scheduled-completions.ts), which moves these counts.
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { portingRequestCounts } from "@/db/schema";
import { PORTING_STATUSES, type PortingStatus } from "./values";

// porting_request_counts is kept in the same transaction as every create and transition, so the
// status tabs read a handful of rows instead of counting a million requests.

/**
 * Adds `deltas` to the account's per-status counts in ONE statement. Rows are written in the fixed
 * order of PORTING_STATUSES: two transactions that move counts in opposite directions
 * (a: delayed→ready, b: ready→… on the same account) then lock the rows in the same order and
 * cannot deadlock.
 */
export async function adjustStatusCounts(
  tx: Executor,
  accountId: string,
  deltas: Partial<Record<PortingStatus, number>>,
): Promise<void> {
  const rows = PORTING_STATUSES.flatMap((status) => {
    const delta = deltas[status] ?? 0;
    return delta === 0 ? [] : [{ accountId, status, count: delta }];
  });
  if (rows.length === 0) return;
  await tx
    .insert(portingRequestCounts)
    .values(rows)
    .onConflictDoUpdate({
      target: [portingRequestCounts.accountId, portingRequestCounts.status],
      set: { count: sql`${portingRequestCounts.count} + excluded.count` },
    });
}

import type postgres from "postgres";
import os from "node:os";
import { workerSnapshot, type Snapshot } from "./metrics";

// The notification workers' delivery-attempt counters reach GET /api/metrics through the
// database: each worker process upserts its prom-client snapshot into worker_metrics every
// FLUSH_MS and when it stops; the web instances serve the sum of the snapshots of the workers
// that reported within REPORTING_WINDOW. A worker that restarts starts a new row at zero, and
// its old row ages out: Prometheus sees a counter reset, which rate() and increase() handle.
//
// Not "server-only": the worker is a plain Node process (scripts/worker.ts), not React.

export const FLUSH_MS = 10_000;
export const REPORTING_WINDOW_MINUTES = 10;

export function workerId(): string {
  return `${os.hostname()}:${process.pid}`;
}

export async function storeWorkerMetrics(sql: postgres.Sql, id: string, startedAt: Date): Promise<void> {
  // Text cast to jsonb: drizzle's client passes json and date parameters through unserialized.
  const snapshot = await workerSnapshot();
  await sql`
    insert into worker_metrics (worker_id, metrics, started_at, updated_at)
    values (${id}, ${JSON.stringify(snapshot)}::jsonb, ${startedAt.toISOString()}::timestamptz, now())
    on conflict (worker_id) do update set metrics = excluded.metrics, updated_at = now()`;
  // Rows of workers long gone.
  await sql`delete from worker_metrics where updated_at < now() - interval '1 day'`;
}

export type WorkerReport = { snapshots: Snapshot[]; reporting: number };

export async function loadWorkerMetrics(sql: postgres.Sql): Promise<WorkerReport> {
  const rows = await sql<{ metrics: Snapshot | string; recent: boolean }[]>`
    select metrics, updated_at > now() - interval '1 minute' as recent from worker_metrics
     where updated_at > now() - make_interval(mins => ${REPORTING_WINDOW_MINUTES})`;
  // Parsed by postgres.js, or text where a client's parsers leave jsonb alone.
  const snapshots = rows.map((r) => (typeof r.metrics === "string" ? (JSON.parse(r.metrics) as Snapshot) : r.metrics));
  return { snapshots, reporting: rows.filter((r) => r.recent).length };
}

import "server-only";
import { Gauge, Registry } from "prom-client";
import { getClient } from "@/db";
import { EMAIL_NOT_SENT } from "./events";
import { PREFIX, CONTENT_TYPE, metrics, workerExposition } from "@/lib/observability/metrics";
import { poolApplicationName, WEB_POOL_MAX } from "@/lib/observability/pool";
import { loadWorkerMetrics } from "@/lib/observability/worker-metrics";

// What GET /api/metrics reads from the database at scrape time: the delivery queue (so every
// instance reports the same numbers, whichever worker holds a row), the workers' attempt
// counters, and this process's connections as PostgreSQL sees them.

export type QueueState = {
  kind: "email" | "callback";
  pending: number;
  inFlight: number;
  retrying: number;
  failed24h: number;
  notSent24h: number;
  oldestPendingSeconds: number;
};

// Pending rows are few and under a partial index; failed/unsent are bounded to the last day
// through (state, created_at) indexes, so a scrape costs the same with a million requests.
// An email no worker will send for want of an SMTP server (pending, never attempted, noted so)
// counts as not_sent, as support's outbox shows it, not as a pending delivery.
export async function readQueue(): Promise<QueueState[]> {
  const { sql } = getClient();
  const noSmtp = EMAIL_NOT_SENT.noSmtp;
  const rows = await sql<{ kind: "email" | "callback"; pending: string; in_flight: string; retrying: string; failed: string; not_sent: string; oldest: string | null }[]>`
    with email_pending as (
      select locked_until, last_error, created_at from email_messages
       where state = 'pending' and not (attempts = 0 and last_error is not null and last_error = ${noSmtp})
    ), callback_pending as (
      select locked_until, last_error, created_at from callback_deliveries where state = 'pending'
    )
    select 'email' as kind,
           (select count(*) from email_pending where locked_until is null or locked_until <= now()) as pending,
           (select count(*) from email_pending where locked_until > now()) as in_flight,
           (select count(*) from email_pending where last_error is not null) as retrying,
           (select count(*) from email_messages where state = 'failed' and created_at > now() - interval '24 hours') as failed,
           (select count(*) from email_messages
             where (state = 'not_sent' or (state = 'pending' and attempts = 0 and last_error = ${noSmtp}))
               and created_at > now() - interval '24 hours') as not_sent,
           (select extract(epoch from now() - min(created_at)) from email_pending)::text as oldest
    union all
    select 'callback',
           (select count(*) from callback_pending where locked_until is null or locked_until <= now()),
           (select count(*) from callback_pending where locked_until > now()),
           (select count(*) from callback_pending where last_error is not null),
           (select count(*) from callback_deliveries where state = 'failed' and created_at > now() - interval '24 hours'),
           0,
           (select extract(epoch from now() - min(created_at)) from callback_pending)::text`;
  return rows.map((r) => ({
    kind: r.kind,
    pending: Number(r.pending),
    inFlight: Number(r.in_flight),
    retrying: Number(r.retrying),
    failed24h: Number(r.failed),
    notSent24h: Number(r.not_sent),
    oldestPendingSeconds: r.oldest === null ? 0 : Math.max(0, Math.round(Number(r.oldest))),
  }));
}

async function readPool(): Promise<{ open: number; busy: number }> {
  const { sql } = getClient();
  const [row] = await sql<{ open: string; busy: string }[]>`
    select count(*) as open, count(*) filter (where state <> 'idle' and pid <> pg_backend_pid()) as busy
      from pg_stat_activity where application_name = ${poolApplicationName("web")}`;
  return { open: Number(row?.open ?? 0), busy: Number(row?.busy ?? 0) };
}

function gauge(registry: Registry, name: string, help: string, labelNames: string[] = []) {
  return new Gauge({ name: `${PREFIX}${name}`, help, labelNames, registers: [registry] });
}

/** The whole exposition: this instance's metrics, the queue and the workers' counters. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  // The pool first, while the scrape holds no other connection.
  const pool = await readPool();
  const [queue, workers] = await Promise.all([readQueue(), loadWorkerMetrics(getClient().sql)]);
  const scrape = new Registry();
  const deliveries = gauge(scrape, "deliveries", "Deliveries by kind and state: pending (waiting, due or scheduled), in_flight (held by a worker), failed and not_sent (given up, created in the last 24 hours).", ["kind", "state"]);
  const retrying = gauge(scrape, "deliveries_retrying", "Pending deliveries whose last attempt failed (support's failing callbacks, the outbox's retries).", ["kind"]);
  const oldest = gauge(scrape, "delivery_oldest_pending_age_seconds", "Age of the oldest pending delivery (0 when none is pending).", ["kind"]);
  for (const q of queue) {
    deliveries.set({ kind: q.kind, state: "pending" }, q.pending);
    deliveries.set({ kind: q.kind, state: "in_flight" }, q.inFlight);
    deliveries.set({ kind: q.kind, state: "failed" }, q.failed24h);
    if (q.kind === "email") deliveries.set({ kind: q.kind, state: "not_sent" }, q.notSent24h);
    retrying.set({ kind: q.kind }, q.retrying);
    oldest.set({ kind: q.kind }, q.oldestPendingSeconds);
  }
  gauge(scrape, "workers_reporting", "Notification workers that reported their counters in the last minute (0: nothing is delivering).").set(workers.reporting);
  const poolGauge = gauge(scrape, "db_pool_connections", "This instance's database connections as PostgreSQL sees them: open, and busy (running a query or in a transaction, not counting the scrape's own). Queries waiting for a free connection cannot be read from postgres.js.", ["state"]);
  poolGauge.set({ state: "open" }, pool.open);
  poolGauge.set({ state: "busy" }, pool.busy);
  gauge(scrape, "db_pool_max", "The most connections this instance's pool opens.").set(WEB_POOL_MAX);

  const parts = await Promise.all([metrics().registry.metrics(), scrape.metrics(), workerExposition(workers.snapshots)]);
  return { body: parts.map((p) => p.trimEnd()).join("\n\n") + "\n", contentType: CONTENT_TYPE };
}

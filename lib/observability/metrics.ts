import client, { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from "prom-client";

// Prometheus metrics (GET /api/metrics; docs/operations.md lists each with its alert).
//
// Three sources, each counted where it happens:
//  - this web instance's own: HTTP requests, status changes, sign-ins, its database pool and the
//    Node process (`registry`);
//  - the notification workers' delivery attempts (`workerRegistry`): a worker runs in its own
//    process, so every worker stores a snapshot of its counters in the worker_metrics table every
//    few seconds and each web instance serves their sum (lib/observability/worker-metrics.ts);
//  - the queue (pending, in flight, failed, oldest pending) read from the database at scrape time
//    (lib/notifications/queue-metrics.ts), so every instance reports the same numbers.
// Kept on globalThis: Next.js may load this module more than once in one process.

export const PREFIX = "voice_porting_";

type Metrics = ReturnType<typeof createMetrics>;

function createMetrics() {
  const registry = new Registry();
  const workerRegistry = new Registry();
  client.collectDefaultMetrics({ register: registry, prefix: PREFIX });

  const httpRequests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: "HTTP requests answered by route handlers, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: "Time to answer an HTTP request, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const statusChanges = new Counter({
    name: `${PREFIX}status_changes_total`,
    help: "Porting request status changes made by this instance, by country, from and to status (from=\"none\" for a new request).",
    labelNames: ["country", "from", "to"] as const,
    registers: [registry],
  });
  const signInFailures = new Counter({
    name: `${PREFIX}sign_in_failures_total`,
    help: "Sign-ins refused for a wrong email or password.",
    registers: [registry],
  });
  const signInThrottled = new Counter({
    name: `${PREFIX}sign_in_throttled_total`,
    help: "Sign-ins refused because the address or account made too many attempts.",
    registers: [registry],
  });
  const deliveryAttempts = new Counter({
    name: `${PREFIX}delivery_attempts_total`,
    help: "Email and callback delivery attempts by all workers, by kind and result (delivered, retry, failed).",
    labelNames: ["kind", "result"] as const,
    registers: [workerRegistry],
  });
  const deliveryDuration = new Histogram({
    name: `${PREFIX}delivery_attempt_duration_seconds`,
    help: "Duration of email and callback delivery attempts by all workers, by kind and result.",
    labelNames: ["kind", "result"] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [workerRegistry],
  });
  // Read at scrape time from the instance's event hub (lib/events/hub.ts), which reports itself here.
  new Gauge({
    name: `${PREFIX}event_streams`,
    help: "Event streams open on this instance (GET /api/v1/events and the pages' GET /api/live).",
    registers: [registry],
    collect() {
      this.set(holder.__vpEventStreams?.().open ?? 0);
    },
  });
  new Gauge({
    name: `${PREFIX}event_listener_connected`,
    help: "1 while this instance's LISTEN connection for events is up, 0 while it reconnects (pages fall back to slow polling meanwhile; nothing is lost).",
    registers: [registry],
    collect() {
      this.set(holder.__vpEventStreams?.().listening ? 1 : 0);
    },
  });
  return { registry, workerRegistry, httpRequests, httpDuration, statusChanges, signInFailures, signInThrottled, deliveryAttempts, deliveryDuration };
}

type EventStreamSource = () => { open: number; listening: boolean };
const holder = globalThis as unknown as { __vpMetrics?: Metrics; __vpEventStreams?: EventStreamSource };

/** The event hub says how to read its open streams and its LISTEN connection (one hub per process). */
export function reportEventStreams(source: EventStreamSource): void {
  holder.__vpEventStreams = source;
}

export function metrics(): Metrics {
  holder.__vpMetrics ??= createMetrics();
  return holder.__vpMetrics;
}

export function recordHttpRequest(method: string, route: string, status: number, seconds: number): void {
  const labels = { method, route, status: String(status) };
  metrics().httpRequests.inc(labels);
  metrics().httpDuration.observe(labels, seconds);
}

export function recordStatusChange(country: string, from: string | null, to: string): void {
  metrics().statusChanges.inc({ country, from: from ?? "none", to });
}

export function recordSignInFailure(): void {
  metrics().signInFailures.inc();
}

export function recordSignInThrottled(): void {
  metrics().signInThrottled.inc();
}

export type DeliveryKind = "email" | "callback" | "webhook";
export type DeliveryResult = "delivered" | "retry" | "failed";

export function recordDeliveryAttempt(kind: DeliveryKind, result: DeliveryResult, seconds: number): void {
  metrics().deliveryAttempts.inc({ kind, result });
  metrics().deliveryDuration.observe({ kind, result }, seconds);
}

/** A worker's counters as JSON, to be stored for the web instances to serve. */
export type Snapshot = object[];

export function workerSnapshot(): Promise<Snapshot> {
  return metrics().workerRegistry.getMetricsAsJSON();
}

/** The sum of the workers' snapshots; with none, this process's own (zero) worker metrics. */
export async function workerExposition(snapshots: Snapshot[]): Promise<string> {
  if (snapshots.length === 0) return metrics().workerRegistry.metrics();
  return AggregatorRegistry.aggregate(snapshots).metrics();
}

export const CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

import { env } from "@/lib/env";
import { NotificationWorker, type WorkerOptions } from "@/lib/notifications/worker";

// A notification worker for tests: the real class against this file's database, with a retry
// schedule of milliseconds (same code path as the production hours) and a quiet log.

export const TEST_SCHEDULE = { delaysMs: [40, 40, 40, 40, 40, 40, 40, 40, 40], jitter: 0 } as const;

export function testWorkerOptions(overrides: Partial<WorkerOptions> = {}): WorkerOptions {
  return {
    databaseUrl: env.DATABASE_URL!,
    smtpUrl: null,
    pollIntervalMs: 40,
    leaseMs: 3_000,
    callbackTimeoutMs: 1_500,
    urlGuard: { resolveTimeoutMs: 200 },
    callbackSchedule: TEST_SCHEDULE,
    emailSchedule: TEST_SCHEDULE,
    log: () => {},
    ...overrides,
  };
}

export function testWorker(overrides: Partial<WorkerOptions> = {}): NotificationWorker {
  return new NotificationWorker(testWorkerOptions(overrides));
}

/** Polls `check` until it returns a truthy value (or throws its last error after `timeoutMs`). No fixed sleeps. */
export async function until<T>(check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError instanceof Error ? lastError : new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The workers one test file starts: `start` them in tests, `stopAll` in afterEach. */
export function workerPool() {
  const workers: NotificationWorker[] = [];
  return {
    async start(overrides: Partial<WorkerOptions> = {}): Promise<NotificationWorker> {
      const worker = testWorker(overrides);
      workers.push(worker);
      await worker.start();
      return worker;
    },
    stopAll: () => Promise.all(workers.splice(0).map((w) => w.stop())),
  };
}

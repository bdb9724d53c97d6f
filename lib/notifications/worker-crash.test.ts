import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "@/db";
import { callbackAttempts, callbackDeliveries } from "@/db/schema";
import { env } from "@/lib/env";
import { createRequest, createTenant } from "@/test/factories";
import { until } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";

// A crash mid-delivery loses nothing: the worker runs in a child process, is killed with SIGKILL
// while the receiver holds its request open, and another worker process delivers after the
// dead one's lease expires. Exactly one successful delivery is recorded.

const root = path.resolve(import.meta.dirname, "..", "..");
// The lease outlasts the attempt's own timeout (the worker insists), and is short enough for a test.
const OPTIONS = { leaseMs: 4_000, callbackTimeoutMs: 3_000, pollIntervalMs: 50, urlGuard: { resolveTimeoutMs: 200 } };

let receiver: WebhookReceiver;
const children: ChildProcess[] = [];

function startWorkerProcess(): Promise<{ child: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/notification-worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL, WORKER_TEST_OPTIONS: JSON.stringify(OPTIONS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(...chunk.toString().split("\n").filter(Boolean));
      if (output.includes("ready")) resolve({ child, output });
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("exit", (code) => reject(new Error(`worker exited early (${code}): ${output.join("\n")}`)));
  });
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await receiver?.close();
});

test("a worker killed mid-delivery: another worker delivers after the lease expires, one success recorded", { timeout: 60_000 }, async () => {
  const { customer } = await createTenant("NL");
  receiver.script([{ hang: true }], { status: 200 });
  const request = await createRequest(customer, { callbackUrl: receiver.url });

  const first = await startWorkerProcess();
  await until(() => receiver.hanging() === 1, 15_000, "the first worker's request to arrive");
  const exited = new Promise((resolve) => first.child.once("exit", resolve));
  first.child.kill("SIGKILL");
  await exited;

  const [leased] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id));
  expect(leased).toMatchObject({ state: "pending", attempts: 1 });
  expect(leased!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() - 1_000);

  await startWorkerProcess();
  const [delivered] = await until(async () => {
    const rows = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id));
    return rows[0]?.state === "delivered" ? rows : null;
  }, 20_000, "the delivery after the restart");

  expect(delivered).toMatchObject({ attempts: 2, lastStatusCode: 200 });
  const attempts = await getDb().select().from(callbackAttempts).where(eq(callbackAttempts.deliveryId, delivered!.id)).orderBy(asc(callbackAttempts.attempt));
  expect(attempts.map((a) => [a.attempt, a.statusCode])).toEqual([
    [1, null],
    [2, 200],
  ]);
  expect(attempts[0]!.error).toMatch(/worker stopped during this attempt/);
  expect(attempts.filter((a) => a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300)).toHaveLength(1);
  // Both attempts reached the receiver with the same webhook-id: at least once, de-duplicable.
  const mine = receiver.received.filter((r) => (JSON.parse(r.body) as { id: string }).id === request.id);
  expect(mine.map((r) => r.answered)).toEqual(["destroyed", 200]);
  expect(new Set(mine.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivered!.messageId]));
});

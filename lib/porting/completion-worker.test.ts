import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequestEvents, portingRequests, scheduledCompletions, voiceNumbers } from "@/db/schema";
import { env } from "@/lib/env";
import { createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { until } from "@/test/notifications";
import { scheduleIn, schedulesOf } from "@/test/schedule";
import { CompletionWorker } from "./completion-worker";

// The runner that completes requests at their confirmed moment, as the worker process runs it:
// on the real clock (a moment a few seconds ahead, no fake timers), in processes of its own that
// are killed with SIGKILL mid-claim, and two at once. Each request is completed exactly once.

const root = path.resolve(import.meta.dirname, "..", "..");
const children: ChildProcess[] = [];
const inProcess: CompletionWorker[] = [];

function startProcess(options: Record<string, unknown>): Promise<{ child: ChildProcess; output: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/completion-worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL, COMPLETION_TEST_OPTIONS: JSON.stringify(options) },
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

afterEach(async () => {
  await Promise.all(inProcess.splice(0).map((w) => w.stop()));
});

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

const completionsOf = (ids: string[]) =>
  getDb()
    .select({ id: portingRequestEvents.portingRequestId })
    .from(portingRequestEvents)
    .where(and(inArray(portingRequestEvents.portingRequestId, ids), eq(portingRequestEvents.toStatus, "completed")));

async function germanInProgress(accountId?: string) {
  const account = accountId ?? (await createTenant("DE")).customer.accountId;
  return insertRequestInStatus({ accountId: account, status: "in_progress", country: "DE" });
}

test("completes a request at its moment on the real clock, not before, and once", { timeout: 30_000 }, async () => {
  const request = await germanInProgress();
  const support = await createSupport("Sam Support");
  const worker = new CompletionWorker({ databaseUrl: env.DATABASE_URL!, pollIntervalMs: 500, log: () => {} });
  inProcess.push(worker);
  await worker.start();
  const at = await scheduleIn(support, request.id, 3_000);

  const completed = await until(async () => {
    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, request.id));
    return row?.status === "completed" ? row : null;
  }, 15_000, "the completion at its moment");
  // At the moment (the database's now() passed it), and within a poll of it.
  expect(completed.statusChangedAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
  expect(completed.statusChangedAt.getTime() - at.getTime()).toBeLessThan(1_500);
  expect(completed.scheduledPortingAt).toBeNull();
  expect(await completionsOf([request.id])).toHaveLength(1);
  expect(await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, request.id))).toHaveLength(1);
  expect((await schedulesOf(request.id)).map((r) => [r.state, r.attempts])).toEqual([["completed", 1]]);
});

test("a worker killed mid-claim: the lease runs out, another worker completes it, once", { timeout: 60_000 }, async () => {
  const request = await germanInProgress();
  const support = await createSupport();
  await scheduleIn(support, request.id, 500);
  const options = { leaseMs: 2_000, pollIntervalMs: 100 };

  // Hold the request's row lock, so the first worker claims the job and then waits inside its
  // completion transaction; kill it there.
  const db = getDb();
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const holding = db.transaction(async (tx) => {
    await tx.select().from(portingRequests).where(eq(portingRequests.id, request.id)).for("update");
    await released;
  });
  const first = await startProcess(options);
  await until(async () => (await schedulesOf(request.id))[0]?.attempts === 1, 15_000, "the first worker's claim");
  // Its completion transaction is waiting for the lock we hold.
  await until(async () => {
    const waiting = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    return waiting[0]!.n > 0;
  }, 10_000, "the first worker to wait for the request's lock");
  const exited = new Promise((resolve) => first.child.once("exit", resolve));
  first.child.kill("SIGKILL");
  await exited;
  release();
  await holding;

  const [leased] = await schedulesOf(request.id);
  expect(leased).toMatchObject({ state: "pending", attempts: 1 });

  const second = await startProcess(options);
  await until(async () => (await schedulesOf(request.id))[0]?.state === "completed", 20_000, "the completion after the restart");
  const [done] = await schedulesOf(request.id);
  expect(done).toMatchObject({ state: "completed", attempts: 2 });
  expect(await completionsOf([request.id])).toHaveLength(1);
  expect(await db.select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, request.id))).toHaveLength(1);
  expect(second.output.join("\n")).toMatch(new RegExp(`${request.id}: completed`));
  second.child.kill("SIGTERM");
});

test("two worker processes, many moments: every request completed exactly once", { timeout: 60_000 }, async () => {
  const { customer } = await createTenant("DE");
  const support = await createSupport();
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push((await germanInProgress(customer.accountId)).id);
  const options = { leaseMs: 5_000, pollIntervalMs: 100 };
  const workers = await Promise.all([startProcess(options), startProcess(options)]);
  for (const [i, id] of ids.entries()) await scheduleIn(support, id, 1_500 + (i % 3) * 100);

  await until(async () => {
    const rows = await getDb().select().from(scheduledCompletions).where(inArray(scheduledCompletions.portingRequestId, ids));
    return rows.every((r) => r.state === "completed") ? rows : null;
  }, 30_000, "every completion");
  const events = await completionsOf(ids);
  expect(events.map((e) => e.id).sort()).toEqual([...ids].sort());
  const lines = workers.flatMap((w) => w.output.filter((l) => l.includes(": completed")));
  expect(lines).toHaveLength(ids.length);
  for (const w of workers) w.child.kill("SIGTERM");
});

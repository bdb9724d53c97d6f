import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { callbackDeliveries, emailMessages, portingRequestEvents } from "@/db/schema";
import { env } from "@/lib/env";
import { createRequest, createTenant } from "@/test/factories";
import { failFirstWrite } from "@/test/faults";
import { runSandboxRound } from "./sandbox-provider";

// The simulated provider's claim, against real PostgreSQL and the real clock (no worker loop in
// this file, so each round is the test's own): a request another worker holds is skipped, not
// waited for; a worker that dies mid-step leaves nothing behind and the next round takes the step;
// a step whose write fails is rolled back alone and retried; and rounds racing each other step a
// request once.

const STEP = 0.2;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function sandboxRequest(number = "+31209990001") {
  const { customer } = await createTenant("NL");
  return createRequest({ ...customer, sandbox: true }, { phoneNumbers: [number], callbackUrl: "http://127.0.0.1:9/callback" });
}

async function historyOf(id: string) {
  const rows = await getDb().select().from(portingRequestEvents).where(eq(portingRequestEvents.portingRequestId, id)).orderBy(asc(portingRequestEvents.id));
  return rows.map((r) => r.toStatus);
}

describe("the simulated provider's rounds", () => {
  test("a request held by another worker is skipped, not awaited; when that worker dies the next round takes the step, once", async () => {
    const request = await sandboxRequest();
    expect(request.sandbox).toBe(true);
    await pause(STEP * 1_000 + 100);

    // "Another worker": a connection of its own that has locked the request mid-step.
    const other = postgres(env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let pid = 0;
    const locked = new Promise<void>((resolve) => {
      void other
        .begin(async (tx) => {
          const [row] = await tx<{ pid: number }[]>`select pg_backend_pid() as pid from porting_requests where id = ${request.id} for update`;
          pid = row!.pid;
          resolve();
          await released;
        })
        .catch(() => {});
    });
    await locked;

    const started = Date.now();
    const skipped = await runSandboxRound(getDb(), { stepSeconds: STEP });
    expect(skipped.filter((s) => s.portingRequestId === request.id)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);

    // That worker dies: its transaction rolls back and its lock goes.
    await getDb().execute(sql`select pg_terminate_backend(${pid})`);
    release();
    await other.end({ timeout: 1 }).catch(() => {});

    const stepped = await runSandboxRound(getDb(), { stepSeconds: STEP });
    expect(stepped.filter((s) => s.portingRequestId === request.id)).toEqual([
      { result: "stepped", portingRequestId: request.id, reference: request.reference, from: "requested", to: "in_progress" },
    ]);
    expect(await historyOf(request.id)).toEqual(["requested", "in_progress"]);
  });

  test("a step whose write fails is rolled back alone (no history, email or callback) and taken by the next round", async () => {
    const failing = await sandboxRequest("+31209990002");
    const fine = await sandboxRequest("+31209990003");
    await pause(STEP * 1_000 + 100);
    const fault = await failFirstWrite({
      name: "sandbox_step_fault",
      table: "porting_requests",
      when: `new.id = '${failing.id}' and new.status = 'in_progress'`,
    });
    try {
      const round = await runSandboxRound(getDb(), { stepSeconds: STEP });
      expect(round.find((s) => s.portingRequestId === failing.id)).toMatchObject({ result: "refused" });
      expect(round.find((s) => s.portingRequestId === fine.id)).toMatchObject({ result: "stepped", to: "in_progress" });
      expect(await historyOf(failing.id)).toEqual(["requested"]);
      const emails = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, failing.id));
      const callbacks = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, failing.id));
      expect([emails.length, callbacks.length]).toEqual([1, 1]);

      const retried = await runSandboxRound(getDb(), { stepSeconds: STEP });
      expect(retried.find((s) => s.portingRequestId === failing.id)).toMatchObject({ result: "stepped", to: "in_progress" });
      expect(await historyOf(failing.id)).toEqual(["requested", "in_progress"]);
    } finally {
      await fault.remove();
    }
  });

  test("rounds racing each other step a request once per step, and never before it has been a step in its status", async () => {
    const request = await sandboxRequest("+31209990001");
    // Not due yet: nothing moves.
    expect((await runSandboxRound(getDb(), { stepSeconds: 60 })).filter((s) => s.portingRequestId === request.id)).toEqual([]);
    await pause(STEP * 1_000 + 100);
    const rounds = await Promise.all(Array.from({ length: 6 }, () => runSandboxRound(getDb(), { stepSeconds: STEP })));
    const steps = rounds.flat().filter((s) => s.portingRequestId === request.id);
    expect(steps).toEqual([expect.objectContaining({ result: "stepped", to: "in_progress" })]);
    expect(await historyOf(request.id)).toEqual(["requested", "in_progress"]);
  });
});

import { and, eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { emailMessages, portingRequestEvents, portingRequests, scheduledCompletions, voiceNumbers } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { scheduleIn, schedulesOf, tomorrowAtUtc } from "@/test/schedule";
import { cancelPortingRequest } from "./cancel-porting-request";
import { getPortingRequestForActor } from "./queries";
import { cancelScheduledCompletion, scheduleCompletion } from "./schedule-completion";
import { claimDueCompletions, runScheduledCompletion, SCHEDULE_ACTOR } from "./scheduled-completions";
import { transitionPortingRequest } from "./transition-porting-request";

// Confirming a porting moment (issue 14 item 5) on the real database: the verb's rules and what it
// stores, the schedule ending with any other status change, and the worker's claim-and-complete
// functions (the worker process itself: lib/notifications/scheduled-completions.test.ts).

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}

async function germanInProgress() {
  const { customer } = await createTenant("DE");
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE" });
  return { customer, request };
}

const completions = (id: string) =>
  getDb().select().from(portingRequestEvents).where(and(eq(portingRequestEvents.portingRequestId, id), eq(portingRequestEvents.toStatus, "completed")));

describe("scheduleCompletion", () => {
  test("support confirms the preferred moment or another; the customer sees it; confirming again replaces it", async () => {
    const { customer, request } = await germanInProgress();
    const support = await createSupport("Sam Support");
    const at = tomorrowAtUtc(9);
    const dto = await scheduleCompletion(support, { id: request.id, portingAt: at.toISOString() });
    expect(dto.scheduledPortingAt).toBe(at.toISOString());
    expect(dto.status).toBe("in_progress");
    expect(dto.version).toBe(request.version + 1);
    expect((await getPortingRequestForActor(customer, request.id)).scheduledPortingAt).toBe(at.toISOString());

    // An offset is a UTC moment like any other: 10:30+02:00 is 08:30 UTC.
    const later = tomorrowAtUtc(8, 30);
    const again = await scheduleCompletion(support, { id: request.id, portingAt: later.toISOString().replace("08:30:00.000Z", "10:30:00+02:00") });
    expect(again.scheduledPortingAt).toBe(later.toISOString());
    const rows = await schedulesOf(request.id);
    expect(rows.map((r) => [r.state, r.portingAt.toISOString(), r.scheduledByName])).toEqual([
      ["cancelled", at.toISOString(), "Sam Support"],
      ["pending", later.toISOString(), "Sam Support"],
    ]);
    expect(rows[0]!.endedReason).toMatch(/^Replaced by .* \(Sam Support\)\.$/);
    // Not a status change: no history entry, no email.
    expect(dto.history).toHaveLength(1);
    expect(await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, request.id))).toEqual([]);
  });

  test("bad moments are 422 naming portingAt, and nothing is stored", async () => {
    const { request } = await germanInProgress();
    const support = await createSupport();
    const yesterday = new Date(tomorrowAtUtc(10).getTime() - 2 * 86_400_000);
    const cases: [string, RegExp][] = [
      [tomorrowAtUtc(21).toISOString(), /between 06:00 and 20:00 UTC/],
      [tomorrowAtUtc(5, 59).toISOString(), /between 06:00 and 20:00 UTC/],
      [yesterday.toISOString(), /in the future/],
      [new Date(tomorrowAtUtc(10).getTime() + 400 * 86_400_000).toISOString(), /within a year/],
      ["tomorrow at ten", /ISO 8601/],
      ["2030-05-14T09:00:00", /ISO 8601/], // no offset: which 09:00?
    ];
    for (const [portingAt, message] of cases) {
      const error = await failure(scheduleCompletion(support, { id: request.id, portingAt }));
      expect(error, portingAt).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors), portingAt).toEqual(["portingAt"]);
      expect((error as ValidationError).fieldErrors.portingAt![0], portingAt).toMatch(message);
    }
    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, request.id));
    expect(row).toMatchObject({ scheduledPortingAt: null, version: request.version });
    expect(await schedulesOf(request.id)).toEqual([]);
  });

  test("only where support may complete: an NL request and other statuses are conflicts; customers are refused; foreign ids are 404", async () => {
    const support = await createSupport();
    const portingAt = tomorrowAtUtc(10).toISOString();
    const { customer: dutch } = await createTenant("NL");
    const nl = await insertRequestInStatus({ accountId: dutch.accountId, status: "in_progress" });
    const nlError = await failure(scheduleCompletion(support, { id: nl.id, portingAt }));
    expect(nlError).toBeInstanceOf(ConflictError);
    expect((nlError as ConflictError).message).toMatch(/customer performs the porting/);

    const { customer } = await createTenant("DE");
    for (const status of ["requested", "completed", "cancelled", "blocked"] as const) {
      const r = await insertRequestInStatus({ accountId: customer.accountId, status, country: "DE" });
      const error = await failure(scheduleCompletion(support, { id: r.id, portingAt }));
      expect(error, status).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).details, status).toMatchObject({ currentStatus: status });
    }

    const { request } = await germanInProgress();
    expect(await failure(scheduleCompletion(customer as never, { id: request.id, portingAt }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(scheduleCompletion(support, { id: "not-a-uuid", portingAt }))).toBeInstanceOf(NotFoundError);
    expect(await failure(scheduleCompletion(support, { id: "00000000-0000-4000-8000-000000000000", portingAt }))).toBeInstanceOf(NotFoundError);
    expect(await failure(cancelScheduledCompletion(customer as never, { id: request.id }))).toBeInstanceOf(ForbiddenError);
  });

  test("a version the agent did not look at is a conflict, never overwritten", async () => {
    const { request } = await germanInProgress();
    const support = await createSupport();
    const error = await failure(scheduleCompletion(support, { id: request.id, portingAt: tomorrowAtUtc(10).toISOString(), expectedVersion: request.version + 5 }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({ version: request.version });
    expect((error as ConflictError).message).toMatch(/changed meanwhile/);
  });
});

describe("the schedule ends when the request leaves In progress another way", () => {
  test("support completes by hand earlier: completed once, the schedule cancelled and never run", async () => {
    const { request } = await germanInProgress();
    const support = await createSupport("Sam Support");
    await scheduleCompletion(support, { id: request.id, portingAt: tomorrowAtUtc(10).toISOString() });
    const done = await transitionPortingRequest(support, { id: request.id, to: "completed", reason: "Ported early, as the provider allowed" });
    expect(done).toMatchObject({ status: "completed", scheduledPortingAt: null });
    const [job] = await schedulesOf(request.id);
    expect(job).toMatchObject({ state: "cancelled" });
    expect(job!.endedReason).toMatch(/changed to Completed \(Ported early/);
    expect(await completions(request.id)).toHaveLength(1);
  });

  test("the customer cancels, or support rejects: the schedule goes with the status", async () => {
    const support = await createSupport();
    const { customer, request } = await germanInProgress();
    await scheduleCompletion(support, { id: request.id, portingAt: tomorrowAtUtc(10).toISOString() });
    expect(await cancelPortingRequest(customer, request.id)).toMatchObject({ status: "cancelled", scheduledPortingAt: null });
    expect((await schedulesOf(request.id)).map((r) => r.state)).toEqual(["cancelled"]);

    const second = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE" });
    await scheduleCompletion(support, { id: second.id, portingAt: tomorrowAtUtc(10).toISOString() });
    await transitionPortingRequest(support, { id: second.id, to: "blocked", reason: "Name differs", rejectionCodes: ["company_name"] });
    expect((await schedulesOf(second.id)).map((r) => r.state)).toEqual(["cancelled"]);
  });

  test("support takes the moment back; taking back nothing is a conflict", async () => {
    const { customer, request } = await germanInProgress();
    const support = await createSupport("Sam Support");
    await scheduleCompletion(support, { id: request.id, portingAt: tomorrowAtUtc(10).toISOString() });
    const dto = await cancelScheduledCompletion(support, { id: request.id });
    expect(dto).toMatchObject({ status: "in_progress", scheduledPortingAt: null });
    expect((await getPortingRequestForActor(customer, request.id)).scheduledPortingAt).toBeNull();
    const [job] = await schedulesOf(request.id);
    expect(job).toMatchObject({ state: "cancelled", endedReason: "Cancelled by Sam Support." });
    expect(await failure(cancelScheduledCompletion(support, { id: request.id }))).toBeInstanceOf(ConflictError);
  });

  test("the database refuses a moment on a request that is not In progress outside NL, whoever writes it", async () => {
    const { customer } = await createTenant("DE");
    const requested = await insertRequestInStatus({ accountId: customer.accountId, status: "requested", country: "DE" });
    await expect(
      getDb().update(portingRequests).set({ scheduledPortingAt: tomorrowAtUtc(10) }).where(eq(portingRequests.id, requested.id)),
    ).rejects.toThrow();
  });
});

describe("the worker's claim and completion", () => {
  test("completes the request at its moment, once: numbers assigned, history by the schedule, email queued", async () => {
    const { request } = await germanInProgress();
    const support = await createSupport("Sam Support");
    const at = await scheduleIn(support, request.id, 1_500);
    const db = getDb();

    // Not yet due: nothing to claim.
    expect(await claimDueCompletions(db, { leaseMs: 5_000, limit: 10 })).toEqual([]);
    let claimed: Awaited<ReturnType<typeof claimDueCompletions>> = [];
    while (claimed.length === 0) {
      await new Promise((r) => setTimeout(r, 50));
      claimed = await claimDueCompletions(db, { leaseMs: 5_000, limit: 10 });
    }
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime() - 50);
    expect(claimed).toHaveLength(1);
    expect(claimed[0]).toMatchObject({ portingRequestId: request.id, attempts: 1 });
    // Leased: a second worker finds nothing.
    expect(await claimDueCompletions(db, { leaseMs: 5_000, limit: 10 })).toEqual([]);

    expect(await runScheduledCompletion(db, claimed[0]!)).toEqual({ result: "completed", portingRequestId: request.id });
    // Running the same claim again does nothing: the job is no longer pending.
    expect(await runScheduledCompletion(db, claimed[0]!)).toEqual({ result: "superseded" });

    const [row] = await db.select().from(portingRequests).where(eq(portingRequests.id, request.id));
    expect(row).toMatchObject({ status: "completed", scheduledPortingAt: null });
    expect(row!.statusChangedAt.getTime()).toBeGreaterThanOrEqual(at.getTime());
    const events = await completions(request.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorRole: "system", actorName: SCHEDULE_ACTOR.name });
    expect(events[0]!.reason).toMatch(/^Completed at the porting moment confirmed by Sam Support: .* UTC\.$/);
    expect(await db.select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, request.id))).toHaveLength(1);
    const emails = await db.select().from(emailMessages).where(eq(emailMessages.portingRequestId, request.id));
    expect(emails.map((e) => e.subject)).toEqual([expect.stringMatching(/Completed/)]);
    const [job] = await schedulesOf(request.id);
    expect(job).toMatchObject({ state: "completed", attempts: 1, completionEventId: events[0]!.id, lockedUntil: null });
  });

  test("a claim whose lease ran out loses to the newer claim (the fence): one completion", async () => {
    const { request } = await germanInProgress();
    const support = await createSupport();
    await scheduleIn(support, request.id, -1_000);
    const db = getDb();
    const [stale] = await claimDueCompletions(db, { leaseMs: 1, limit: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const [fresh] = await claimDueCompletions(db, { leaseMs: 5_000, limit: 1 });
    expect([stale?.attempts, fresh?.attempts]).toEqual([1, 2]);
    expect(await runScheduledCompletion(db, stale!)).toEqual({ result: "superseded" });
    expect(await runScheduledCompletion(db, fresh!)).toMatchObject({ result: "completed" });
    expect(await completions(request.id)).toHaveLength(1);
  });

  test("two workers claiming at once take disjoint rows; every request completes exactly once", async () => {
    const support = await createSupport();
    const { customer } = await createTenant("DE");
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE" });
      await scheduleIn(support, r.id, -500);
      ids.push(r.id);
    }
    const db = getDb();
    const work = async () => {
      const mine: string[] = [];
      for (;;) {
        const claimed = await claimDueCompletions(db, { leaseMs: 10_000, limit: 3 });
        if (claimed.length === 0) return mine;
        for (const job of claimed) {
          const outcome = await runScheduledCompletion(db, job);
          if (outcome.result === "completed") mine.push(outcome.portingRequestId);
        }
      }
    };
    const [a, b] = await Promise.all([work(), work()]);
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    const counts = await db.execute<{ n: number }>(sql`
      select count(*)::int as n from porting_request_events where to_status = 'completed' and porting_request_id in ${ids} group by porting_request_id`);
    expect(counts.map((c) => c.n)).toEqual(ids.map(() => 1));
  });

  test("a completion the rules refuse (a number went onto a voice account meanwhile) fails for good and clears the moment", async () => {
    const { customer, request } = await germanInProgress();
    const support = await createSupport();
    await scheduleIn(support, request.id, -1_000);
    const db = getDb();
    const [number] = await db.execute<{ number: string }>(sql`select number from porting_request_numbers where porting_request_id = ${request.id}`);
    await db.insert(voiceNumbers).values({ accountId: customer.accountId, number: number!.number, type: "geographic" });
    const [job] = await claimDueCompletions(db, { leaseMs: 5_000, limit: 1 });
    const outcome = await runScheduledCompletion(db, job!);
    expect(outcome).toMatchObject({ result: "failed" });
    const [row] = await db.select().from(portingRequests).where(eq(portingRequests.id, request.id));
    expect(row).toMatchObject({ status: "in_progress", scheduledPortingAt: null });
    const [failed] = await db.select().from(scheduledCompletions).where(eq(scheduledCompletions.id, job!.id));
    expect(failed).toMatchObject({ state: "failed" });
    expect(failed!.lastError).toMatch(/already on a voice account/);
    expect(await claimDueCompletions(db, { leaseMs: 5_000, limit: 1 })).toEqual([]);
  });
});

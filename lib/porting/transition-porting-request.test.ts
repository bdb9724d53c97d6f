import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequestEvents, portingRequestNumbers, portingRequests, voiceNumbers } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  countMismatches,
  countRows,
  createDistributionGroup,
  createRequest,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
  nextNumbers,
} from "@/test/factories";
import { cancelPortingRequest } from "./cancel-porting-request";
import { performPortingRequest } from "./perform-porting-request";
import { getPortingRequestForActor, statusCounts } from "./queries";
import { todayInAmsterdam, transitionPortingRequest } from "./transition-porting-request";

const daysFromToday = (days: number) => {
  const d = new Date(`${todayInAmsterdam()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}

describe("transitionPortingRequest", () => {
  test("the NL flow end to end: every change is in the history with reason, actor name and role", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport("Sam Support");
    const group = await createDistributionGroup(customer.accountId, "Reception");
    const numbers = nextNumbers(3);
    const created = await createRequest(customer, { phoneNumbers: numbers, distributionGroupId: group.id });

    await transitionPortingRequest(support, { id: created.id, action: "accept", reason: "Looking into it" });
    const firstDate = daysFromToday(10);
    const delayed = await transitionPortingRequest(support, { id: created.id, action: "delay", reason: "Donor proposes a later date", firstPossiblePortingDate: firstDate });
    expect(delayed).toMatchObject({ status: "delayed", firstPossiblePortingDate: firstDate, statusReason: "Donor proposes a later date" });
    const laterDate = daysFromToday(20);
    const delayedAgain = await transitionPortingRequest(support, { id: created.id, to: "delayed", reason: "Donor moved it again", firstPossiblePortingDate: laterDate });
    expect(delayedAgain.firstPossiblePortingDate).toBe(laterDate);
    const ready = await transitionPortingRequest(support, { id: created.id, action: "mark_ready", reason: "Donor agreed" });
    expect(ready.firstPossiblePortingDate).toBe(laterDate); // kept for the customer to see
    const customerView = await getPortingRequestForActor(customer, created.id);
    expect(customerView.allowedActions).toEqual(["perform", "cancel"]);

    const done = await performPortingRequest(customer, created.id);
    expect(done).toMatchObject({ status: "completed", statusReason: "Performed by customer", version: 6, allowedActions: [] });
    expect(done.history.map((h) => [h.from, h.to, h.reason, h.actor.role, h.actor.name])).toEqual([
      [null, "requested", "Request received", "customer", customer.name],
      ["requested", "in_progress", "Looking into it", "support", "Sam Support"],
      ["in_progress", "delayed", "Donor proposes a later date", "support", "Sam Support"],
      ["delayed", "delayed", "Donor moved it again", "support", "Sam Support"],
      ["delayed", "ready_to_be_ported", "Donor agreed", "support", "Sam Support"],
      ["ready_to_be_ported", "completed", "Performed by customer", "customer", customer.name],
    ]);
    expect(done.history[2]?.firstPossiblePortingDate).toBe(firstDate);
    const [events] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from porting_request_events where porting_request_id = ${created.id} and actor_user_id is not null`);
    expect(events?.n).toBe(6);

    // Completion assigned every number to the account, with the request's distribution group.
    const assigned = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, created.id));
    expect(assigned.map((v) => v.number).sort()).toEqual([...numbers].sort());
    for (const v of assigned) expect(v).toMatchObject({ accountId: customer.accountId, distributionGroupId: group.id, type: "geographic" });
    const open = await getDb().select().from(portingRequestNumbers).where(eq(portingRequestNumbers.portingRequestId, created.id));
    expect(open.every((n) => !n.open)).toBe(true);
    expect(await countMismatches()).toEqual([]);
  });

  test("non-NL: support completes from in progress; numbers land on the account without a group", async () => {
    const { customer } = await createTenant("DE");
    const support = await createSupport();
    const created = await createRequest(customer, { country: "DE", phoneNumbers: [nextNumber("DE")] });
    await transitionPortingRequest(support, { id: created.id, action: "accept", reason: "On it" });
    const done = await transitionPortingRequest(support, { id: created.id, action: "complete", reason: "Ported by Telekom" });
    expect(done.status).toBe("completed");
    const assigned = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, created.id));
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ accountId: customer.accountId, distributionGroupId: null });
  });

  test("a customer's own reason replaces the default; cancel frees the numbers", async () => {
    const { customer } = await createTenant("DE");
    const number = nextNumber("DE");
    const created = await createRequest(customer, { country: "DE", phoneNumbers: [number] });
    const cancelled = await cancelPortingRequest(customer, created.id, { reason: "  Staying with our provider  " });
    expect(cancelled).toMatchObject({ status: "cancelled", statusReason: "Staying with our provider" });
    const again = await createRequest(customer, { country: "DE", phoneNumbers: [number] });
    expect(again.status).toBe("requested");
    const defaultReason = await cancelPortingRequest(customer, again.id);
    expect(defaultReason.statusReason).toBe("Cancelled by customer");
  });

  test("support must give a reason; delay needs a first possible date that is not in the past", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    const e1 = (await failure(transitionPortingRequest(support, { id: request.id, action: "mark_ready", reason: "   " }))) as ValidationError;
    expect(e1).toBeInstanceOf(ValidationError);
    expect(e1.fieldErrors.reason?.[0]).toMatch(/Give a reason/);
    const e2 = (await failure(transitionPortingRequest(support, { id: request.id, action: "delay" }))) as ValidationError;
    expect(Object.keys(e2.fieldErrors).sort()).toEqual(["firstPossiblePortingDate", "reason"]);
    const e3 = (await failure(transitionPortingRequest(support, { id: request.id, action: "delay", reason: "x", firstPossiblePortingDate: daysFromToday(-1) }))) as ValidationError;
    expect(e3.fieldErrors.firstPossiblePortingDate?.[0]).toMatch(/past/);
    const e4 = (await failure(transitionPortingRequest(support, { id: request.id, action: "delay", reason: "x", firstPossiblePortingDate: "2030-02-30" }))) as ValidationError;
    expect(e4.fieldErrors.firstPossiblePortingDate?.[0]).toMatch(/YYYY-MM-DD/);
    const today = await transitionPortingRequest(support, { id: request.id, action: "delay", reason: "x", firstPossiblePortingDate: daysFromToday(0) });
    expect(today.status).toBe("delayed");
  });

  test("403 for an action the role never takes, 409 with status and allowed actions when not now", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    await expect(transitionPortingRequest(customer, { id: request.id, action: "accept" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(transitionPortingRequest(customer, { id: request.id, to: "in_progress" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(performPortingRequest(support, request.id)).rejects.toBeInstanceOf(ForbiddenError);
    const conflict = (await failure(cancelPortingRequest(customer, request.id))) as ConflictError;
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toBe("Cancel porting is not possible now: the request is Requested. It is possible when the request is Ready to be ported.");
    expect(conflict.details).toMatchObject({ currentStatus: "requested", allowedActions: [] });
    const complete = (await failure(transitionPortingRequest(support, { id: request.id, action: "complete", reason: "x" }))) as ConflictError;
    expect(complete.details).toMatchObject({ currentStatus: "requested", allowedActions: ["accept", "reject"] });
    const inProgress = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    const nl = (await failure(transitionPortingRequest(support, { id: inProgress.id, action: "complete", reason: "x" }))) as ConflictError;
    expect(nl.message).toBe("Complete is not available for requests from the Netherlands.");
  });

  test("expectedVersion: a stale page gets a conflict and nothing changes", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "ok", expectedVersion: 1 });
    const stale = (await failure(transitionPortingRequest(support, { id: request.id, action: "reject", reason: "no", rejectionCodes: ["other"], expectedVersion: 1 }))) as ConflictError;
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.details).toMatchObject({ currentStatus: "in_progress", version: 2 });
    const dto = await getPortingRequestForActor(support, request.id);
    expect(dto).toMatchObject({ status: "in_progress", version: 2 });
  });

  test("perform and cancel take expectedVersion too: the customer's page and the API go through the same verbs", async () => {
    const { customer } = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "ready_to_be_ported" });
    const stale = (await failure(cancelPortingRequest(customer, request.id, { reason: "late", expectedVersion: request.version + 1 }))) as ConflictError;
    expect(stale).toBeInstanceOf(ConflictError);
    expect(stale.details).toMatchObject({ currentStatus: "ready_to_be_ported", version: request.version });
    expect(await failure(performPortingRequest(customer, request.id, { expectedVersion: request.version + 1 }))).toBeInstanceOf(ConflictError);
    expect(await getPortingRequestForActor(customer, request.id)).toMatchObject({ status: "ready_to_be_ported", version: request.version });
    const done = await performPortingRequest(customer, request.id, { expectedVersion: request.version });
    expect(done).toMatchObject({ status: "completed", version: request.version + 1 });
  });

  test("unknown, malformed and foreign ids are NotFound", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    await expect(transitionPortingRequest(support, { id: "not-a-uuid", action: "accept", reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(transitionPortingRequest(support, { id: "00000000-0000-4000-8000-000000000000", action: "accept", reason: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(performPortingRequest(customer, "'; drop table porting_requests; --")).rejects.toBeInstanceOf(NotFoundError);
  });

  test("completion fails as a whole when a number is already on a voice account", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const numbers = nextNumbers(2);
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "ready_to_be_ported", numbers });
    await getDb().insert(voiceNumbers).values({ accountId: other.customer.accountId, number: numbers[1] as string, type: "geographic" });
    const countsBefore = await statusCounts(customer);

    const error = (await failure(performPortingRequest(customer, request.id))) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/already on a voice account/);
    expect(error.details).toMatchObject({ currentStatus: "ready_to_be_ported", numbersOnVoiceAccount: [numbers[1]] });

    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, request.id));
    expect(row).toMatchObject({ status: "ready_to_be_ported", version: 1 });
    expect(await countRows("porting_request_events", sql`porting_request_id = ${request.id}`)).toBe(1);
    expect(await countRows("voice_numbers", sql`porting_request_id = ${request.id}`)).toBe(0);
    const open = await getDb().select().from(portingRequestNumbers).where(eq(portingRequestNumbers.portingRequestId, request.id));
    expect(open.every((n) => n.open)).toBe(true);
    expect(await statusCounts(customer)).toEqual(countsBefore);
  });

  test("the counts table matches count(*) after a sequence of operations on two accounts", async () => {
    const a = await createTenant("NL");
    const b = await createTenant("DE");
    const support = await createSupport();
    const aReqs = await Promise.all([1, 2, 3, 4].map(() => createRequest(a.customer)));
    const bReqs = await Promise.all([1, 2, 3].map(() => createRequest(b.customer, { country: "DE", phoneNumbers: [nextNumber("DE")] })));
    const [a1, a2, a3] = aReqs.map((r) => r.id) as [string, string, string];
    const [b1, b2] = bReqs.map((r) => r.id) as [string, string];
    for (const id of [a1, a2, a3, b1]) await transitionPortingRequest(support, { id, action: "accept", reason: "ok" });
    await transitionPortingRequest(support, { id: a1, action: "delay", reason: "later", firstPossiblePortingDate: daysFromToday(5) });
    await transitionPortingRequest(support, { id: a1, action: "mark_ready", reason: "ready" });
    await performPortingRequest(a.customer, a1);
    await transitionPortingRequest(support, { id: a2, action: "mark_ready", reason: "ready" });
    await cancelPortingRequest(a.customer, a2);
    await transitionPortingRequest(support, { id: a3, action: "reject", reason: "KvK mismatch", rejectionCodes: ["registration_number"] });
    await transitionPortingRequest(support, { id: b1, action: "complete", reason: "done" });
    await cancelPortingRequest(b.customer, b2);
    await expect(cancelPortingRequest(a.customer, a1)).rejects.toBeInstanceOf(ConflictError);

    expect(await countMismatches()).toEqual([]);
    expect(await statusCounts(a.customer)).toEqual({ requested: 1, in_progress: 0, delayed: 0, ready_to_be_ported: 0, blocked: 1, cancelled: 1, completed: 1 });
    expect(await statusCounts(b.customer)).toEqual({ requested: 1, in_progress: 0, delayed: 0, ready_to_be_ported: 0, blocked: 0, cancelled: 1, completed: 1 });
    const all = await statusCounts(support);
    const [real] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from porting_requests`);
    expect(Object.values(all).reduce((x, y) => x + y, 0)).toBe(real?.n);
    const events = await getDb().select({ n: sql<number>`count(*)::int` }).from(portingRequestEvents);
    expect(events[0]?.n).toBeGreaterThanOrEqual(7 + 10);
  });
});

import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import { cancelPortingRequest } from "@/lib/porting/cancel-porting-request";
import { getPortingRequestForActor } from "@/lib/porting/queries";
import { todayInAmsterdam } from "@/lib/porting/transition-porting-request";
import { countRows, createRequest, createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { sessionReads, signInAs, signOutAll, untilSessionReads } from "@/test/session";
import { supportTransitionAction } from "./actions";

// The real exported server action, its wrapper, the verb and PostgreSQL; only the session cookie
// lookup is replaced (test/session.ts).

const daysFromToday = (days: number) => {
  const d = new Date(`${todayInAmsterdam()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Status, version and history length: what must not move when an action is refused. */
async function snapshot(id: string) {
  const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, id));
  return {
    status: row?.status,
    version: row?.version,
    reason: row?.statusReason,
    events: await countRows("porting_request_events", sql`porting_request_id = ${id}`),
  };
}

beforeEach(() => signOutAll());

describe("refusals", () => {
  test("no session: refused, nothing changes", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const before = await snapshot(request.id);
    const result = await supportTransitionAction({ id: request.id, action: "accept", reason: "x", expectedVersion: 1 });
    expect(result).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("a customer calling the support action directly (even on its own request): refused, nothing changes", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const before = await snapshot(request.id);
    signInAs(customer);
    for (const action of ["accept", "reject", "delay", "mark_ready", "complete"] as const) {
      const result = await supportTransitionAction({
        id: request.id,
        action,
        reason: "I approve my own request",
        firstPossiblePortingDate: daysFromToday(3),
        expectedVersion: request.version,
      });
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await snapshot(request.id)).toEqual(before);
    expect(before.status).toBe("requested");
  });

  test("wrong state: a conflict that names the current status", async () => {
    const { customer } = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    signInAs(await createSupport());
    const before = await snapshot(request.id);
    const result = await supportTransitionAction({ id: request.id, action: "accept", reason: "Again", expectedVersion: request.version });
    expect(result).toMatchObject({
      ok: false,
      code: "conflict",
      message: expect.stringContaining("the request is In progress"),
      details: { currentStatus: "in_progress" },
    });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("wrong country: Mark ready and Delay are NL only, Complete is not for NL", async () => {
    const { customer: de } = await createTenant("DE");
    const german = await insertRequestInStatus({ accountId: de.accountId, status: "in_progress", country: "DE" });
    const { customer: nl } = await createTenant("NL");
    const dutch = await insertRequestInStatus({ accountId: nl.accountId, status: "in_progress" });
    signInAs(await createSupport());
    const ready = await supportTransitionAction({ id: german.id, action: "mark_ready", reason: "Donor agreed", expectedVersion: 1 });
    expect(ready).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("not available for requests from Germany") });
    const delay = await supportTransitionAction({ id: german.id, action: "delay", reason: "Later", firstPossiblePortingDate: daysFromToday(5), expectedVersion: 1 });
    expect(delay).toMatchObject({ ok: false, code: "conflict" });
    const complete = await supportTransitionAction({ id: dutch.id, action: "complete", reason: "Done", expectedVersion: 1 });
    expect(complete).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("the Netherlands") });
    expect((await snapshot(german.id)).status).toBe("in_progress");
    expect((await snapshot(dutch.id)).status).toBe("in_progress");
  });

  test("missing reason (empty or blank): a field error on the reason, nothing changes", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    signInAs(await createSupport());
    const before = await snapshot(request.id);
    for (const reason of ["", "   ", undefined]) {
      const result = await supportTransitionAction({ id: request.id, action: "reject", reason: reason as string, rejectionCodes: ["other"], expectedVersion: 1 });
      expect(result).toMatchObject({ ok: false, code: "validation", fieldErrors: { reason: [expect.stringContaining("Give a reason")] } });
    }
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("reject without a problem ticked, or naming a number of another request: a field error on the codes, nothing changes", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    signInAs(await createSupport());
    const before = await snapshot(request.id);
    const none = await supportTransitionAction({ id: request.id, action: "reject", reason: "Wrong name", rejectionCodes: [], expectedVersion: 1 });
    expect(none).toMatchObject({ ok: false, code: "validation", fieldErrors: { rejectionCodes: [expect.stringContaining("Tick at least one problem")] } });
    const foreign = await supportTransitionAction({
      id: request.id,
      action: "reject",
      reason: "Not theirs",
      rejectionCodes: [{ code: "numbers_not_portable", numbers: ["+31 20 999 9999"] }],
      expectedVersion: 1,
    });
    expect(foreign).toMatchObject({ ok: false, code: "validation", fieldErrors: { "rejectionCodes.0.numbers.0": [expect.stringContaining("not a number of this request")] } });
    expect(await snapshot(request.id)).toEqual(before);

    const rejected = await supportTransitionAction({ id: request.id, action: "reject", reason: "Wrong name", rejectionCodes: [{ code: "company_name", numbers: null }], expectedVersion: 1 });
    expect(rejected).toMatchObject({ ok: true, data: { status: "blocked", rejectionCodes: [{ code: "company_name", label: "Company name" }] } });
  });

  test("delay without a date, or with a past date: a field error on the date, nothing changes", async () => {
    const { customer } = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    signInAs(await createSupport());
    const before = await snapshot(request.id);
    const missing = await supportTransitionAction({ id: request.id, action: "delay", reason: "Later", firstPossiblePortingDate: "", expectedVersion: 1 });
    expect(missing).toMatchObject({ ok: false, code: "validation", fieldErrors: { firstPossiblePortingDate: [expect.stringContaining("first possible porting date")] } });
    const past = await supportTransitionAction({ id: request.id, action: "delay", reason: "Later", firstPossiblePortingDate: daysFromToday(-1), expectedVersion: 1 });
    expect(past).toMatchObject({ ok: false, code: "validation", fieldErrors: { firstPossiblePortingDate: ["The first possible porting date can't be in the past."] } });
    const garbage = await supportTransitionAction({ id: request.id, action: "delay", reason: "Later", firstPossiblePortingDate: "next week", expectedVersion: 1 });
    expect(garbage).toMatchObject({ ok: false, code: "validation", fieldErrors: { firstPossiblePortingDate: ["Give the date as YYYY-MM-DD."] } });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("an unknown or malformed id is not found", async () => {
    signInAs(await createSupport());
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      expect(await supportTransitionAction({ id, action: "accept", reason: "x", expectedVersion: 1 })).toMatchObject({ ok: false, code: "not_found" });
    }
  });
});

describe("changes", () => {
  test("the NL flow: accept, delay (twice), mark ready; every change in the history with the agent's name and role", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    signInAs(await createSupport("Sam Support"));

    const accepted = await supportTransitionAction({ id: request.id, action: "accept", reason: "Documents verified", expectedVersion: 1 });
    expect(accepted).toMatchObject({ ok: true, data: { status: "in_progress", version: 2, allowedActions: ["reject", "delay", "mark_ready"] } });
    const date = daysFromToday(10);
    const delayed = await supportTransitionAction({ id: request.id, action: "delay", reason: "Donor proposed a later date", firstPossiblePortingDate: date, expectedVersion: 2 });
    expect(delayed).toMatchObject({ ok: true, data: { status: "delayed", firstPossiblePortingDate: date } });
    const later = daysFromToday(20);
    const again = await supportTransitionAction({ id: request.id, action: "delay", reason: "Donor moved the date", firstPossiblePortingDate: later, expectedVersion: 3 });
    expect(again).toMatchObject({ ok: true, data: { status: "delayed", firstPossiblePortingDate: later } });
    const ready = await supportTransitionAction({ id: request.id, action: "mark_ready", reason: "  Donor agreed  ", expectedVersion: 4 });
    expect(ready).toMatchObject({ ok: true, data: { status: "ready_to_be_ported", statusReason: "Donor agreed" } });

    // What the customer sees: the status, the reason and who did it.
    const seen = await getPortingRequestForActor(customer, request.id);
    expect(seen.allowedActions).toEqual(["perform", "cancel"]);
    expect(seen.history.map((h) => [h.from, h.to, h.reason, h.firstPossiblePortingDate, h.actor.role, h.actor.name])).toEqual([
      [null, "requested", "Request received", null, "customer", customer.name],
      ["requested", "in_progress", "Documents verified", null, "support", "Sam Support"],
      ["in_progress", "delayed", "Donor proposed a later date", date, "support", "Sam Support"],
      ["delayed", "delayed", "Donor moved the date", later, "support", "Sam Support"],
      ["delayed", "ready_to_be_ported", "Donor agreed", null, "support", "Sam Support"],
    ]);
  });

  test("outside NL: reject with a reason, and complete (numbers assigned)", async () => {
    const { customer } = await createTenant("DE");
    const toReject = await createRequest(customer, { country: "DE" });
    const toComplete = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", country: "DE" });
    signInAs(await createSupport("Rita Reviewer"));
    const rejected = await supportTransitionAction({ id: toReject.id, action: "reject", reason: "Address mismatch", rejectionCodes: ["address"], expectedVersion: 1 });
    expect(rejected).toMatchObject({ ok: true, data: { status: "blocked", statusReason: "Address mismatch" } });
    expect((await getPortingRequestForActor(customer, toReject.id)).history.at(-1)).toMatchObject({
      to: "blocked",
      reason: "Address mismatch",
      actor: { role: "support", name: "Rita Reviewer" },
    });
    const completed = await supportTransitionAction({ id: toComplete.id, action: "complete", reason: "Ported", expectedVersion: toComplete.version });
    expect(completed).toMatchObject({ ok: true, data: { status: "completed" } });
    expect(await countRows("voice_numbers", sql`porting_request_id = ${toComplete.id}`)).toBe(1);
  });
});

describe("two agents at once", () => {
  test("same expectedVersion: exactly one change applies; the other hears what it changed to, with the fresh request", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const [a, b] = await Promise.all([createSupport("Agent A"), createSupport("Agent B")]);
    const before = await snapshot(request.id);

    // The first call has read its caller (A) before B signs in for the second one.
    const reads = sessionReads();
    signInAs(a);
    const first = supportTransitionAction({ id: request.id, action: "accept", reason: "A accepts", expectedVersion: 1 });
    await untilSessionReads(reads + 1);
    signInAs(b);
    const second = supportTransitionAction({ id: request.id, action: "reject", reason: "B rejects", rejectionCodes: ["other"], expectedVersion: 1 });
    const results = await Promise.all([first, second]);

    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]?.ok ? won[0].data : undefined;
    const status = winner?.status;
    expect(["in_progress", "blocked"]).toContain(status);
    const label = status === "in_progress" ? "In progress" : "Blocked";
    expect(lost[0]).toMatchObject({
      ok: false,
      code: "conflict",
      message: `This request changed to ${label} meanwhile.`,
      details: { currentStatus: status, version: 2, changedMeanwhile: true, request: { id: request.id, status, version: 2 } },
    });
    const after = await snapshot(request.id);
    expect(after).toMatchObject({ status, version: 2, events: before.events + 1 });
    const history = (await getPortingRequestForActor(customer, request.id)).history;
    expect(history.at(-1)?.actor).toEqual({ role: "support", name: status === "in_progress" ? "Agent A" : "Agent B" });
  });

  test("many agents racing with one version: one wins, every other one gets the meanwhile conflict", async () => {
    const { customer } = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => createSupport(`Racer ${i}`)));
    const calls = agents.map((agent, i) => {
      signInAs(agent);
      return i % 2 === 0
        ? supportTransitionAction({ id: request.id, action: "mark_ready", reason: `ready ${i}`, expectedVersion: 1 })
        : supportTransitionAction({ id: request.id, action: "delay", reason: `delay ${i}`, firstPossiblePortingDate: daysFromToday(9), expectedVersion: 1 });
    });
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ code: "conflict", message: expect.stringMatching(/^This request changed to (Delayed|Ready to be ported) meanwhile\.$/) });
    expect(await snapshot(request.id)).toMatchObject({ version: 2, events: 2 });
  });

  test("a customer's change meanwhile: the agent's stale action names the new status", async () => {
    const { customer } = await createTenant("DE");
    const request = await createRequest(customer, { country: "DE" });
    signInAs(await createSupport());
    await cancelPortingRequest(customer, request.id);
    const result = await supportTransitionAction({ id: request.id, action: "accept", reason: "Looks good", expectedVersion: 1 });
    expect(result).toMatchObject({ ok: false, code: "conflict", message: "This request changed to Cancelled meanwhile.", details: { request: { status: "cancelled" } } });
  });
});

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { portingRequestEvents, portingRequests, voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { CUSTOMER_CANCEL_REASON, CUSTOMER_PERFORM_REASON } from "@/lib/porting/transitions";
import type { PortingStatus } from "@/lib/porting/values";
import {
  countMismatches,
  createDistributionGroup,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
  nextNumbers,
  randomId,
} from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { cancelPortingRequestAction, performPortingRequestAction } from "./actions";

// The real exported actions, the real wrapper and verb, a real PostgreSQL: only the session cookie
// lookup is replaced (test/session.ts).

afterEach(() => signOutAll());

async function snapshot(id: string) {
  const db = getDb();
  const [request] = await db.select().from(portingRequests).where(eq(portingRequests.id, id));
  const events = await db.select().from(portingRequestEvents).where(eq(portingRequestEvents.portingRequestId, id));
  const numbers = await db.select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, id));
  return { status: request?.status, version: request?.version, reason: request?.statusReason, events: events.length, voiceNumbers: numbers.length };
}

async function readyRequest(customer: CustomerActor, opts: { withGroup?: boolean; numbers?: string[] } = {}) {
  const group = opts.withGroup ? await createDistributionGroup(customer.accountId, "Reception") : null;
  const request = await insertRequestInStatus({
    accountId: customer.accountId,
    status: "ready_to_be_ported",
    numbers: opts.numbers ?? nextNumbers(2),
    distributionGroupId: group?.id ?? null,
  });
  return { request, group };
}

async function inStatus(customer: CustomerActor, status: PortingStatus, country: "NL" | "DE" = "NL") {
  return insertRequestInStatus({ accountId: customer.accountId, status, country, numbers: [nextNumber(country)] });
}

describe("performPortingRequestAction", () => {
  test("no session: refused, nothing changes", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    const before = await snapshot(request.id);
    signInAs(null);
    expect(await performPortingRequestAction({ id: request.id })).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("a support agent may not perform for the customer", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    const before = await snapshot(request.id);
    signInAs(await createSupport());
    expect(await performPortingRequestAction({ id: request.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("another account's request is not found, and stays as it was", async () => {
    const owner = await createTenant();
    const intruder = await createTenant();
    const { request } = await readyRequest(owner.customer);
    const before = await snapshot(request.id);
    signInAs(intruder.customer);
    const result = await performPortingRequestAction({ id: request.id });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    // Nothing about the foreign request leaks: no status, no allowed actions.
    expect(JSON.stringify(result)).not.toContain("ready_to_be_ported");
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("an unknown id and a non-UUID are not found", async () => {
    const { customer } = await createTenant();
    signInAs(customer);
    expect(await performPortingRequestAction({ id: randomId() })).toMatchObject({ ok: false, code: "not_found" });
    expect(await performPortingRequestAction({ id: "not-a-uuid" })).toMatchObject({ ok: false, code: "not_found" });
  });

  test("bad input: refused with the field named", async () => {
    const { customer } = await createTenant();
    signInAs(customer);
    const result = await performPortingRequestAction({ id: 42 } as unknown as { id: string });
    expect(result).toMatchObject({ ok: false, code: "validation", fieldErrors: { id: expect.any(Array) } });
  });

  test("wrong state: a conflict that names the current status and what is possible", async () => {
    const { customer } = await createTenant();
    const requested = await inStatus(customer, "requested");
    const before = await snapshot(requested.id);
    signInAs(customer);
    expect(await performPortingRequestAction({ id: requested.id })).toMatchObject({
      ok: false,
      code: "conflict",
      details: { currentStatus: "requested", allowedActions: [] },
    });
    expect(await snapshot(requested.id)).toEqual(before);

    // Outside NL, support completes: Perform is never available, whatever the status.
    const german = await inStatus(customer, "in_progress", "DE");
    expect(await performPortingRequestAction({ id: german.id })).toMatchObject({
      ok: false,
      code: "conflict",
      details: { currentStatus: "in_progress", allowedActions: ["cancel"] },
    });
  });

  test("a request that changed since the page showed it (stale version) is refused", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    const before = await snapshot(request.id);
    signInAs(customer);
    expect(await performPortingRequestAction({ id: request.id, expectedVersion: request.version + 5 })).toMatchObject({
      ok: false,
      code: "conflict",
      details: { currentStatus: "ready_to_be_ported", version: request.version },
    });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("performs: Completed, every number on the voice account with the request's distribution group", async () => {
    const { customer } = await createTenant();
    const numbers = nextNumbers(3);
    const { request, group } = await readyRequest(customer, { withGroup: true, numbers });
    signInAs(customer);
    const result = await performPortingRequestAction({ id: request.id, expectedVersion: request.version });
    expect(result).toMatchObject({
      ok: true,
      data: { id: request.id, status: "completed", statusReason: CUSTOMER_PERFORM_REASON, allowedActions: [] },
    });
    if (!result.ok) throw new Error("unreachable");
    expect(result.data.history.at(-1)).toMatchObject({
      from: "ready_to_be_ported",
      to: "completed",
      reason: CUSTOMER_PERFORM_REASON,
      actor: { role: "customer", name: customer.name },
    });
    const assigned = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.accountId, customer.accountId));
    expect(assigned.map((n) => n.number).sort()).toEqual([...numbers].sort());
    for (const n of assigned) expect(n).toMatchObject({ distributionGroupId: group?.id, portingRequestId: request.id });
    expect(await countMismatches()).toEqual([]);
  });

  test("performs without a distribution group: the numbers arrive unassigned", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    signInAs(customer);
    expect(await performPortingRequestAction({ id: request.id })).toMatchObject({ ok: true, data: { status: "completed" } });
    const assigned = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.portingRequestId, request.id));
    expect(assigned).toHaveLength(2);
    for (const n of assigned) expect(n.distributionGroupId).toBeNull();
  });

  test("two performs at once: exactly one wins, the other hears the new status", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    signInAs(customer);
    const results = await Promise.all([
      performPortingRequestAction({ id: request.id }),
      performPortingRequestAction({ id: request.id }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, code: "conflict", details: { currentStatus: "completed" } });
    const after = await snapshot(request.id);
    expect(after).toMatchObject({ status: "completed", events: 2, voiceNumbers: 2 });
    expect(await countMismatches()).toEqual([]);
  });

  test("a request completed meanwhile: conflict with the current status, nothing assigned twice", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    signInAs(customer);
    expect((await performPortingRequestAction({ id: request.id })).ok).toBe(true);
    const before = await snapshot(request.id);
    expect(await performPortingRequestAction({ id: request.id, expectedVersion: request.version })).toMatchObject({
      ok: false,
      code: "conflict",
      details: { currentStatus: "completed" },
    });
    expect(await snapshot(request.id)).toEqual(before);
  });
});

describe("cancelPortingRequestAction", () => {
  test("no session: refused, nothing changes", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    const before = await snapshot(request.id);
    signInAs(null);
    expect(await cancelPortingRequestAction({ id: request.id, reason: "x" })).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("a support agent may not cancel for the customer", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    const before = await snapshot(request.id);
    signInAs(await createSupport());
    expect(await cancelPortingRequestAction({ id: request.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("another account's request is not found, and stays as it was", async () => {
    const owner = await createTenant();
    const intruder = await createTenant();
    const { request } = await readyRequest(owner.customer);
    const before = await snapshot(request.id);
    signInAs(intruder.customer);
    expect(await cancelPortingRequestAction({ id: request.id, reason: "mine now" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("wrong state: NL can only be cancelled when Ready to be ported; final requests never", async () => {
    const { customer } = await createTenant();
    signInAs(customer);
    for (const status of ["requested", "in_progress", "delayed", "completed", "blocked", "cancelled"] as const) {
      const request = await inStatus(customer, status);
      const before = await snapshot(request.id);
      expect(await cancelPortingRequestAction({ id: request.id })).toMatchObject({
        ok: false,
        code: "conflict",
        details: { currentStatus: status },
      });
      expect(await snapshot(request.id)).toEqual(before);
    }
  });

  test("a reason that is too long is a field error, and nothing is stored", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    const before = await snapshot(request.id);
    signInAs(customer);
    expect(await cancelPortingRequestAction({ id: request.id, reason: "x".repeat(1001) })).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { reason: [expect.stringContaining("under 1000 characters")] },
    });
    expect(await snapshot(request.id)).toEqual(before);
  });

  test("cancels with the customer's reason, in the status and in the history", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    signInAs(customer);
    const reason = "We stay with our current provider after all.";
    const result = await cancelPortingRequestAction({ id: request.id, reason: `  ${reason} `, expectedVersion: request.version });
    expect(result).toMatchObject({ ok: true, data: { status: "cancelled", statusReason: reason, allowedActions: [] } });
    if (!result.ok) throw new Error("unreachable");
    expect(result.data.history.at(-1)).toMatchObject({ from: "ready_to_be_ported", to: "cancelled", reason, actor: { role: "customer" } });
    // The numbers are free again and nothing went to the voice account.
    expect(await snapshot(request.id)).toMatchObject({ status: "cancelled", reason, voiceNumbers: 0 });
    expect(await countMismatches()).toEqual([]);
  });

  test("an empty reason becomes the default one", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    signInAs(customer);
    expect(await cancelPortingRequestAction({ id: request.id, reason: "   " })).toMatchObject({
      ok: true,
      data: { status: "cancelled", statusReason: CUSTOMER_CANCEL_REASON },
    });
  });

  test("outside NL a customer may cancel while Requested or In progress", async () => {
    const { customer } = await createTenant("DE");
    signInAs(customer);
    for (const status of ["requested", "in_progress"] as const) {
      const request = await inStatus(customer, status, "DE");
      expect(await cancelPortingRequestAction({ id: request.id })).toMatchObject({ ok: true, data: { status: "cancelled" } });
    }
    const completed = await inStatus(customer, "completed", "DE");
    expect(await cancelPortingRequestAction({ id: completed.id })).toMatchObject({
      ok: false,
      code: "conflict",
      details: { currentStatus: "completed" },
    });
  });

  test("cancel against a perform at the same moment: one wins, the other hears the new status", async () => {
    const { customer } = await createTenant();
    const { request } = await readyRequest(customer);
    signInAs(customer);
    const [perform, cancel] = await Promise.all([
      performPortingRequestAction({ id: request.id }),
      cancelPortingRequestAction({ id: request.id }),
    ]);
    expect([perform.ok, cancel.ok].filter(Boolean)).toHaveLength(1);
    const loser = perform.ok ? cancel : perform;
    const winnerStatus = perform.ok ? "completed" : "cancelled";
    expect(loser).toMatchObject({ ok: false, code: "conflict", details: { currentStatus: winnerStatus } });
    expect(await snapshot(request.id)).toMatchObject({ status: winnerStatus, events: 2 });
    expect(await countMismatches()).toEqual([]);
  });
});

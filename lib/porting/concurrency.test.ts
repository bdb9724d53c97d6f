import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequestEvents, portingRequestNumbers, portingRequests } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { countMismatches, countRows, createSupport, createTenant, insertRequestInStatus, nextNumbers } from "@/test/factories";
import { cancelPortingRequest } from "./cancel-porting-request";
import { performPortingRequest } from "./perform-porting-request";
import { statusCounts } from "./queries";
import { transitionPortingRequest } from "./transition-porting-request";
import type { TransitionAction } from "./transitions";

// Real races on the real pool (max 10 connections): the guarded UPDATE, not luck, decides.

describe("concurrent status changes", () => {
  test("50 concurrent Perform / Cancel on one ready NL request: exactly one wins", async () => {
    const { customer } = await createTenant("NL");
    const numbers = nextNumbers(3);
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "ready_to_be_ported", numbers });
    const eventsBefore = await countRows("porting_request_events", sql`porting_request_id = ${request.id}`);

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        i % 2 === 0 ? performPortingRequest(customer, request.id) : cancelPortingRequest(customer, request.id),
      ),
    );

    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) expect(r.reason).toBeInstanceOf(ConflictError);

    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, request.id));
    const winner = won[0]?.status === "fulfilled" ? won[0].value : undefined;
    expect(row?.status).toBe(winner?.status);
    expect(row?.version).toBe(2);
    expect(await countRows("porting_request_events", sql`porting_request_id = ${request.id}`)).toBe(eventsBefore + 1);
    expect(await countRows("voice_numbers", sql`porting_request_id = ${request.id}`)).toBe(row?.status === "completed" ? 3 : 0);
    const open = await getDb().select().from(portingRequestNumbers).where(eq(portingRequestNumbers.portingRequestId, request.id));
    expect(open.some((n) => n.open)).toBe(false);

    const counts = await statusCounts(customer);
    expect(counts.ready_to_be_ported).toBe(0);
    expect(counts.completed + counts.cancelled).toBe(1);
    expect(await countMismatches()).toEqual([]);
  });

  test("support agents racing on NL requests: the history stays one unbroken chain and the counts agree", async () => {
    const { customer } = await createTenant("NL");
    const agents = await Promise.all([createSupport("Agent A"), createSupport("Agent B"), createSupport("Agent C")]);
    const requests = await Promise.all([1, 2, 3].map(() => insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" })));
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const actions: TransitionAction[] = ["delay", "mark_ready", "reject", "delay", "mark_ready"];

    const results = await Promise.allSettled(
      Array.from({ length: 45 }, (_, i) => {
        const agent = agents[i % agents.length];
        const request = requests[i % requests.length];
        const action = actions[i % actions.length] as TransitionAction;
        if (!agent || !request) throw new Error("setup");
        return transitionPortingRequest(agent, {
          id: request.id,
          action,
          reason: `${action} by ${agent.name}`,
          firstPossiblePortingDate: date,
          ...(action === "reject" ? { rejectionCodes: ["other"] } : {}),
        });
      }),
    );
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const won = results.filter((r) => r.status === "fulfilled").length;

    let recorded = 0;
    for (const request of requests) {
      const events = await getDb()
        .select()
        .from(portingRequestEvents)
        .where(eq(portingRequestEvents.portingRequestId, request.id))
        .orderBy(portingRequestEvents.id);
      // Each entry starts where the previous one ended: no change was recorded from a stale status.
      for (let i = 1; i < events.length; i++) expect(events[i]?.fromStatus).toBe(events[i - 1]?.toStatus);
      const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, request.id));
      expect(events.at(-1)?.toStatus).toBe(row?.status);
      expect(row?.version).toBe(events.length);
      // Every request starts In progress, where each of these actions is allowed: the first to
      // arrive must win, so a race in which every call is refused fails here.
      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(events[1]?.fromStatus).toBe("in_progress");
      recorded += events.length - 1;
    }
    // Each fulfilled call is exactly one recorded change, and nothing else was recorded.
    expect(won).toBe(recorded);
    expect(await countMismatches()).toEqual([]);
  });
});

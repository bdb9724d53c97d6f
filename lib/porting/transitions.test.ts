import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { countMismatches, countRows, createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { transitionPortingRequest } from "./transition-porting-request";
import {
  TRANSITION_ACTIONS,
  allowedActions,
  findTransition,
  roleMayTakeAction,
  type TransitionAction,
  type TransitionRole,
} from "./transitions";
import { PORTING_STATUSES, type PortingStatus } from "./values";
import { sql } from "drizzle-orm";

// DESIGN.md's transition table, written out again by hand on purpose: the test compares the code's
// table (transitions.ts) and the verb against this independent copy, so an edit to one that is not
// made to the other fails here. "DE" stands for every non-NL country.
const EXPECTED = `
  support accept     requested          NL DE -> in_progress
  support reject     requested          NL DE -> blocked
  support reject     in_progress        NL DE -> blocked
  support reject     delayed            NL DE -> blocked
  support delay      in_progress        NL    -> delayed
  support delay      delayed            NL    -> delayed
  support mark_ready in_progress        NL    -> ready_to_be_ported
  support mark_ready delayed            NL    -> ready_to_be_ported
  support complete   in_progress           DE -> completed
  customer perform   ready_to_be_ported NL    -> completed
  customer cancel    ready_to_be_ported NL    -> cancelled
  customer cancel    requested             DE -> cancelled
  customer cancel    in_progress           DE -> cancelled
`;

const allowed = new Map<string, PortingStatus>();
for (const line of EXPECTED.trim().split("\n")) {
  const [left, to] = line.trim().split("->").map((s) => s.trim());
  const [role, action, from, ...countries] = (left ?? "").split(/\s+/);
  for (const country of countries) allowed.set(`${role}:${action}:${from}:${country}`, to as PortingStatus);
}
const expectedTo = (role: string, action: string, status: string, country: string) =>
  allowed.get(`${role}:${action}:${status}:${country}`);
const expectedAllowed = (role: string, status: string, country: string) =>
  TRANSITION_ACTIONS.filter((a) => expectedTo(role, a, status, country) !== undefined);

const ROLES: TransitionRole[] = ["support", "customer"];
const COUNTRIES = ["NL", "DE"] as const;
const SUPPORT_ACTIONS = ["accept", "reject", "delay", "mark_ready", "complete"];

describe("the table as data", () => {
  test.each(ROLES.flatMap((role) => COUNTRIES.flatMap((country) => PORTING_STATUSES.map((status) => ({ role, country, status })))))(
    "allowedActions($role, $status, $country) matches DESIGN.md",
    ({ role, country, status }) => {
      expect(allowedActions({ status, country }, role)).toEqual(expectedAllowed(role, status, country));
      for (const action of TRANSITION_ACTIONS) {
        expect(findTransition(action, status, country, role)?.to).toBe(expectedTo(role, action, status, country));
      }
    },
  );

  test("other non-NL countries follow the DE rows", () => {
    for (const country of ["BE", "GB", "FR", "ES"]) {
      for (const status of PORTING_STATUSES) {
        for (const role of ROLES) expect(allowedActions({ status, country }, role)).toEqual(expectedAllowed(role, status, "DE"));
      }
    }
  });

  test("which role may take which action at all", () => {
    for (const action of TRANSITION_ACTIONS) {
      expect(roleMayTakeAction(action, "support")).toBe(SUPPORT_ACTIONS.includes(action));
      expect(roleMayTakeAction(action, "customer")).toBe(!SUPPORT_ACTIONS.includes(action));
    }
  });

  test("support needs a reason; a customer gets a default; only delay needs a date", () => {
    for (const action of TRANSITION_ACTIONS) {
      for (const country of COUNTRIES) {
        for (const status of PORTING_STATUSES) {
          for (const role of ROLES) {
            const t = findTransition(action, status, country, role);
            if (!t) continue;
            expect(t.needsReason).toBe(role === "support");
            expect(t.needsFirstPossibleDate).toBe(action === "delay");
            if (role === "customer") {
              expect(t.defaultReason).toBe(action === "perform" ? "Performed by customer" : "Cancelled by customer");
            }
          }
        }
      }
    }
  });
});

describe("the verb enforces the table: every status × action × role × country", () => {
  let support: SupportActor;
  const customers: Partial<Record<(typeof COUNTRIES)[number], CustomerActor>> = {};

  beforeAll(async () => {
    support = await createSupport("Sam Support");
    customers.NL = (await createTenant("NL")).customer;
    customers.DE = (await createTenant("DE")).customer;
  });

  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const cases = ROLES.flatMap((role) =>
    COUNTRIES.flatMap((country) =>
      PORTING_STATUSES.flatMap((status) =>
        TRANSITION_ACTIONS.map((action) => {
          const to = expectedTo(role, action, status, country);
          const outcome = to ? `→ ${to}` : !SUPPORT_ACTIONS.includes(action) === (role === "customer") ? "409" : "403";
          return { role, country, status, action, to, outcome };
        }),
      ),
    ),
  );

  test.each(cases)("$role $action on $country $status: $outcome", async ({ role, country, status, action, to }) => {
    const customer = customers[country] as CustomerActor;
    const actor = role === "support" ? support : customer;
    const request = await insertRequestInStatus({ accountId: customer.accountId, status, country });
    const eventsBefore = await countRows("porting_request_events", sql`porting_request_id = ${request.id}`);
    const call = transitionPortingRequest(actor, {
      id: request.id,
      action: action as TransitionAction,
      ...(role === "support" ? { reason: "Checked with the donor" } : {}),
      ...(action === "delay" ? { firstPossiblePortingDate: tomorrow } : {}),
      ...(action === "reject" ? { rejectionCodes: ["other"] } : {}),
    });

    if (to) {
      const dto = await call;
      expect(dto.status).toBe(to);
      expect(dto.history.at(-1)).toMatchObject({ from: status, to, actor: { role, name: actor.name } });
      expect(await countRows("porting_request_events", sql`porting_request_id = ${request.id}`)).toBe(eventsBefore + 1);
    } else {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      if (roleMayTakeAction(action as TransitionAction, role)) {
        expect(error).toBeInstanceOf(ConflictError);
        expect((error as ConflictError).details).toMatchObject({
          currentStatus: status,
          allowedActions: expectedAllowed(role, status, country),
        });
      } else {
        expect(error).toBeInstanceOf(ForbiddenError);
      }
      const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, request.id));
      expect(row?.status).toBe(status);
      expect(row?.version).toBe(request.version);
      expect(await countRows("porting_request_events", sql`porting_request_id = ${request.id}`)).toBe(eventsBefore);
    }
  });

  test("after all of that, the counts table still matches count(*)", async () => {
    expect(await countMismatches()).toEqual([]);
  });
});

import { describe, expect, test } from "vitest";
import { insertRequestInStatus } from "@/test/factories";
import { tomorrowAtUtc } from "@/test/schedule";
import type { ContractContext } from "./contract-conversation";

// The contract of confirming a porting moment (issue 14 item 5): POST and DELETE
// /porting-requests/{id}/schedule, called from test/api/contract.test.ts so its "every documented
// status was exercised" check sees them. Behaviour in depth: lib/porting/schedule-completion.test.ts
// and lib/porting/completion-worker.test.ts.

export function scheduleContract({ check, customerKey, supportKey, accountId }: ContractContext) {
  describe("porting moments", () => {
    test("support confirms a German request's moment; the customer sees it; bad moments, NL and other statuses are refused; it is taken back", async () => {
      const german = await insertRequestInStatus({ accountId: accountId(), status: "in_progress", country: "DE" });
      const at = tomorrowAtUtc(9, 30);
      const schedule = (id: string, portingAt: string) => check("schedulePortingRequestCompletion", { key: supportKey(), params: { id }, json: { portingAt } });

      const outside = await schedule(german.id, tomorrowAtUtc(21).toISOString());
      expect(outside.status).toBe(422);
      expect(Object.keys(outside.body.errors as object)).toEqual(["portingAt"]);
      // Yesterday at 10:00 UTC: in the porting window, so the refusal is for the past, whatever the hour now.
      const past = await schedule(german.id, new Date(tomorrowAtUtc(10).getTime() - 2 * 86_400_000).toISOString());
      expect(past.status).toBe(422);
      expect((past.body.errors as Record<string, string[]>).portingAt![0]).toMatch(/future/);
      const unknownField = await check("schedulePortingRequestCompletion", { key: supportKey(), params: { id: german.id }, json: { portingAt: at.toISOString(), reason: "x" } });
      expect(unknownField.status).toBe(422);
      expect(Object.keys(unknownField.body.errors as object)).toEqual(["reason"]);

      const confirmed = await schedule(german.id, at.toISOString());
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ id: german.id, status: "in_progress", scheduledPortingAt: at.toISOString() });
      const seen = await check("getPortingRequest", { key: customerKey(), params: { id: german.id } });
      expect(seen.body.scheduledPortingAt).toBe(at.toISOString());

      const dutch = await insertRequestInStatus({ accountId: accountId(), status: "in_progress" });
      const nl = await schedule(dutch.id, at.toISOString());
      expect(nl.status).toBe(409);
      expect(nl.body.detail).toMatch(/performs the porting/);
      const requested = await insertRequestInStatus({ accountId: accountId(), status: "requested", country: "DE" });
      const notYet = await schedule(requested.id, at.toISOString());
      expect(notYet.status).toBe(409);
      expect(notYet.body).toMatchObject({ currentStatus: "requested" });

      const taken = await check("cancelScheduledCompletion", { key: supportKey(), params: { id: german.id } });
      expect(taken.status).toBe(200);
      expect(taken.body).toMatchObject({ status: "in_progress", scheduledPortingAt: null });
      const again = await check("cancelScheduledCompletion", { key: supportKey(), params: { id: german.id } });
      expect(again.status).toBe(409);
    });
  });
}

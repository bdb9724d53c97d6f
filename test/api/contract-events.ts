import { afterAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { processEventHub } from "@/lib/api/event-stream";
import { recordEvent } from "@/lib/events/record";
import { EVENT_TYPES } from "@/lib/events/types";
import type { ContractContext } from "./contract-conversation";

// The contract of GET /api/v1/events (issue 13 item 2), called from test/api/contract.test.ts so
// its "every documented status was exercised" check sees it. Behaviour in depth (resume,
// isolation, heartbeats, credentials): app/api/v1/events/route.test.ts.

export function eventsContract(ctx: Pick<ContractContext, "check" | "customerKey" | "supportKey" | "accountId">) {
  describe("events", () => {
    afterAll(async () => {
      await processEventHub().stop();
    });

    // Half a second alone; once, in a CI dry run on a machine at load 20+, over 30 s (the first
    // stream starts the process's LISTEN connection). Cause not found yet: see the closing note.
    test("a stream, a resume, and the 410 and 422 it documents", { timeout: 90_000 }, async () => {
      const live = await ctx.check("streamEvents", { key: ctx.customerKey() });
      expect(live.status).toBe(200);

      const kept = await getDb().transaction((tx) =>
        recordEvent(tx, { accountId: ctx.accountId(), portingRequestId: null, type: EVENT_TYPES.commentAdded, body: { text: "contract" } }),
      );
      const resumed = await ctx.check("streamEvents", { key: ctx.supportKey(), headers: { "last-event-id": kept.messageId } });
      expect(resumed.status).toBe(200);

      const gone = await ctx.check("streamEvents", { key: ctx.customerKey(), query: { lastEventId: "msg_not_kept" } });
      expect(gone.status).toBe(410);
      expect(gone.body.detail).toContain('"msg_not_kept"');

      const bad = await ctx.check("streamEvents", { key: ctx.customerKey(), query: { since: "yesterday" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object)).toEqual(["since"]);
    });
  });
}

import { describe, expect, test } from "vitest";
import { insertRequestInStatus, nextNumber } from "@/test/factories";
import type { ContractContext } from "./contract-conversation";

// The contract of POST /api/v1/portability-checks (issue 15 item 2), called from
// test/api/contract.test.ts. Behaviour in depth: lib/porting/check-portability.test.ts.

export function portabilityContract({ check, customerKey, accountId }: ContractContext) {
  describe("portability checks", () => {
    test("answers each number in order; bad bodies name the field", async () => {
      const mine = nextNumber();
      await insertRequestInStatus({ accountId: accountId(), status: "in_progress", numbers: [mine] });
      const free = nextNumber();
      const result = await check("checkPortability", { key: customerKey(), json: { phoneNumbers: [free, mine, "+31 6 12345678", "12"], country: "NL" } });
      expect(result.status).toBe(200);
      const data = result.body.data as { input: string; portable: boolean; valid: boolean; reason: string | null }[];
      expect(data.map((d) => [d.input, d.valid, d.portable])).toEqual([
        [free, true, true],
        [mine, true, false],
        ["+31 6 12345678", true, false],
        ["12", false, false],
      ]);
      expect(data[1]!.reason).toMatch(/open porting request PR-/);

      const none = await check("checkPortability", { key: customerKey(), json: { phoneNumbers: [] } });
      expect(none.status).toBe(422);
      expect(Object.keys(none.body.errors as object)).toEqual(["phoneNumbers"]);
      const many = await check("checkPortability", { key: customerKey(), json: { phoneNumbers: Array.from({ length: 501 }, () => free) } });
      expect(many.status).toBe(422);
      const country = await check("checkPortability", { key: customerKey(), json: { phoneNumbers: [free], country: "US" } });
      expect(Object.keys(country.body.errors as object)).toEqual(["country"]);
    });
  });
}

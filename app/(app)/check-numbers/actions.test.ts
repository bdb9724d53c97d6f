import { beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { NUMBER_CHECK_LIMIT } from "@/lib/auth/user-rate-limit";
import { createSupport, createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { checkNumbersAction } from "../porting-requests/new/actions";
import { checkPortabilityAction } from "./actions";

// The "Check numbers" page's action: the portability check for the signed-in customer, limited per
// user together with the new request's number check (500 numbers a call must not map the numbers
// other accounts hold).

beforeEach(() => signOutAll());

describe("checkPortabilityAction", () => {
  test("no session and support are refused", async () => {
    const input = { phoneNumbers: [nextNumber()] };
    expect(await checkPortabilityAction(input)).toMatchObject({ ok: false, code: "unauthorized" });
    signInAs(await createSupport());
    expect(await checkPortabilityAction(input)).toMatchObject({ ok: false, code: "forbidden" });
  });

  test("answers per number, in order, for the caller's account", async () => {
    const { customer } = await createTenant("NL");
    const [mine, free] = [nextNumber(), nextNumber()];
    const own = await insertRequestInStatus({ accountId: customer.accountId, status: "requested", numbers: [mine] });
    signInAs(customer);
    const result = await checkPortabilityAction({ phoneNumbers: [free, mine, "nonsense"] });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.map((r) => [r.input, r.portable])).toEqual([[free, true], [mine, false], ["nonsense", false]]);
    expect(result.data[1]?.reason).toContain(own.reference);
  });

  test(`shares the new request's limit: ${NUMBER_CHECK_LIMIT.max} checks in the window from either page, then refused`, async () => {
    const { customer } = await createTenant("NL");
    signInAs(customer);
    const half = Math.floor(NUMBER_CHECK_LIMIT.max / 2);
    const wizard = await Promise.all(
      Array.from({ length: half }, () => checkNumbersAction({ country: "NL", numberType: "geographic", phoneNumbers: [nextNumber()] })),
    );
    expect(wizard.every((r) => r.ok)).toBe(true);
    const page = await Promise.all(Array.from({ length: NUMBER_CHECK_LIMIT.max - half + 3 }, () => checkPortabilityAction({ phoneNumbers: [nextNumber()] })));
    expect(page.filter((r) => r.ok)).toHaveLength(NUMBER_CHECK_LIMIT.max - half);
    expect(page.filter((r) => !r.ok)[0]).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringMatching(/checked too often\. Wait \d+ minutes?/) });
  });
});

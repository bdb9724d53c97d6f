import { vi, expect, test } from "vitest";
import { z } from "zod";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { signInAs } from "@/test/session";
import { createSupport, createTenant } from "@/test/factories";
import { ConflictError } from "@/lib/errors";
import { action } from "./action";

const echo = action({ roles: ["customer"], input: z.object({ name: z.string().min(1, "Name is required.") }) }, async (actor, input) => ({
  account: actor.accountId,
  name: input.name,
}));

test("no session: refused before the input is even read", async () => {
  signInAs(null);
  expect(await echo({ name: "x" })).toMatchObject({ ok: false, code: "unauthorized" });
});

test("wrong role: refused", async () => {
  signInAs(await createSupport());
  expect(await echo({ name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
});

test("bad input: field errors by name", async () => {
  const { customer } = await createTenant();
  signInAs(customer);
  expect(await echo({ name: "" })).toEqual({
    ok: false,
    code: "validation",
    message: "Some fields need attention.",
    fieldErrors: { name: ["Name is required."] },
  });
});

test("the account comes from the session, and domain errors map to results", async () => {
  const { customer } = await createTenant();
  signInAs(customer);
  expect(await echo({ name: "x" })).toEqual({ ok: true, data: { account: customer.accountId, name: "x" } });
  const conflicting = action({ roles: ["customer"], input: z.object({}) }, async () => {
    throw new ConflictError("This request changed to Completed meanwhile", { currentStatus: "completed" });
  });
  expect(await conflicting({})).toMatchObject({ ok: false, code: "conflict", details: { currentStatus: "completed" } });
  const crashing = action({ roles: ["customer"], input: z.object({}) }, async () => {
    throw new Error('relation "secret_table" does not exist');
  });
  const spy = vi.spyOn(console, "error").mockImplementation(() => {});
  const result = await crashing({});
  spy.mockRestore();
  expect(result).toMatchObject({ ok: false, code: "error" });
  expect(JSON.stringify(result)).not.toContain("secret_table");
});

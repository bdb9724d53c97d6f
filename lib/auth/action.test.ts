import { vi, expect, test } from "vitest";
import { z } from "zod";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { signInAs } from "@/test/session";
import { createSupport, createTenant } from "@/test/factories";
import { ConflictError, ValidationError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/shared/validation";
import { action, publicAction } from "./action";

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

/** React sends only plain objects to client components (a null prototype makes the action throw instead of answering). */
function expectPlainForClient(value: unknown, at = "result") {
  if (value === null || typeof value !== "object") return;
  if (!Array.isArray(value)) expect(Object.getPrototypeOf(value), `${at} must be a plain object`).toBe(Object.prototype);
  for (const [key, inner] of Object.entries(value)) expectPlainForClient(inner, `${at}.${key}`);
}

test("field errors reach the client as plain objects, from the schema, the verb, NUL checks and public actions; a field named __proto__ stays a key", async () => {
  const { customer } = await createTenant();
  signInAs(customer);
  const fromSchema = await echo({ name: "" });
  expectPlainForClient(fromSchema);
  const fromVerb = await action({ roles: ["customer"], input: z.object({}) }, async () => {
    throw new ValidationError(fieldErrorsFromZod(z.object({ __proto__: z.string() }).strict().safeParse({ ["__proto__"]: 1 }).error!));
  })({});
  expectPlainForClient(fromVerb);
  const withNul = await echo({ name: "a\u0000b" });
  expect(withNul).toMatchObject({ ok: false, code: "validation", fieldErrors: { name: [expect.stringContaining("NUL")] } });
  expectPlainForClient(withNul);
  const open = publicAction({ input: z.object({ email: z.email("Give an email.") }) }, async () => "sent");
  const refused = await open({ email: "nope" });
  expect(refused).toMatchObject({ ok: false, fieldErrors: { email: ["Give an email."] } });
  expectPlainForClient(refused);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

import { beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { getCompanyProfile } from "@/lib/company-profiles/get-company-profile";
import { createCompanyProfile as insertProfile, createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { signInAs } from "@/test/session";
import { createCompanyProfileAction, deleteCompanyProfileAction, updateCompanyProfileAction } from "./actions";

const input = {
  name: "Head office",
  companyName: "Acme B.V.",
  registrationNumber: "34123456",
  street: "Herengracht 182",
  postalCode: "1016 BR",
  city: "Amsterdam",
  addressCountry: "NL",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  country: "NL" as const,
  numberTypes: ["geographic" as const],
  notificationEmails: ["ops@acme.test"],
};

let anna: CustomerActor;
let otto: CustomerActor;
let support: SupportActor;

beforeAll(async () => {
  anna = (await createTenant("NL")).customer;
  otto = (await createTenant("NL")).customer;
  support = await createSupport();
});

describe("refusals", () => {
  test("no session: every action is refused", async () => {
    signInAs(null);
    const profile = await insertProfile(anna.accountId);
    expect(await createCompanyProfileAction(input)).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await updateCompanyProfileAction({ id: profile.id, name: "x" })).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await deleteCompanyProfileAction({ id: profile.id })).toMatchObject({ ok: false, code: "unauthorized" });
  });

  test("a support agent is refused", async () => {
    signInAs(support);
    const profile = await insertProfile(anna.accountId);
    expect(await createCompanyProfileAction(input)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await updateCompanyProfileAction({ id: profile.id, name: "x" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await deleteCompanyProfileAction({ id: profile.id })).toMatchObject({ ok: false, code: "forbidden" });
  });

  test("another account's profile is not found, and stays as it was", async () => {
    const theirs = await insertProfile(otto.accountId, "NL", { name: "Otto's" });
    signInAs(anna);
    expect(await updateCompanyProfileAction({ id: theirs.id, name: "Mine" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteCompanyProfileAction({ id: theirs.id })).toMatchObject({ ok: false, code: "not_found" });
    await expect(getCompanyProfile(otto, theirs.id)).resolves.toMatchObject({ name: "Otto's" });
  });

  test("a profile in use cannot be deleted: a conflict with the reason", async () => {
    const profile = await insertProfile(anna.accountId, "NL", { name: "Used" });
    await insertRequestInStatus({ accountId: anna.accountId, status: "requested", companyProfileId: profile.id });
    signInAs(anna);
    const result = await deleteCompanyProfileAction({ id: profile.id });
    expect(result).toMatchObject({ ok: false, code: "conflict", message: expect.stringContaining("is used by 1 porting request") });
  });
});

describe("field errors come back by field name", () => {
  test("create", async () => {
    signInAs(anna);
    const result = await createCompanyProfileAction({ ...input, registrationNumber: "123", notificationEmails: ["nope"] });
    expect(result).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: {
        registrationNumber: ["KvK number must be 8 digits, such as 12345678."],
        "notificationEmails.0": [expect.stringContaining("valid email")],
      },
    });
  });

  test("update: the changed profile is checked as a whole", async () => {
    const profile = await insertProfile(anna.accountId, "NL", { registrationNumber: null });
    signInAs(anna);
    expect(await updateCompanyProfileAction({ id: profile.id, registrationNumber: "1234" })).toMatchObject({
      ok: false,
      fieldErrors: { registrationNumber: ["KvK number must be 8 digits, such as 12345678."] },
    });
    const fixed = await updateCompanyProfileAction({ id: profile.id, registrationNumber: "12345678" });
    expect(fixed).toMatchObject({ ok: true, data: { meetsRequirements: true } });
  });
});

test("the account comes from the session", async () => {
  signInAs(anna);
  const created = await createCompanyProfileAction({ ...input, name: "From the session" });
  expect(created.ok).toBe(true);
  if (!created.ok) return;
  await expect(getCompanyProfile(anna, created.data.id)).resolves.toMatchObject({ name: "From the session" });
  expect(await deleteCompanyProfileAction({ id: created.data.id })).toEqual({ ok: true, data: { id: created.data.id } });
});

import { beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { getDistributionGroup } from "@/lib/distribution-groups/get-distribution-group";
import { createDistributionGroup as insertGroup, createSupport, createTenant, nextNumber } from "@/test/factories";
import { signInAs } from "@/test/session";
import { createDistributionGroupAction, deleteDistributionGroupAction, updateDistributionGroupAction } from "./actions";

let anna: CustomerActor;
let otto: CustomerActor;
let support: SupportActor;

beforeAll(async () => {
  anna = (await createTenant("NL")).customer;
  otto = (await createTenant("NL")).customer;
  support = await createSupport();
});

describe("refusals", () => {
  test("no session and support are refused", async () => {
    const group = await insertGroup(anna.accountId);
    for (const [who, code] of [
      [null, "unauthorized"],
      [support, "forbidden"],
    ] as const) {
      signInAs(who);
      expect(await createDistributionGroupAction({ name: "x", destinations: ["sip:a@b.example"] })).toMatchObject({ ok: false, code });
      expect(await updateDistributionGroupAction({ id: group.id, name: "y" })).toMatchObject({ ok: false, code });
      expect(await deleteDistributionGroupAction({ id: group.id })).toMatchObject({ ok: false, code });
    }
  });

  test("another account's group is not found, and stays as it was", async () => {
    const theirs = await insertGroup(otto.accountId, "Otto's");
    signInAs(anna);
    expect(await updateDistributionGroupAction({ id: theirs.id, name: "Mine" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteDistributionGroupAction({ id: theirs.id })).toMatchObject({ ok: false, code: "not_found" });
    await expect(getDistributionGroup(otto, theirs.id)).resolves.toMatchObject({ name: "Otto's" });
  });

  test("a group in use: a conflict that says why", async () => {
    const group = await insertGroup(anna.accountId, "Busy");
    await getDb().insert(voiceNumbers).values({ accountId: anna.accountId, number: nextNumber(), type: "geographic", distributionGroupId: group.id });
    signInAs(anna);
    expect(await deleteDistributionGroupAction({ id: group.id })).toMatchObject({
      ok: false,
      code: "conflict",
      message: "“Busy” can't be deleted: it is in use by 1 number. To delete it, move its numbers to another group first.",
      details: { numbersCount: 1 },
    });
  });
});

test("create, rename and reorder, with errors by field", async () => {
  signInAs(anna);
  const bad = await createDistributionGroupAction({ name: "", destinations: ["sip:a@b.example", "junk"] });
  expect(bad).toMatchObject({ ok: false, code: "validation" });
  expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["destinations.1", "name"]);

  const created = await createDistributionGroupAction({ name: "Front desk", destinations: ["sip:a@b.example", "020 123 4567"] });
  expect(created).toMatchObject({ ok: true, data: { destinations: ["sip:a@b.example", "+31201234567"] } });
  if (!created.ok) return;
  const updated = await updateDistributionGroupAction({ id: created.data.id, name: "Front office", destinations: ["+31201234567", "sip:a@b.example"] });
  expect(updated).toMatchObject({ ok: true, data: { name: "Front office", destinations: ["+31201234567", "sip:a@b.example"] } });
  expect(await deleteDistributionGroupAction({ id: created.data.id })).toEqual({ ok: true, data: { id: created.data.id } });
});

import { beforeAll, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { getVoiceNumber } from "@/lib/voice-numbers/get-voice-number";
import { createDistributionGroup as insertGroup, createSupport, createTenant, nextNumber } from "@/test/factories";
import { signInAs } from "@/test/session";
import { setVoiceNumberGroupAction } from "./actions";

let anna: CustomerActor;
let otto: CustomerActor;
const annaNumber = nextNumber();
const ottoNumber = nextNumber();
let annaGroup: { id: string };
let ottoGroup: { id: string };

beforeAll(async () => {
  anna = (await createTenant("NL")).customer;
  otto = (await createTenant("NL")).customer;
  annaGroup = await insertGroup(anna.accountId, "Reception");
  ottoGroup = await insertGroup(otto.accountId, "Otto's");
  await getDb()
    .insert(voiceNumbers)
    .values([
      { accountId: anna.accountId, number: annaNumber, type: "geographic" },
      { accountId: otto.accountId, number: ottoNumber, type: "geographic", distributionGroupId: ottoGroup.id },
    ]);
});

test("no session, support: refused", async () => {
  signInAs(null);
  expect(await setVoiceNumberGroupAction({ number: annaNumber, distributionGroupId: annaGroup.id })).toMatchObject({ ok: false, code: "unauthorized" });
  signInAs(await createSupport());
  expect(await setVoiceNumberGroupAction({ number: annaNumber, distributionGroupId: annaGroup.id })).toMatchObject({ ok: false, code: "forbidden" });
  await expect(getVoiceNumber(anna, annaNumber)).resolves.toMatchObject({ distributionGroupId: null });
});

test("another account's number or group: not found, nothing changes", async () => {
  signInAs(anna);
  expect(await setVoiceNumberGroupAction({ number: ottoNumber, distributionGroupId: annaGroup.id })).toMatchObject({ ok: false, code: "not_found" });
  expect(await setVoiceNumberGroupAction({ number: annaNumber, distributionGroupId: ottoGroup.id })).toMatchObject({ ok: false, code: "not_found" });
  await expect(getVoiceNumber(otto, ottoNumber)).resolves.toMatchObject({ distributionGroupId: ottoGroup.id });
  await expect(getVoiceNumber(anna, annaNumber)).resolves.toMatchObject({ distributionGroupId: null });
});

test("bad input names the field; a valid change is applied", async () => {
  signInAs(anna);
  expect(await setVoiceNumberGroupAction({ numbers: [], distributionGroupId: null })).toMatchObject({ ok: false, code: "validation", fieldErrors: { numbers: expect.any(Array) } });
  const result = await setVoiceNumberGroupAction({ numbers: [annaNumber], distributionGroupId: annaGroup.id });
  expect(result).toMatchObject({ ok: true, data: [{ number: annaNumber, distributionGroupName: "Reception" }] });
});

import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { performPortingRequest } from "@/lib/porting/perform-porting-request";
import { createDistributionGroup, createTenant, insertRequestInStatus, nextNumber, randomId } from "@/test/factories";
import { getVoiceNumber } from "./get-voice-number";
import { listVoiceNumbers } from "./list-voice-numbers";
import { setVoiceNumberGroup } from "./set-voice-number-group";

let anna: CustomerActor;
let jonas: CustomerActor;
let reception: { id: string; name: string };
let sales: { id: string; name: string };
let jonasGroup: { id: string };
/** Anna's own numbers; the first two start in Reception. */
const annaNumbers = ["+31201110001", "+31201110002", "+31201110003", "+31852220004", "+31201110005"];
const ported = ["+31207770001", "+31207770002"];
let portedReference: string;
let portedRequestId: string;
const jonasNumber = nextNumber("DE");

async function groupOf(accountId: string, number: string) {
  const [row] = await getDb()
    .select({ groupId: voiceNumbers.distributionGroupId })
    .from(voiceNumbers)
    .where(and(eq(voiceNumbers.number, number), eq(voiceNumbers.accountId, accountId)));
  return row?.groupId;
}

beforeAll(async () => {
  anna = (await createTenant("NL", "Acme B.V.")).customer;
  jonas = (await createTenant("DE", "Globex GmbH")).customer;
  reception = await createDistributionGroup(anna.accountId, "Reception");
  sales = await createDistributionGroup(anna.accountId, "Sales");
  jonasGroup = await createDistributionGroup(jonas.accountId, "Zentrale");
  await getDb()
    .insert(voiceNumbers)
    .values([
      ...annaNumbers.map((number, i) => ({
        accountId: anna.accountId,
        number,
        type: number.startsWith("+3185") ? ("national" as const) : ("geographic" as const),
        distributionGroupId: i < 2 ? reception.id : null,
      })),
      { accountId: jonas.accountId, number: jonasNumber, type: "geographic", distributionGroupId: jonasGroup.id },
    ]);
  // Through the real workflow: Perform assigns the request's numbers with its group.
  const request = await insertRequestInStatus({
    accountId: anna.accountId,
    status: "ready_to_be_ported",
    numbers: ported,
    distributionGroupId: sales.id,
  });
  portedRequestId = request.id;
  portedReference = (await performPortingRequest(anna, request.id)).reference;
});

describe("listVoiceNumbers", () => {
  test("the account's numbers in number order, with group and origin", async () => {
    const page = await listVoiceNumbers(anna, { limit: 50 });
    expect(page.items.map((n) => n.number)).toEqual([...annaNumbers, ...ported].sort());
    expect(page.nextCursor).toBeNull();
    expect(page.items.find((n) => n.number === ported[0])).toMatchObject({
      type: "geographic",
      distributionGroupId: sales.id,
      distributionGroupName: "Sales",
      portingRequestId: portedRequestId,
      portingRequestReference: portedReference,
    });
    expect(page.items.find((n) => n.number === "+31852220004")).toMatchObject({
      type: "national",
      distributionGroupId: null,
      distributionGroupName: null,
      portingRequestId: null,
      portingRequestReference: null,
    });
  });

  test("keyset pages: every number once, in order", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listVoiceNumbers(anna, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((n) => n.number));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([...annaNumbers, ...ported].sort());
  });

  test("search by a whole number in any format, or a fragment", async () => {
    const numbers = async (q: string) => (await listVoiceNumbers(anna, { q, limit: 50 })).items.map((n) => n.number);
    expect(await numbers("020 111 0002")).toEqual(["+31201110002"]);
    expect(await numbers("+31 20 111 0003")).toEqual(["+31201110003"]);
    expect(await numbers("0031201110005")).toEqual(["+31201110005"]);
    expect(await numbers("085")).toEqual(["+31852220004"]);
    expect(await numbers("+31 20 777")).toEqual(ported);
    expect(await numbers("0005")).toEqual(["+31201110005"]);
    expect(await numbers("no digits")).toEqual([]);
    // Another account's number is never found.
    expect(await numbers(jonasNumber)).toEqual([]);
  });

  test("filter by group, or numbers without a group", async () => {
    expect((await listVoiceNumbers(anna, { groupId: reception.id, limit: 50 })).items.map((n) => n.number)).toEqual(annaNumbers.slice(0, 2));
    expect((await listVoiceNumbers(anna, { groupId: "none", limit: 50 })).items.map((n) => n.number)).toEqual(annaNumbers.slice(2).sort());
  });

  test("another account's group filter is NotFound; a broken cursor is a validation error", async () => {
    await expect(listVoiceNumbers(anna, { groupId: jonasGroup.id, limit: 50 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listVoiceNumbers(anna, { groupId: "garbage", limit: 50 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(listVoiceNumbers(anna, { cursor: "bm90LWEtbnVtYmVy", limit: 50 })).rejects.toBeInstanceOf(ValidationError);
    await expect(listVoiceNumbers(anna, { limit: 1000 })).rejects.toBeInstanceOf(ValidationError);
  });

  test("each account sees only its own numbers", async () => {
    const page = await listVoiceNumbers(jonas, { limit: 50 });
    expect(page.items.map((n) => n.number)).toEqual([jonasNumber]);
  });
});

describe("setVoiceNumberGroup", () => {
  test("one number, in any format, to a group; then to no group", async () => {
    const [moved] = await setVoiceNumberGroup(anna, { number: "020 111 0003", distributionGroupId: sales.id });
    expect(moved).toMatchObject({ number: "+31201110003", distributionGroupId: sales.id, distributionGroupName: "Sales" });
    const [cleared] = await setVoiceNumberGroup(anna, { number: "+31201110003", distributionGroupId: null });
    expect(cleared).toMatchObject({ distributionGroupId: null, distributionGroupName: null });
    await expect(getVoiceNumber(anna, "+31201110003")).resolves.toMatchObject({ distributionGroupId: null });
  });

  test("several numbers at once", async () => {
    const moved = await setVoiceNumberGroup(anna, { numbers: ["+31201110001", "+31201110002"], distributionGroupId: sales.id });
    expect(moved.map((n) => [n.number, n.distributionGroupName])).toEqual([
      ["+31201110001", "Sales"],
      ["+31201110002", "Sales"],
    ]);
    await setVoiceNumberGroup(anna, { numbers: ["+31201110001", "+31201110002"], distributionGroupId: reception.id });
  });

  test("another account's group is NotFound and changes nothing", async () => {
    await expect(setVoiceNumberGroup(anna, { number: "+31201110001", distributionGroupId: jonasGroup.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(setVoiceNumberGroup(anna, { number: "+31201110001", distributionGroupId: randomId() })).rejects.toBeInstanceOf(NotFoundError);
    expect(await groupOf(anna.accountId, "+31201110001")).toBe(reception.id);
  });

  test("another account's number is NotFound, and the account's own numbers in the same call stay as they were", async () => {
    const error = await setVoiceNumberGroup(anna, { numbers: ["+31201110001", jonasNumber], distributionGroupId: sales.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(await groupOf(anna.accountId, "+31201110001")).toBe(reception.id);
    expect(await groupOf(jonas.accountId, jonasNumber)).toBe(jonasGroup.id);
    await expect(setVoiceNumberGroup(jonas, { number: "+31201110001", distributionGroupId: null })).rejects.toBeInstanceOf(NotFoundError);
    await expect(getVoiceNumber(anna, jonasNumber)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("bad input names the field", async () => {
    const bad = await setVoiceNumberGroup(anna, { numbers: ["+31201110001", "12"], distributionGroupId: null }).catch((e: unknown) => e);
    expect((bad as ValidationError).fieldErrors).toEqual({ "numbers.1": ["“12” is not a valid phone number."] });
    const none = await setVoiceNumberGroup(anna, { distributionGroupId: null } as never).catch((e: unknown) => e);
    expect(Object.keys((none as ValidationError).fieldErrors)).toEqual(["numbers"]);
    const badGroup = await setVoiceNumberGroup(anna, { number: "+31201110001", distributionGroupId: "x" }).catch((e: unknown) => e);
    expect(Object.keys((badGroup as ValidationError).fieldErrors)).toEqual(["distributionGroupId"]);
  });
});

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { distributionGroups, portingRequests, voiceNumbers } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createDistributionGroup as insertGroup, createSupport, createTenant, insertRequestInStatus, nextNumber, randomId } from "@/test/factories";
import { createDistributionGroup } from "./create-distribution-group";
import { deleteDistributionGroup } from "./delete-distribution-group";
import { getDistributionGroup } from "./get-distribution-group";
import { listDistributionGroups } from "./list-distribution-groups";
import { updateDistributionGroup } from "./update-distribution-group";

async function validationErrors(promise: Promise<unknown>): Promise<Record<string, string[]>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

async function addVoiceNumber(accountId: string, groupId: string | null, number = nextNumber()) {
  await getDb().insert(voiceNumbers).values({ accountId, number, type: "geographic", distributionGroupId: groupId });
  return number;
}

let anna: CustomerActor;
let jonas: CustomerActor;

beforeAll(async () => {
  anna = (await createTenant("NL", "Acme B.V.")).customer;
  jonas = (await createTenant("DE", "Globex GmbH")).customer;
});

describe("createDistributionGroup", () => {
  test("stores the destinations normalised, in order; national numbers read in the account's country", async () => {
    const group = await createDistributionGroup(anna, {
      name: "  Reception ",
      destinations: ["SIP:Desk@PBX.Acme.example", "020 123 4567", "+49 30 1234567"],
    });
    expect(group).toMatchObject({
      name: "Reception",
      destinations: ["sip:Desk@pbx.acme.example", "+31201234567", "+49301234567"],
      numbersCount: 0,
      openPortingRequestsCount: 0,
      deletable: true,
      inUseReason: null,
    });
    const german = await createDistributionGroup(jonas, { name: "Zentrale", destinations: ["030 1234567"] });
    expect(german.destinations).toEqual(["+49301234567"]);
  });

  test("every bad field at once: name, each bad row, duplicates", async () => {
    const errors = await validationErrors(
      createDistributionGroup(anna, { name: "", destinations: ["sip:reception", "", "reception@pbx.example.com"] }),
    );
    expect(Object.keys(errors).sort()).toEqual(["destinations.0", "destinations.1", "destinations.2", "name"]);
    expect(errors["destinations.2"]?.[0]).toContain("sip:reception@pbx.example.com");
  });

  test("the name is unique per account (any case), with a friendly message, also when two creates race", async () => {
    await createDistributionGroup(anna, { name: "Sales", destinations: ["sip:sales@pbx.acme.example"] });
    expect(await validationErrors(createDistributionGroup(anna, { name: "SALES", destinations: ["sip:x@pbx.acme.example"] }))).toEqual({
      name: ["You already have a distribution group named “SALES”: choose another name."],
    });
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => createDistributionGroup(anna, { name: "Race", destinations: ["sip:race@pbx.acme.example"] })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toBeInstanceOf(ValidationError);
        expect((result.reason as ValidationError).fieldErrors.name?.[0]).toContain("already have a distribution group named");
      }
    }
    // Another account may use the same name.
    await expect(createDistributionGroup(jonas, { name: "Sales", destinations: ["sip:sales@pbx.globex.example"] })).resolves.toMatchObject({ name: "Sales" });
  });

  test("a support agent has no groups", async () => {
    const support = await createSupport();
    await expect(createDistributionGroup(support as unknown as CustomerActor, { name: "x", destinations: ["sip:a@b.example"] })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("updateDistributionGroup", () => {
  test("rename, reorder and replace destinations", async () => {
    const group = await createDistributionGroup(anna, { name: "Support line", destinations: ["sip:one@pbx.acme.example", "+31201234567"] });
    const renamed = await updateDistributionGroup(anna, group.id, { name: "Helpdesk" });
    expect(renamed).toMatchObject({ name: "Helpdesk", destinations: ["sip:one@pbx.acme.example", "+31201234567"] });
    const reordered = await updateDistributionGroup(anna, group.id, { destinations: ["020 123 4567", "sip:one@pbx.acme.example"] });
    expect(reordered).toMatchObject({ name: "Helpdesk", destinations: ["+31201234567", "sip:one@pbx.acme.example"] });
  });

  test("refuses an empty change, a bad row, and another group's name", async () => {
    await createDistributionGroup(anna, { name: "Existing", destinations: ["sip:e@pbx.acme.example"] });
    const group = await createDistributionGroup(anna, { name: "Editable", destinations: ["sip:e@pbx.acme.example"] });
    expect(Object.keys(await validationErrors(updateDistributionGroup(anna, group.id, {})))).toEqual(["name"]);
    expect(Object.keys(await validationErrors(updateDistributionGroup(anna, group.id, { destinations: ["sip:ok@pbx.acme.example", "123"] })))).toEqual([
      "destinations.1",
    ]);
    expect(await validationErrors(updateDistributionGroup(anna, group.id, { name: "existing" }))).toEqual({
      name: [expect.stringContaining("already have a distribution group named “existing”")],
    });
    await expect(updateDistributionGroup(anna, group.id, { name: "EDITABLE" })).resolves.toMatchObject({ name: "EDITABLE" });
  });
});

describe("deleteDistributionGroup", () => {
  test("an unused group is deleted", async () => {
    const group = await createDistributionGroup(anna, { name: "Unused", destinations: ["sip:u@pbx.acme.example"] });
    await deleteDistributionGroup(anna, group.id);
    await expect(getDistributionGroup(anna, group.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a group with numbers is refused: “in use by N numbers”, and the list says so", async () => {
    const group = await insertGroup(anna.accountId, "Busy");
    await addVoiceNumber(anna.accountId, group.id);
    await addVoiceNumber(anna.accountId, group.id);
    const error = await deleteDistributionGroup(anna, group.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe(
      "“Busy” can't be deleted: it is in use by 2 numbers. To delete it, move its numbers to another group first.",
    );
    expect((error as ConflictError).details).toEqual({ numbersCount: 2, openPortingRequestsCount: 0 });
    const listed = (await listDistributionGroups(anna)).find((g) => g.id === group.id);
    expect(listed).toMatchObject({ numbersCount: 2, deletable: false, inUseReason: "in use by 2 numbers" });
  });

  test("a group an open porting request will use is refused", async () => {
    const group = await insertGroup(anna.accountId, "Planned");
    await insertRequestInStatus({ accountId: anna.accountId, status: "ready_to_be_ported", distributionGroupId: group.id });
    const error = await deleteDistributionGroup(anna, group.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toContain("in use by 1 open porting request");
    expect((error as ConflictError).message).toContain("wait until its open porting requests are completed or cancelled");
  });

  test("finished requests do not block a delete; they forget the group", async () => {
    const group = await insertGroup(anna.accountId, "Was planned");
    const cancelled = await insertRequestInStatus({ accountId: anna.accountId, status: "cancelled", distributionGroupId: group.id });
    await deleteDistributionGroup(anna, group.id);
    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, cancelled.id));
    expect(row?.distributionGroupId).toBeNull();
  });
});

describe("tenant isolation", () => {
  test("another account's group is NotFound for every verb, and nothing changes", async () => {
    const theirs = await insertGroup(jonas.accountId, "Berlin");
    await expect(getDistributionGroup(anna, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateDistributionGroup(anna, theirs.id, { name: "Mine now" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteDistributionGroup(anna, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDistributionGroup(anna, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDistributionGroup(anna, randomId())).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await getDb().select().from(distributionGroups).where(eq(distributionGroups.id, theirs.id));
    expect(row?.name).toBe("Berlin");
    expect((await listDistributionGroups(anna)).some((g) => g.id === theirs.id)).toBe(false);
  });

  test("counts only the account's own numbers", async () => {
    const group = await insertGroup(jonas.accountId, "Counted");
    await addVoiceNumber(jonas.accountId, group.id, nextNumber("DE"));
    expect((await getDistributionGroup(jonas, group.id)).numbersCount).toBe(1);
  });
});

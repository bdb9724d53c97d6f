import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { callbackDeliveries, voiceNumbers } from "@/db/schema";
import {
  createCompanyProfile,
  createCustomer,
  createDistributionGroup,
  createTenant,
  insertRequestInStatus,
  nextNumber,
  uploadLetterOfAuthorisation,
} from "@/test/factories";
import { keyFor } from "./client";
import type { ContractContext } from "./contract-conversation";

// The contract of what a customer configures besides requests (issue 15 item 3): distribution
// groups, a number's group, a request's notifications and "Resend", and the CSV export (item 4).
// Called from test/api/contract.test.ts so its "every documented status was exercised" check sees
// them; the common errors (401, 429, 403, 400/413/415, malformed ids) are its loops over every
// endpoint. The export's filters, quoting and streaming in depth: test/api/export.test.ts.

export function configurationContract(ctx: ContractContext) {
  let otherKey: string;
  let otherAccountId: string;

  beforeAll(async () => {
    const other = await createTenant("NL", "Contract Other B.V.");
    otherAccountId = other.account.id;
    otherKey = await keyFor(other.customer);
  });

  describe("distribution groups", () => {
    test("create, get, update, delete, as the page does", async () => {
      const created = await ctx.check("createDistributionGroup", {
        key: ctx.customerKey(),
        json: { name: "  Front desk ", destinations: ["SIP:Desk@Acme.Example", "020 123 4599"] },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.headers.get("location")).toBe(`/api/v1/distribution-groups/${id}`);
      expect(created.body).toMatchObject({ name: "Front desk", destinations: ["sip:Desk@acme.example", "+31201234599"], numbersCount: 0, openPortingRequestsCount: 0 });

      expect((await ctx.check("getDistributionGroup", { key: ctx.customerKey(), params: { id } })).body).toEqual(created.body);
      const listed = await ctx.check("listDistributionGroups", { key: ctx.customerKey() });
      expect((listed.body.data as { id: string }[]).map((g) => g.id)).toContain(id);

      const renamed = await ctx.check("updateDistributionGroup", { key: ctx.customerKey(), params: { id }, json: { name: "Desk" } });
      expect(renamed.body).toMatchObject({ id, name: "Desk", destinations: ["sip:Desk@acme.example", "+31201234599"] });
      const reordered = await ctx.check("updateDistributionGroup", { key: ctx.customerKey(), params: { id }, json: { destinations: ["+31201234599", "sip:desk@acme.example"] } });
      expect(reordered.body.destinations).toEqual(["+31201234599", "sip:desk@acme.example"]);

      expect((await ctx.check("deleteDistributionGroup", { key: ctx.customerKey(), params: { id } })).status).toBe(204);
      expect((await ctx.check("getDistributionGroup", { key: ctx.customerKey(), params: { id } })).status).toBe(404);
    });

    test("refusals name the field; a group in use is kept (409 with its counts); another account's is a 404", async () => {
      const bad = await ctx.check("createDistributionGroup", { key: ctx.customerKey(), json: { name: "", destinations: ["sip:a@b.example", "not a destination"] } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object).sort()).toEqual(["destinations.1", "name"]);
      const twice = await ctx.check("createDistributionGroup", { key: ctx.customerKey(), json: { name: "Twice", destinations: ["020 123 4599", "+31201234599"] } });
      expect(Object.keys(twice.body.errors as object)).toEqual(["destinations.1"]);
      const unknown = await ctx.check("createDistributionGroup", { key: ctx.customerKey(), json: { name: "X", destinations: ["sip:x@y.example"], ringTime: 20 } });
      expect(unknown.status).toBe(422);
      expect(Object.keys(unknown.body.errors as object)).toEqual(["ringTime"]);

      const taken = await createDistributionGroup(ctx.accountId(), "Taken name");
      const clash = await ctx.check("createDistributionGroup", { key: ctx.customerKey(), json: { name: "taken NAME", destinations: ["sip:x@y.example"] } });
      expect(clash.status).toBe(422);
      expect(Object.keys(clash.body.errors as object)).toEqual(["name"]);
      const empty = await ctx.check("updateDistributionGroup", { key: ctx.customerKey(), params: { id: taken.id }, json: {} });
      expect(empty.status).toBe(422);

      const inUse = await createDistributionGroup(ctx.accountId(), "In use");
      await insertRequestInStatus({ accountId: ctx.accountId(), status: "in_progress", distributionGroupId: inUse.id });
      await getDb().insert(voiceNumbers).values({ accountId: ctx.accountId(), number: nextNumber(), type: "geographic", distributionGroupId: inUse.id });
      const kept = await ctx.check("deleteDistributionGroup", { key: ctx.customerKey(), params: { id: inUse.id } });
      expect(kept.status).toBe(409);
      expect(kept.body).toMatchObject({ numbersCount: 1, openPortingRequestsCount: 1 });
      expect((await ctx.check("getDistributionGroup", { key: ctx.customerKey(), params: { id: inUse.id } })).body.numbersCount).toBe(1);

      for (const operationId of ["getDistributionGroup", "updateDistributionGroup", "deleteDistributionGroup"]) {
        const foreign = await ctx.check(operationId, { key: otherKey, params: { id: taken.id }, ...(operationId === "updateDistributionGroup" ? { json: { name: "Mine now" } } : {}) });
        expect(foreign.status, operationId).toBe(404);
      }
      expect((await ctx.check("getDistributionGroup", { key: ctx.customerKey(), params: { id: taken.id } })).body.name).toBe("Taken name");
    });
  });

  describe("numbers", () => {
    let groupId: string;
    let numbers: string[];

    beforeAll(async () => {
      groupId = (await createDistributionGroup(ctx.accountId(), "Numbers group")).id;
      numbers = [nextNumber(), nextNumber(), nextNumber()];
      await getDb()
        .insert(voiceNumbers)
        .values(numbers.map((number) => ({ accountId: ctx.accountId(), number, type: "geographic" as const })));
    });

    test("get one, set its group, move several at once, filter the list by group", async () => {
      const [first, second, third] = numbers as [string, string, string];
      const got = await ctx.check("getNumber", { key: ctx.customerKey(), params: { number: first } });
      expect(got.body).toMatchObject({ number: first, distributionGroupId: null });
      const national = `0${first.slice(3, 5)} ${first.slice(5)}`;
      expect((await ctx.check("getNumber", { key: ctx.customerKey(), params: { number: national } })).body.number).toBe(first);

      const set = await ctx.check("updateNumber", { key: ctx.customerKey(), params: { number: first }, json: { distributionGroupId: groupId } });
      expect(set.body).toMatchObject({ number: first, distributionGroupId: groupId });

      const moved = await ctx.check("updateNumbers", { key: ctx.customerKey(), json: { numbers: [second, third], distributionGroupId: groupId } });
      expect((moved.body.data as { number: string; distributionGroupId: string }[]).map((n) => [n.number, n.distributionGroupId])).toEqual(
        [second, third].sort().map((n) => [n, groupId]),
      );
      const inGroup = await ctx.check("listNumbers", { key: ctx.customerKey(), query: { distributionGroupId: groupId } });
      expect((inGroup.body.data as { number: string }[]).map((n) => n.number)).toEqual([...numbers].sort());
      const searched = await ctx.check("listNumbers", { key: ctx.customerKey(), query: { q: first.slice(-6) } });
      expect((searched.body.data as { number: string }[]).map((n) => n.number)).toEqual([first]);

      const cleared = await ctx.check("updateNumber", { key: ctx.customerKey(), params: { number: first }, json: { distributionGroupId: null } });
      expect(cleared.body.distributionGroupId).toBeNull();
      const none = await ctx.check("listNumbers", { key: ctx.customerKey(), query: { distributionGroupId: "none" } });
      expect((none.body.data as { number: string }[]).map((n) => n.number)).toContain(first);
    });

    test("another account's number or group is a 404 and changes nothing; bad bodies name the field", async () => {
      const [first, second] = numbers as [string, string];
      const foreignGroup = (await createDistributionGroup(otherAccountId, "Not yours")).id;
      expect((await ctx.check("getNumber", { key: otherKey, params: { number: first } })).status).toBe(404);
      expect((await ctx.check("updateNumber", { key: otherKey, params: { number: first }, json: { distributionGroupId: null } })).status).toBe(404);
      expect((await ctx.check("updateNumber", { key: ctx.customerKey(), params: { number: first }, json: { distributionGroupId: foreignGroup } })).status).toBe(404);
      expect((await ctx.check("listNumbers", { key: ctx.customerKey(), query: { distributionGroupId: foreignGroup } })).status).toBe(404);

      const before = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.number, second));
      const partly = await ctx.check("updateNumbers", { key: ctx.customerKey(), json: { numbers: [second, nextNumber()], distributionGroupId: null } });
      expect(partly.status).toBe(404);
      expect(await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.number, second))).toEqual(before);

      const bad = await ctx.check("updateNumber", { key: ctx.customerKey(), params: { number: first }, json: { distributionGroupId: "reception" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object)).toEqual(["distributionGroupId"]);
      const badNumber = await ctx.check("updateNumbers", { key: ctx.customerKey(), json: { numbers: ["12"], distributionGroupId: null } });
      expect(badNumber.status).toBe(422);
      expect(Object.keys(badNumber.body.errors as object)).toEqual(["numbers.0"]);
      expect((await ctx.check("listNumbers", { key: ctx.customerKey(), query: { q: "x".repeat(41) } })).status).toBe(422);
    });
  });

  describe("a request's notifications and Resend", () => {
    let requestId: string;

    beforeAll(async () => {
      // The letter of authorisation NL requires, uploaded by a person of the same account.
      const upload = await uploadLetterOfAuthorisation(await createCustomer({ id: ctx.accountId() }));
      const created = await ctx.check("createPortingRequest", {
        key: ctx.customerKey(),
        json: {
          country: "NL",
          numberType: "geographic",
          companyProfileId: (await createCompanyProfile(ctx.accountId(), "NL", { name: "Notifications profile" })).id,
          phoneNumbers: [nextNumber()],
          currentProvider: "KPN",
          callbackUrl: "https://example.com/porting-callback",
          documents: [upload],
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      requestId = created.body.id as string;
    });

    test("what each status change sent, and a resend of its callback", async () => {
      const listed = await ctx.check("listRequestNotifications", { key: ctx.customerKey(), params: { id: requestId } });
      const events = listed.body.events as { to: string; emails: unknown[]; callbacks: { id: string; state: string; url: string }[] }[];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ to: "requested" });
      const delivery = events[0]!.callbacks[0]!;
      expect(delivery).toMatchObject({ state: "pending", url: "https://example.com/porting-callback" });
      expect((await ctx.check("listRequestNotifications", { key: ctx.supportKey(), params: { id: requestId } })).status).toBe(200);

      // Still being retried: brought forward, not duplicated.
      const now = await ctx.check("resendRequestNotification", { key: ctx.customerKey(), params: { id: requestId }, json: { deliveryId: delivery.id } });
      expect(now.status).toBe(202);
      expect(now.body).toMatchObject({ deliveryId: delivery.id, mode: "retry_now" });

      // Delivered: a new delivery with a new webhook-id and the same body.
      await getDb().update(callbackDeliveries).set({ state: "delivered", deliveredAt: sql`now()` }).where(eq(callbackDeliveries.id, delivery.id));
      const again = await ctx.check("resendRequestNotification", { key: ctx.supportKey(), params: { id: requestId }, json: { deliveryId: delivery.id } });
      expect(again.body.mode).toBe("new_delivery");
      expect(again.body.deliveryId).not.toBe(delivery.id);
      const [original, copy] = await Promise.all(
        [delivery.id, again.body.deliveryId as string].map(async (id) => (await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.id, id)))[0]!),
      );
      expect(copy!.body).toBe(original!.body);
      expect(copy!.messageId).not.toBe(original!.messageId);
      const after = await ctx.check("listRequestNotifications", { key: ctx.customerKey(), params: { id: requestId } });
      expect((after.body.events as { callbacks: unknown[] }[])[0]!.callbacks).toHaveLength(2);
    });

    test("another request's delivery, another account's request, and a bad id are refused", async () => {
      const other = await insertRequestInStatus({ accountId: ctx.accountId(), status: "in_progress" });
      const [delivery] = await getDb().select({ id: callbackDeliveries.id }).from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, requestId)).limit(1);
      const elsewhere = await ctx.check("resendRequestNotification", { key: ctx.customerKey(), params: { id: other.id }, json: { deliveryId: delivery!.id } });
      expect(elsewhere.status).toBe(404);
      expect((await ctx.check("resendRequestNotification", { key: otherKey, params: { id: requestId }, json: { deliveryId: delivery!.id } })).status).toBe(404);
      expect((await ctx.check("listRequestNotifications", { key: otherKey, params: { id: requestId } })).status).toBe(404);
      const bad = await ctx.check("resendRequestNotification", { key: ctx.customerKey(), params: { id: requestId }, json: { deliveryId: "first" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object)).toEqual(["deliveryId"]);
    });
  });

  describe("export", () => {
    test("CSV of the list's view; a bad filter is a 422 naming it", async () => {
      const csv = await ctx.check("exportPortingRequests", { key: ctx.customerKey(), query: { country: "NL" } });
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="porting-requests-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(String(csv.body).split("\r\n")[0]).toBe(
        "Reference,Customer reference,Status,Status reason,Country,Number type,Number,Current provider,Preferred porting date,First possible porting date,Created,Updated",
      );
      const bad = await ctx.check("exportPortingRequests", { key: ctx.customerKey(), query: { createdFrom: "last week", companyProfileId: "main" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object).sort()).toEqual(["companyProfileId", "createdFrom"]);
    });
  });
}

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { createSupport, createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { cancelPortingRequest } from "./cancel-porting-request";
import { performPortingRequest } from "./perform-porting-request";
import { getPortingRequestForActor, listPortingRequests, statusCounts } from "./queries";
import { transitionPortingRequest } from "./transition-porting-request";

// DESIGN.md: nobody sees or changes another account's data; another account's id answers 404.

describe("tenant isolation", () => {
  let alice: CustomerActor;
  let bob: CustomerActor;
  let support: SupportActor;
  let aliceReady: string;
  let aliceDeRequest: string;
  const aliceNumber = nextNumber();

  beforeAll(async () => {
    alice = (await createTenant("NL", "Alice B.V.")).customer;
    bob = (await createTenant("NL", "Bob B.V.")).customer;
    support = await createSupport();
    aliceReady = (await insertRequestInStatus({ accountId: alice.accountId, status: "ready_to_be_ported", numbers: [aliceNumber] })).id;
    aliceDeRequest = (await insertRequestInStatus({ accountId: alice.accountId, status: "requested", country: "DE", numbers: [nextNumber("DE")] })).id;
    await insertRequestInStatus({ accountId: bob.accountId, status: "requested" });
  });

  test("B cannot read A's request", async () => {
    await expect(getPortingRequestForActor(bob, aliceReady)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPortingRequestForActor(alice, aliceReady)).resolves.toMatchObject({ id: aliceReady, accountName: "Alice B.V." });
  });

  test("B cannot perform or cancel A's request, and nothing changes", async () => {
    await expect(performPortingRequest(bob, aliceReady)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelPortingRequest(bob, aliceReady)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelPortingRequest(bob, aliceDeRequest)).rejects.toBeInstanceOf(NotFoundError);
    await expect(transitionPortingRequest(bob, { id: aliceReady, to: "completed" })).rejects.toBeInstanceOf(NotFoundError);
    const [row] = await getDb().select().from(portingRequests).where(eq(portingRequests.id, aliceReady));
    expect(row).toMatchObject({ status: "ready_to_be_ported", version: 1 });
  });

  test("B's list, search and counts hold only B's requests", async () => {
    const page = await listPortingRequests(bob, { limit: 100 });
    expect(page.items.length).toBe(1);
    expect(page.items.every((i) => i.accountId === bob.accountId)).toBe(true);
    const search = await listPortingRequests(bob, { q: aliceNumber, limit: 100 });
    expect(search.items).toEqual([]);
    const aliceRef = (await getPortingRequestForActor(alice, aliceReady)).reference;
    expect((await listPortingRequests(bob, { q: aliceRef, limit: 100 })).items).toEqual([]);
    const counts = await statusCounts(bob);
    expect(counts).toMatchObject({ requested: 1, ready_to_be_ported: 0 });
  });

  test("support sees every account", async () => {
    await expect(getPortingRequestForActor(support, aliceReady)).resolves.toMatchObject({ allowedActions: [] });
    const page = await listPortingRequests(support, { limit: 100 });
    expect(new Set(page.items.map((i) => i.accountId))).toEqual(new Set([alice.accountId, bob.accountId]));
    expect(await statusCounts(support)).toMatchObject({ requested: 2, ready_to_be_ported: 1 });
  });
});

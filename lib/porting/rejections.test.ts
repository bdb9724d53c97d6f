import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { companyProfiles, portingRequestEvents } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  countMismatches,
  countRows,
  createCompanyProfile,
  createCustomer,
  createDistributionGroup,
  createRequest,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
} from "@/test/factories";
import type { CustomerActor } from "@/lib/auth/actor";
import { createPortingRequest } from "./create-porting-request";
import { getPortingRequestForActor } from "./queries";
import { REJECTION_CATALOGUE } from "./rejection-codes";
import type { CreatePortingRequestInput } from "./schemas";
import { resubmitPortingRequest } from "./resubmit-porting-request";
import { transitionPortingRequest } from "./transition-porting-request";

// Structured rejections and fix-and-resubmit (issue 14 items 1-2), through the real verbs on a
// real PostgreSQL: what a rejection must carry, what it stores, and what a resubmission copies,
// changes, links and refuses.

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n${text}`);

async function blockedEvent(requestId: string) {
  const rows = await getDb().select().from(portingRequestEvents).where(eq(portingRequestEvents.portingRequestId, requestId));
  return rows.find((e) => e.toStatus === "blocked");
}

describe("rejecting with codes", () => {
  test("a rejection needs at least one known code, each once; nothing changes until it has them", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await createRequest(customer);
    const reject = (rejectionCodes: unknown) =>
      failure(transitionPortingRequest(support, { id: request.id, action: "reject", reason: "Name differs", rejectionCodes: rejectionCodes as never }));

    for (const [codes, key] of [
      [undefined, "rejectionCodes"],
      [[], "rejectionCodes"],
      [["bad_vibes"], "rejectionCodes.0"],
      [["company_name", "company_name"], "rejectionCodes.1"],
      [[{ code: "address", numbers: [request.phoneNumbers[0]!.number] }], "rejectionCodes.0.numbers"],
      [[{ code: "numbers_not_portable", numbers: ["+31 20 999 9999"] }], "rejectionCodes.0.numbers.0"],
      [[{ code: "numbers_not_portable", numbers: ["+31 20 999 9999"], extra: true }], "rejectionCodes.0"],
    ] as const) {
      const error = (await reject(codes)) as ValidationError;
      expect(error, JSON.stringify(codes)).toBeInstanceOf(ValidationError);
      expect(Object.keys(error.fieldErrors), JSON.stringify(codes)).toEqual([key]);
    }
    const missing = (await reject(undefined)) as ValidationError;
    expect(missing.fieldErrors.rejectionCodes?.[0]).toMatch(/at least one rejection code/);

    // Codes belong to a rejection only.
    const accept = (await failure(
      transitionPortingRequest(support, { id: request.id, action: "accept", reason: "OK", rejectionCodes: ["other"] }),
    )) as ValidationError;
    expect(Object.keys(accept.fieldErrors)).toEqual(["rejectionCodes"]);

    const after = await getPortingRequestForActor(customer, request.id);
    expect(after).toMatchObject({ status: "requested", version: 1, rejectionCodes: [] });
    expect(after.history).toHaveLength(1);
  });

  test("the Blocked request carries its codes with what to fix; number codes name numbers (any format, or all); the profile is kept as it was", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const profile = await createCompanyProfile(customer.accountId, "NL", { companyName: "Acme Old Name B.V." });
    const numbers = [nextNumber(), nextNumber(), nextNumber()];
    const request = await createRequest(customer, { companyProfileId: profile.id, phoneNumbers: numbers });

    const blocked = await transitionPortingRequest(support, {
      id: request.id,
      action: "reject",
      reason: "The name and two numbers do not match KPN's records.",
      rejectionCodes: [
        "company_name",
        { code: "number_not_with_provider", numbers: [`0${numbers[2]!.slice(3)}`, numbers[0]!] },
        { code: "incomplete_number_block" },
      ],
    });
    expect(blocked.status).toBe("blocked");
    expect(blocked.rejectionCodes).toEqual([
      { ...REJECTION_CATALOGUE.company_name, numbers: [] },
      // In the request's order, whatever order support named them in.
      { ...REJECTION_CATALOGUE.number_not_with_provider, numbers: [numbers[0], numbers[2]] },
      { ...REJECTION_CATALOGUE.incomplete_number_block, numbers },
    ]);
    // The customer reads the same.
    expect((await getPortingRequestForActor(customer, request.id)).rejectionCodes).toEqual(blocked.rejectionCodes);

    const event = await blockedEvent(request.id);
    expect(event?.rejection?.profile).toMatchObject({ id: profile.id, companyName: "Acme Old Name B.V.", city: "Amsterdam" });
    // Editing the profile later does not change what the rejection saw.
    await getDb().update(companyProfiles).set({ companyName: "Acme B.V." }).where(eq(companyProfiles.id, profile.id));
    expect((await blockedEvent(request.id))?.rejection?.profile?.companyName).toBe("Acme Old Name B.V.");
  });

  test("the database refuses a Blocked event without a code", async () => {
    const request = await insertRequestInStatus({ accountId: (await createTenant("NL")).account.id, status: "in_progress" });
    await expect(
      getDb().execute(sql`insert into porting_request_events (porting_request_id, from_status, to_status, reason, actor_role, actor_name)
        values (${request.id}, 'in_progress', 'blocked', 'no codes', 'system', 'test')`),
    ).rejects.toThrow();
    await expect(
      getDb().execute(sql`insert into porting_request_events (porting_request_id, from_status, to_status, reason, actor_role, actor_name, rejection)
        values (${request.id}, 'in_progress', 'blocked', 'empty', 'system', 'test', '{"codes":[],"profile":null}'::jsonb)`),
    ).rejects.toThrow();
  });

  test("only support rejects", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    await expect(transitionPortingRequest(customer, { id: request.id, action: "reject", reason: "x", rejectionCodes: ["other"] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });
});

describe("resubmitting a Blocked request", () => {
  async function blockedRequest(customer: CustomerActor, overrides: Partial<CreatePortingRequestInput> = {}) {
    const support = await createSupport();
    const group = await createDistributionGroup(customer.accountId);
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const numbers = [nextNumber(), nextNumber()];
    const created = await createPortingRequest(
      customer,
      {
        country: "NL",
        numberType: "geographic",
        companyProfileId: profile.id,
        phoneNumbers: numbers,
        currentProvider: "KPN",
        contractScenario: "early_termination",
        distributionGroupId: group.id,
        callbackUrl: "https://example.com/porting",
        comment: "Main line and fax",
        ...overrides,
      },
      getDb(),
      {
        documents: [
          { kind: "letter_of_authorisation", filename: "loa.pdf", data: pdf("signed by Anna") },
          { kind: "invoice", filename: "invoice.pdf", data: pdf("KPN invoice") },
        ],
      },
    );
    const blocked = await transitionPortingRequest(support, {
      id: created.id,
      action: "reject",
      reason: "Second number is not with KPN",
      rejectionCodes: [{ code: "number_not_with_provider", numbers: [numbers[1]!] }],
    });
    return { blocked, numbers, group, profile, support };
  }

  async function documentsOf(requestId: string) {
    return getDb().execute<{ kind: string; filename: string; digest: string }>(
      sql`select kind::text, filename, md5(data) as digest from porting_request_documents where porting_request_id = ${requestId} order by kind`,
    );
  }

  test("everything is copied, the changes applied, and the two are linked both ways; a member may do it", async () => {
    const { account, customer } = await createTenant("NL");
    const member = await createCustomer(account, "Max Member", "member");
    const { blocked, numbers, group, profile } = await blockedRequest(customer);

    const corrected = await resubmitPortingRequest(member, blocked.id, { phoneNumbers: [numbers[0]!] });
    expect(corrected).toMatchObject({
      status: "requested",
      country: "NL",
      numberType: "geographic",
      companyProfileId: profile.id,
      phoneNumbers: [{ number: numbers[0], type: "geographic" }],
      currentProvider: "KPN",
      contractScenario: "early_termination",
      distributionGroupId: group.id,
      callbackUrl: "https://example.com/porting",
      comment: "Main line and fax",
      resubmissionOf: { id: blocked.id, reference: blocked.reference },
      resubmittedAs: null,
      rejectionCodes: [],
    });
    expect(corrected.id).not.toBe(blocked.id);
    expect(corrected.history).toEqual([expect.objectContaining({ from: null, to: "requested", actor: { role: "customer", name: "Max Member" } })]);
    // The same files.
    expect(await documentsOf(corrected.id)).toEqual(await documentsOf(blocked.id));

    const original = await getPortingRequestForActor(customer, blocked.id);
    expect(original).toMatchObject({ status: "blocked", version: blocked.version, resubmittedAs: { id: corrected.id, reference: corrected.reference } });
    expect(await countMismatches()).toEqual([]);
  });

  test("null clears an optional field; an invalid change is reported by field and nothing is stored", async () => {
    const { customer } = await createTenant("NL");
    const { blocked } = await blockedRequest(customer);
    const before = await countRows("porting_requests");

    const invalid = (await failure(
      resubmitPortingRequest(customer, blocked.id, { phoneNumbers: ["hello"], currentProvider: "" }),
    )) as ValidationError;
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(Object.keys(invalid.fieldErrors)).toEqual(expect.arrayContaining(["phoneNumbers.0", "currentProvider"]));
    expect(await countRows("porting_requests")).toBe(before);
    expect((await getPortingRequestForActor(customer, blocked.id)).resubmittedAs).toBeNull();

    const corrected = await resubmitPortingRequest(customer, blocked.id, { callbackUrl: null, comment: null, distributionGroupId: null });
    expect(corrected).toMatchObject({ callbackUrl: null, comment: null, distributionGroupId: null, currentProvider: "KPN" });
  });

  test("only a Blocked request, only once (also when several try at once); another account's is a 404; support can't", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const { blocked, support } = await blockedRequest(customer);
    const open = await createRequest(customer);

    const notBlocked = (await failure(resubmitPortingRequest(customer, open.id, {}))) as ConflictError;
    expect(notBlocked).toBeInstanceOf(ConflictError);
    expect(notBlocked.message).toBe(`Only a Blocked request can be resubmitted: ${open.reference} is Requested.`);

    await expect(resubmitPortingRequest(other.customer, blocked.id, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(resubmitPortingRequest(customer, "not-a-uuid", {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(resubmitPortingRequest(support as never, blocked.id, {})).rejects.toBeInstanceOf(ForbiddenError);

    const results = await Promise.allSettled(Array.from({ length: 6 }, () => resubmitPortingRequest(customer, blocked.id, {})));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ConflictError);
    const winner = (won[0] as PromiseFulfilledResult<{ id: string; reference: string }>).value;

    const again = (await failure(resubmitPortingRequest(customer, blocked.id, {}))) as ConflictError;
    expect(again.message).toContain(`already resubmitted as ${winner.reference}`);
    expect(again.details.resubmittedAs).toEqual({ id: winner.id, reference: winner.reference });
    expect(await countRows("porting_requests", sql`resubmission_of_id = ${blocked.id}`)).toBe(1);
  });

  test("a corrected request can itself be rejected and corrected again: a chain, each link once", async () => {
    const { customer } = await createTenant("NL");
    const { blocked, support } = await blockedRequest(customer);
    const second = await resubmitPortingRequest(customer, blocked.id, {});
    await transitionPortingRequest(support, { id: second.id, action: "reject", reason: "Still wrong", rejectionCodes: ["invoice"] });
    const third = await resubmitPortingRequest(customer, second.id, {});
    const middle = await getPortingRequestForActor(customer, second.id);
    expect(middle).toMatchObject({ resubmissionOf: { id: blocked.id }, resubmittedAs: { id: third.id } });
  });
});

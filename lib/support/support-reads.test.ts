import { expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequestDocuments } from "@/db/schema";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import {
  createCompanyProfile,
  createDistributionGroup,
  createRequest,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumbers,
} from "@/test/factories";
import { ForbiddenError } from "@/lib/errors";
import { getSupportAccountOverview, listSupportAccounts } from "./accounts";
import { listSupportQueue } from "./queue";
import { getSupportRequestContext } from "./request-context";

test("the request page's context: account, profile with its requirements check, group and documents", async () => {
  const { account, customer } = await createTenant("NL", "Context B.V.");
  const support = await createSupport();
  const group = await createDistributionGroup(account.id, "Front desk");
  const request = await createRequest(customer, { distributionGroupId: group.id });
  await getDb().insert(portingRequestDocuments).values({
    accountId: account.id,
    portingRequestId: request.id,
    kind: "letter_of_authorisation",
    filename: "loa.pdf",
    contentType: "application/pdf",
    size: 4,
    data: Buffer.from("%PDF"),
  });

  const context = await getSupportRequestContext(support, request.id);
  expect(context).toMatchObject({
    request: { id: request.id, accountName: "Context B.V.", allowedActions: ["accept", "reject"] },
    account: { id: account.id, name: "Context B.V.", country: "NL" },
    requirements: { ok: true },
    distributionGroup: { name: "Front desk" },
    // The factory's create attaches the letter the country requires; this one is added beside it.
    documents: expect.arrayContaining([expect.objectContaining({ kind: "letter_of_authorisation", filename: "loa.pdf", size: 4 })]),
  });
  expect(context?.documents).toHaveLength(2);
  for (const document of context?.documents ?? []) expect(document).not.toHaveProperty("data");

  // A profile that lost its KvK number since: the page says what is missing.
  const weak = await createCompanyProfile(account.id, "NL", { registrationNumber: null });
  const weakRequest = await insertRequestInStatus({ accountId: account.id, status: "requested", companyProfileId: weak.id });
  const weakContext = await getSupportRequestContext(support, weakRequest.id);
  expect(weakContext?.requirements).toMatchObject({ ok: false, missing: ["registrationNumber"] });

  expect(await getSupportRequestContext(support, "00000000-0000-4000-8000-000000000000")).toBeNull();
  expect(await getSupportRequestContext(support, "nope")).toBeNull();
});

test("the account view: profiles checked, voice numbers with group and source request, request history", async () => {
  const { account, customer } = await createTenant("DE", "Overview GmbH");
  const support = await createSupport();
  await createCompanyProfile(account.id, "DE", { name: "Without VAT", vatNumber: null });
  const group = await createDistributionGroup(account.id, "Zentrale");
  const numbers = nextNumbers(2, "DE");
  const done = await insertRequestInStatus({ accountId: account.id, status: "in_progress", country: "DE", numbers, distributionGroupId: group.id });
  await transitionPortingRequest(support, { id: done.id, action: "complete", reason: "Ported" });
  const open = await createRequest(customer, { country: "DE" });

  const overview = await getSupportAccountOverview(support, account.id);
  expect(overview?.account).toMatchObject({ name: "Overview GmbH", country: "DE" });
  expect(overview?.users).toEqual([{ name: customer.name, email: customer.email }]);
  const byName = new Map(overview?.profiles.map((p) => [p.name, p]));
  expect(byName.get("Without VAT")).toMatchObject({ meetsRequirements: false });
  expect(byName.get("Without VAT")?.checks[0]?.problems[0]?.field).toBe("vatNumber");
  expect([...byName.values()].filter((p) => p.meetsRequirements)).toHaveLength(2);
  expect(overview?.voiceNumbers).toEqual(
    [...numbers].sort().map((number) => ({
      number,
      type: "geographic",
      group: { id: group.id, name: "Zentrale" },
      request: { id: done.id, reference: done.reference },
      createdAt: expect.any(String),
    })),
  );
  expect(overview?.voiceNumberCount).toBe(2);
  expect(overview?.requests.map((r) => [r.id, r.status, r.numberCount])).toEqual([
    [open.id, "requested", 1],
    [done.id, "completed", 2],
  ]);
  expect(overview?.requestCount).toBe(2);

  const accounts = await listSupportAccounts(support);
  expect(accounts.find((a) => a.id === account.id)).toMatchObject({ openRequests: 1, totalRequests: 2 });

  expect(await getSupportAccountOverview(support, "00000000-0000-4000-8000-000000000000")).toBeNull();
  expect(await getSupportAccountOverview(support, "x")).toBeNull();
});

test("every support read checks its caller itself: a customer is refused, whatever the page around it does", async () => {
  const { account, customer } = await createTenant("NL", "Nosy B.V.");
  const request = await createRequest(customer);
  // A customer session reaching these verbs (a route or page that forgot its role check) must not
  // see other accounts: the verb refuses before it reads.
  const asSupport = customer as unknown as Parameters<typeof listSupportAccounts>[0];
  await expect(listSupportAccounts(asSupport)).rejects.toBeInstanceOf(ForbiddenError);
  await expect(getSupportAccountOverview(asSupport, account.id)).rejects.toBeInstanceOf(ForbiddenError);
  await expect(listSupportQueue(asSupport, {})).rejects.toBeInstanceOf(ForbiddenError);
  await expect(getSupportRequestContext(asSupport, request.id)).rejects.toBeInstanceOf(ForbiddenError);
});

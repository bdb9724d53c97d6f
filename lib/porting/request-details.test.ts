import { expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequestDocuments } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { createCompanyProfile, createDistributionGroup, createSupport, createTenant, insertRequestInStatus, randomId } from "@/test/factories";
import { distributionGroupNames, getRequestRelations, listPortingRequestDocuments } from "./request-details";

test("documents: listed without their bytes, in upload order; a foreign or unknown request is not found", async () => {
  const { customer } = await createTenant();
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
  const empty = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
  const db = getDb();
  for (const [kind, filename] of [["letter_of_authorisation", "loa.pdf"], ["invoice", "invoice.png"]] as const) {
    await db.insert(portingRequestDocuments).values({
      portingRequestId: request.id,
      kind,
      filename,
      contentType: filename.endsWith(".pdf") ? "application/pdf" : "image/png",
      size: 3,
      data: Buffer.from("abc"),
    });
  }
  const docs = await listPortingRequestDocuments(customer, request.id);
  expect(docs.map((d) => [d.kind, d.filename, d.size])).toEqual([
    ["letter_of_authorisation", "loa.pdf", 3],
    ["invoice", "invoice.png", 3],
  ]);
  expect(docs[0]).not.toHaveProperty("data");
  expect(await listPortingRequestDocuments(customer, empty.id)).toEqual([]);
  expect(await listPortingRequestDocuments(await createSupport(), request.id)).toHaveLength(2);

  const other = await createTenant();
  await expect(listPortingRequestDocuments(other.customer, request.id)).rejects.toBeInstanceOf(NotFoundError);
  await expect(listPortingRequestDocuments(customer, randomId())).rejects.toBeInstanceOf(NotFoundError);
  await expect(listPortingRequestDocuments(customer, "nope")).rejects.toBeInstanceOf(NotFoundError);
});

test("relations and group names come from the request's own account only", async () => {
  const { customer } = await createTenant();
  const other = await createTenant();
  const profile = await createCompanyProfile(customer.accountId, "NL", { name: "Head office" });
  const group = await createDistributionGroup(customer.accountId, "Reception");
  const foreignGroup = await createDistributionGroup(other.customer.accountId, "Theirs");
  expect(
    await getRequestRelations({ accountId: customer.accountId, companyProfileId: profile.id, distributionGroupId: group.id }),
  ).toEqual({ companyProfile: { id: profile.id, name: "Head office" }, distributionGroup: { id: group.id, name: "Reception" } });
  expect(
    await getRequestRelations({ accountId: customer.accountId, companyProfileId: profile.id, distributionGroupId: foreignGroup.id }),
  ).toMatchObject({ distributionGroup: null });
  expect(await distributionGroupNames(customer)).toEqual({ [group.id]: "Reception" });
});

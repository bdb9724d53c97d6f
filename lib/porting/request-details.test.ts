import { expect, test } from "vitest";
import { createCompanyProfile, createDistributionGroup, createTenant } from "@/test/factories";
import { distributionGroupNames, getRequestRelations } from "./request-details";

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

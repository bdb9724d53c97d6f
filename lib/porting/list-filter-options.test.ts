import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import { createTenant, insertRequestInStatus } from "@/test/factories";
import { listFilterOptions } from "./list-filter-options";

test("the provider menu: each name once whatever its case, in alphabetical order, spelled as first used, this account's only", async () => {
  const { customer } = await createTenant("NL");
  const other = await createTenant("NL");
  const providers = ["KPN", "Vodafone", "kpn", "T-Mobile", "Ziggo", "vodafone", "KPN"];
  for (const name of providers) {
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    await getDb().update(portingRequests).set({ currentProvider: name }).where(eq(portingRequests.id, request.id));
  }
  const foreign = await insertRequestInStatus({ accountId: other.customer.accountId, status: "requested" });
  await getDb().update(portingRequests).set({ currentProvider: "Elsewhere Telecom" }).where(eq(portingRequests.id, foreign.id));

  const options = await listFilterOptions(customer);
  expect(options.currentProviders).toEqual(["KPN", "T-Mobile", "Vodafone", "Ziggo"]);
  expect((await listFilterOptions(other.customer)).currentProviders).toEqual(["Elsewhere Telecom"]);
});

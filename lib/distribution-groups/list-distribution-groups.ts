import "server-only";
import { getDb, type Executor } from "@/db";
import { distributionGroups } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { assertCustomer, listAccountRows } from "@/lib/shared/account-rows";
import { toDistributionGroupDto, type DistributionGroupDto } from "./dto";
import { usageByGroup } from "./queries";

/** The account's distribution groups by name, each with how many numbers use it. */
export async function listDistributionGroups(actor: CustomerActor, db: Executor = getDb()): Promise<DistributionGroupDto[]> {
  assertCustomer(actor);
  const rows = await listAccountRows(db, distributionGroups, actor.accountId);
  const usage = await usageByGroup(db, actor.accountId, rows.map((r) => r.id));
  return rows.map((row) => toDistributionGroupDto(row, usage.get(row.id) ?? { numbersCount: 0, openPortingRequestsCount: 0 }));
}

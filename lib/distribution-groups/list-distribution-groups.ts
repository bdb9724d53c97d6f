import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { distributionGroups } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { toDistributionGroupDto, type DistributionGroupDto } from "./dto";
import { assertCustomer } from "./guards";
import { usageByGroup } from "./queries";

/** The account's distribution groups by name, each with how many numbers use it. */
export async function listDistributionGroups(actor: CustomerActor, db: Executor = getDb()): Promise<DistributionGroupDto[]> {
  assertCustomer(actor);
  const rows = await db
    .select()
    .from(distributionGroups)
    .where(eq(distributionGroups.accountId, actor.accountId))
    .orderBy(asc(sql`lower(${distributionGroups.name})`), asc(distributionGroups.id));
  const usage = await usageByGroup(db, actor.accountId, rows.map((r) => r.id));
  return rows.map((row) => toDistributionGroupDto(row, usage.get(row.id) ?? { numbersCount: 0, openPortingRequestsCount: 0 }));
}

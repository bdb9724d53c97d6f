import "server-only";
import { getDb, type Executor } from "@/db";
import type { CustomerActor } from "@/lib/auth/actor";
import { toDistributionGroupDto, type DistributionGroupDto } from "./dto";
import { assertCustomer } from "@/lib/shared/account-rows";
import { getDistributionGroupRow, groupUsage } from "./queries";

/** One group of the actor's account; another account's or an unknown id is NotFoundError. */
export async function getDistributionGroup(actor: CustomerActor, id: string, db: Executor = getDb()): Promise<DistributionGroupDto> {
  assertCustomer(actor);
  const row = await getDistributionGroupRow(db, actor, id);
  return toDistributionGroupDto(row, await groupUsage(db, actor.accountId, row.id));
}

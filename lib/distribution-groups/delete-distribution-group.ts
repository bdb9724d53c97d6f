import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { distributionGroups, portingRequests } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { ConflictError, isDomainError } from "@/lib/errors";
import { FINAL_STATUSES } from "@/lib/porting/values";
import { inUseReason } from "./dto";
import { assertCustomer, FOREIGN_KEY_VIOLATION, postgresError } from "./guards";
import { getDistributionGroupRow, groupUsage } from "./queries";

/**
 * Deletes a group no number and no open porting request uses. The group row is locked first:
 * assigning a number to the group (or completing a request with it) needs the row's key-share
 * lock for its foreign key, so such a change either is counted here or fails after the delete.
 * Finished requests that named the group forget it: their numbers were assigned long ago, and a
 * finished request never assigns again.
 */
export async function deleteDistributionGroup(actor: CustomerActor, id: string, db: Db = getDb()): Promise<void> {
  assertCustomer(actor);
  let name = "This distribution group";
  try {
    await db.transaction(async (tx) => {
      const row = await getDistributionGroupRow(tx, actor, id, { forUpdate: true });
      name = row.name;
      const usage = await groupUsage(tx, actor.accountId, row.id);
      const reason = inUseReason(usage);
      if (reason) {
        const advice = [
          usage.numbersCount > 0 ? "move its numbers to another group first" : null,
          usage.openPortingRequestsCount > 0 ? "wait until its open porting requests are completed or cancelled" : null,
        ]
          .filter(Boolean)
          .join(", and ");
        throw new ConflictError(`“${row.name}” can't be deleted: it is ${reason}. To delete it, ${advice}.`, usage);
      }
      await tx
        .update(portingRequests)
        .set({ distributionGroupId: null })
        .where(
          and(
            eq(portingRequests.accountId, actor.accountId),
            eq(portingRequests.distributionGroupId, row.id),
            inArray(portingRequests.status, [...FINAL_STATUSES]),
          ),
        );
      await tx
        .delete(distributionGroups)
        .where(and(eq(distributionGroups.id, row.id), eq(distributionGroups.accountId, actor.accountId)));
    });
  } catch (error) {
    if (!isDomainError(error) && postgresError(error)?.code === FOREIGN_KEY_VIOLATION) {
      throw new ConflictError(`“${name}” was just put in use, so it can't be deleted.`);
    }
    throw error;
  }
}

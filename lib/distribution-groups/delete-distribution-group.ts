import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { distributionGroups, portingRequests } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { ConflictError } from "@/lib/errors";
import { FINAL_STATUSES } from "@/lib/porting/values";
import { inUseReason } from "./dto";
import { assertCustomer, deleteAccountRow } from "@/lib/shared/account-rows";
import { groupUsage } from "./queries";

/**
 * Deletes a group no number and no open porting request uses. The group row is locked first
 * (deleteAccountRow): assigning a number to the group (or completing a request with it) needs the
 * row's key-share lock for its foreign key, so such a change either is counted here or fails after
 * the delete. Finished requests that named the group forget it: their numbers were assigned long
 * ago, and a finished request never assigns again.
 */
export async function deleteDistributionGroup(actor: CustomerActor, id: string, db: Db = getDb()): Promise<void> {
  const apiKeyId = callerApiKeyId();
  assertCustomer(actor);
  await deleteAccountRow(db, distributionGroups, "distribution group", actor, id, {
    beforeDelete: async (tx, row) => {
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
    },
    afterDelete: (tx, row) =>
      recordAudit(tx, actor, {
        accountId: actor.accountId,
        action: "distribution_group.deleted",
        objectType: "distribution_group",
        objectId: row.id,
        changes: { name: row.name, destinations: row.destinations },
      }, apiKeyId),
    inUseRace: (name) => `“${name}” was just put in use, so it can't be deleted.`,
  });
}

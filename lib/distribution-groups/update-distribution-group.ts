import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { distributionGroups } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, diffFields, recordAudit } from "@/lib/auth/audit";
import { ValidationError, isDomainError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/shared/validation";
import { isNameClash } from "./create-distribution-group";
import { toDistributionGroupDto, type DistributionGroupDto } from "./dto";
import { assertCustomer } from "@/lib/shared/account-rows";
import { accountCountry, getDistributionGroupRow, groupNameTaken, groupNameTakenMessage, groupUsage } from "./queries";
import { distributionGroupPatchSchema, type DistributionGroupPatch } from "./schemas";

/**
 * Renames a group and/or replaces its destinations (the whole ordered list: reordering is a new
 * list). Numbers using the group follow the change at once; a group in use may still change.
 */
export async function updateDistributionGroup(
  actor: CustomerActor,
  id: string,
  patch: DistributionGroupPatch,
  db: Db = getDb(),
): Promise<DistributionGroupDto> {
  const apiKeyId = callerApiKeyId();
  assertCustomer(actor);
  const country = await accountCountry(db, actor.accountId);
  let newName: string | undefined;
  try {
    return await db.transaction(async (tx) => {
      const row = await getDistributionGroupRow(tx, actor, id, { forUpdate: true });
      const parsed = distributionGroupPatchSchema(country).safeParse(patch);
      const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
      newName = parsed.data?.name;
      if (newName !== undefined && newName.toLowerCase() !== row.name.toLowerCase()) {
        if (await groupNameTaken(tx, actor.accountId, newName, row.id)) (errors.name ??= []).push(groupNameTakenMessage(newName));
      }
      if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);

      const [updated] = await tx
        .update(distributionGroups)
        .set({
          ...(parsed.data.name !== undefined ? { name: parsed.data.name } : {}),
          ...(parsed.data.destinations !== undefined ? { destinations: parsed.data.destinations } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(distributionGroups.id, row.id), eq(distributionGroups.accountId, actor.accountId)))
        .returning();
      if (!updated) throw new Error("updateDistributionGroup: the locked row vanished");
      const changed = diffFields({ name: row.name, destinations: row.destinations }, { name: updated.name, destinations: updated.destinations });
      if (Object.keys(changed).length > 0) {
        await recordAudit(tx, actor, {
          accountId: actor.accountId,
          action: "distribution_group.updated",
          objectType: "distribution_group",
          objectId: updated.id,
          changes: { name: updated.name, ...changed },
        }, apiKeyId);
      }
      return toDistributionGroupDto(updated, await groupUsage(tx, actor.accountId, updated.id));
    });
  } catch (error) {
    if (!isDomainError(error) && isNameClash(error) && newName) {
      throw new ValidationError({ name: [groupNameTakenMessage(newName)] });
    }
    throw error;
  }
}

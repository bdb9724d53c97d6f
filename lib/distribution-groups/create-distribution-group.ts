import "server-only";
import { getDb, type Db } from "@/db";
import { distributionGroups } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { ValidationError, isDomainError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/shared/validation";
import { toDistributionGroupDto, type DistributionGroupDto } from "./dto";
import { assertCustomer, postgresError, UNIQUE_VIOLATION } from "@/lib/shared/account-rows";
import { accountCountry, GROUP_NAME_INDEX, groupNameTaken, groupNameTakenMessage } from "./queries";
import { distributionGroupFields, distributionGroupSchema, type DistributionGroupInput } from "./schemas";

export function isNameClash(error: unknown): boolean {
  const pg = postgresError(error);
  return pg?.code === UNIQUE_VIOLATION && pg.constraint === GROUP_NAME_INDEX;
}

/** A new group: a unique name in the account and 1–20 destinations, each checked and normalised. */
export async function createDistributionGroup(
  actor: CustomerActor,
  input: DistributionGroupInput,
  db: Db = getDb(),
): Promise<DistributionGroupDto> {
  const apiKeyId = callerApiKeyId();
  assertCustomer(actor);
  const country = await accountCountry(db, actor.accountId);
  const parsed = distributionGroupSchema(country).safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);

  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const name = distributionGroupFields.shape.name.safeParse(raw.name).data;
  if (name && (await groupNameTaken(db, actor.accountId, name))) (errors.name ??= []).push(groupNameTakenMessage(name));
  if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);

  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(distributionGroups)
        .values({ accountId: actor.accountId, name: parsed.data.name, destinations: parsed.data.destinations })
        .returning();
      if (!row) throw new Error("createDistributionGroup: insert returned no row");
      await recordAudit(tx, actor, {
        accountId: actor.accountId,
        action: "distribution_group.created",
        objectType: "distribution_group",
        objectId: row.id,
        changes: { name: row.name, destinations: row.destinations },
      }, apiKeyId);
      return toDistributionGroupDto(row, { numbersCount: 0, openPortingRequestsCount: 0 });
    });
  } catch (error) {
    // Two creates with one name at once: the unique index lets one in.
    if (!isDomainError(error) && isNameClash(error)) {
      throw new ValidationError({ name: [groupNameTakenMessage(parsed.data.name)] });
    }
    throw error;
  }
}

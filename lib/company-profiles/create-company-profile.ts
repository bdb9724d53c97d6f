import "server-only";
import { getDb, type Db } from "@/db";
import { companyProfiles } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { assertCustomer } from "@/lib/shared/account-rows";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/shared/validation";
import { toCompanyProfileDto, type CompanyProfileDto } from "./dto";
import { nameTakenMessage, profileNameTaken } from "./queries";
import { companyProfileFields, companyProfileSchema, type CompanyProfileInput } from "./schemas";

/**
 * A new company profile for the actor's account. It may be incomplete for its country (the DTO
 * then says what is missing), but every value given must be valid: all problems come back at once.
 */
export async function createCompanyProfile(
  actor: CustomerActor,
  input: CompanyProfileInput,
  db: Db = getDb(),
): Promise<CompanyProfileDto> {
  const apiKeyId = callerApiKeyId();
  assertCustomer(actor);
  const parsed = companyProfileSchema.safeParse(input);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);

  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const name = companyProfileFields.shape.name.safeParse(raw.name).data;
  if (name && (await profileNameTaken(db, actor.accountId, name))) (errors.name ??= []).push(nameTakenMessage(name));

  if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(companyProfiles)
      .values({ ...parsed.data, accountId: actor.accountId })
      .returning();
    if (!row) throw new Error("createCompanyProfile: insert returned no row");
    await recordAudit(tx, actor, {
      accountId: actor.accountId,
      action: "company_profile.created",
      objectType: "company_profile",
      objectId: row.id,
      changes: { ...parsed.data },
    }, apiKeyId);
    return toCompanyProfileDto(row, 0);
  });
}

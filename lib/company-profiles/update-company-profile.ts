import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { companyProfiles, type CompanyProfile } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, diffFields, recordAudit } from "@/lib/auth/audit";
import { assertCustomer } from "@/lib/shared/account-rows";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/shared/validation";
import { toCompanyProfileDto, type CompanyProfileDto } from "./dto";
import { getCompanyProfileRow, nameTakenMessage, profileNameTaken, requestCountsByProfile } from "./queries";
import { companyProfilePatchSchema, companyProfileSchema, type CompanyProfileInput, type CompanyProfilePatch } from "./schemas";

/** A stored profile as input to the schema, so a change is checked as the profile it produces. */
function asInput(row: CompanyProfile): CompanyProfileInput {
  return {
    name: row.name,
    companyName: row.companyName,
    registrationNumber: row.registrationNumber,
    vatNumber: row.vatNumber,
    representativeFirstName: row.representativeFirstName,
    representativeLastName: row.representativeLastName,
    representativePhone: row.representativePhone,
    street: row.street,
    postalCode: row.postalCode,
    city: row.city,
    addressCountry: row.addressCountry,
    country: row.country as CompanyProfileInput["country"],
    numberTypes: row.numberTypes,
    notificationEmails: row.notificationEmails,
  };
}

/**
 * Changes some fields of a profile (PATCH: absent fields stay, null clears an optional one). The
 * result is checked as a whole: moving a profile to another country makes its KvK number wrong,
 * and the error says so on that field. A profile already used by porting requests may change:
 * the requests keep pointing at it, and later status emails go to its current addresses.
 */
export async function updateCompanyProfile(
  actor: CustomerActor,
  id: string,
  patch: CompanyProfilePatch,
  db: Db = getDb(),
): Promise<CompanyProfileDto> {
  const apiKeyId = callerApiKeyId();
  assertCustomer(actor);
  return db.transaction(async (tx) => {
    const row = await getCompanyProfileRow(tx, actor, id, { forUpdate: true });

    const changes = companyProfilePatchSchema.safeParse(patch);
    if (!changes.success) throw new ValidationError(fieldErrorsFromZod(changes.error));
    const given = Object.fromEntries(Object.entries(changes.data).filter(([, value]) => value !== undefined));

    const parsed = companyProfileSchema.safeParse({ ...asInput(row), ...given });
    const errors: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
    if (parsed.success && parsed.data.name.toLowerCase() !== row.name.toLowerCase()) {
      if (await profileNameTaken(tx, actor.accountId, parsed.data.name, row.id)) {
        (errors.name ??= []).push(nameTakenMessage(parsed.data.name));
      }
    }
    if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);

    const [updated] = await tx
      .update(companyProfiles)
      .set({ ...parsed.data, updatedAt: sql`now()` })
      .where(and(eq(companyProfiles.id, row.id), eq(companyProfiles.accountId, actor.accountId)))
      .returning();
    if (!updated) throw new Error("updateCompanyProfile: the locked row vanished");
    const changed = diffFields(asInput(row), asInput(updated));
    if (Object.keys(changed).length > 0) {
      await recordAudit(tx, actor, {
        accountId: actor.accountId,
        action: "company_profile.updated",
        objectType: "company_profile",
        objectId: updated.id,
        changes: { name: updated.name, ...changed },
      }, apiKeyId);
    }
    const counts = await requestCountsByProfile(tx, actor.accountId, [updated.id]);
    return toCompanyProfileDto(updated, counts.get(updated.id) ?? 0);
  });
}

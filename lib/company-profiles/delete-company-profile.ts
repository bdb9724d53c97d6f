import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { companyProfiles, portingRequests } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { ConflictError } from "@/lib/errors";
import { assertCustomer, deleteAccountRow } from "@/lib/shared/account-rows";

const SHOWN_REFERENCES = 3;

export function profileInUseMessage(name: string, count: number, references: readonly string[]): string {
  const shown = references.slice(0, SHOWN_REFERENCES).join(", ");
  const more = count > SHOWN_REFERENCES ? ` and ${count - SHOWN_REFERENCES} more` : "";
  const requests = count === 1 ? "1 porting request" : `${count} porting requests`;
  return `“${name}” is used by ${requests} (${shown}${more}), so it can't be deleted: a porting request keeps the company profile it was filed with.`;
}

/**
 * Deletes a profile that no porting request names. The row lock (deleteAccountRow) orders this
 * against a request being created with the profile: that insert's foreign-key check waits for the
 * lock, so either the request is counted here or its insert fails after the delete.
 */
export async function deleteCompanyProfile(actor: CustomerActor, id: string, db: Db = getDb()): Promise<void> {
  const apiKeyId = callerApiKeyId();
  assertCustomer(actor);
  await deleteAccountRow(db, companyProfiles, "company profile", actor, id, {
    beforeDelete: async (tx, row) => {
      const inUse = await tx
        .select({ reference: portingRequests.reference, total: sql<number>`count(*) over ()::int` })
        .from(portingRequests)
        .where(and(eq(portingRequests.companyProfileId, row.id), eq(portingRequests.accountId, actor.accountId)))
        .orderBy(desc(portingRequests.createdAt))
        .limit(SHOWN_REFERENCES);
      const count = inUse[0]?.total ?? 0;
      if (count > 0) {
        throw new ConflictError(profileInUseMessage(row.name, count, inUse.map((r) => r.reference)), { portingRequestsCount: count });
      }
    },
    afterDelete: (tx, row) =>
      recordAudit(tx, actor, {
        accountId: actor.accountId,
        action: "company_profile.deleted",
        objectType: "company_profile",
        objectId: row.id,
        changes: { name: row.name, companyName: row.companyName, country: row.country },
      }, apiKeyId),
    inUseRace: (name) => `“${name}” is used by a porting request, so it can't be deleted.`,
  });
}

import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { accounts, companyProfiles, distributionGroups, type CompanyProfile } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSupport } from "./access";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { checkProfileRequirements, type ProfileRequirementsResult } from "@/lib/porting/profile-requirements";
import { findPortingRequestRow, loadPortingRequestDto } from "@/lib/porting/queries";
import { isCountryCode } from "@/lib/porting/countries";
import { listDocuments, type PortingRequestDocumentDto } from "@/lib/porting/documents";

// What the support request page shows around the request itself: the account, the company
// profile in full with its requirements check, the distribution group and the documents. Support
// has no tenant: any request is visible, an unknown one is null (the page answers 404).

export type SupportRequestContext = {
  request: PortingRequestDto;
  account: { id: string; name: string; country: string };
  profile: CompanyProfile;
  /** Checked against the request's own country and number type. */
  requirements: ProfileRequirementsResult;
  distributionGroup: { id: string; name: string; destinations: string[] } | null;
  documents: PortingRequestDocumentDto[];
};

export async function getSupportRequestContext(
  actor: Actor,
  id: string,
  db: Executor = getDb(),
): Promise<SupportRequestContext | null> {
  assertSupport(actor, "The support request page is for support staff only.");
  const row = await findPortingRequestRow(db, actor, id);
  if (!row) return null;
  const [request, [account], [profile], groups, documents] = await Promise.all([
    loadPortingRequestDto(db, actor, row),
    db
      .select({ id: accounts.id, name: accounts.name, country: accounts.country })
      .from(accounts)
      .where(eq(accounts.id, row.accountId))
      .limit(1),
    db.select().from(companyProfiles).where(eq(companyProfiles.id, row.companyProfileId)).limit(1),
    row.distributionGroupId
      ? db
          .select({ id: distributionGroups.id, name: distributionGroups.name, destinations: distributionGroups.destinations })
          .from(distributionGroups)
          .where(eq(distributionGroups.id, row.distributionGroupId))
          .limit(1)
      : Promise.resolve([]),
    listDocuments(actor, row.id, db),
  ]);
  // Foreign keys guarantee both; a miss is a broken database, not a user error.
  if (!account || !profile) throw new Error(`Porting request ${row.id} lacks its account or company profile`);
  const requirements: ProfileRequirementsResult = isCountryCode(row.country)
    ? checkProfileRequirements(profile, row.country, row.numberType)
    : { ok: false, missing: [], problems: [{ field: "country", kind: "mismatch", message: `We don't port from ${row.country}.` }] };
  return {
    request,
    account,
    profile,
    requirements,
    distributionGroup: groups[0] ?? null,
    documents,
  };
}

import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { companyProfiles, portingRequests, type CompanyProfile } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { accountNameTaken, getAccountRow } from "@/lib/shared/account-rows";

// Tenant-scoped reads for the company-profile verbs (the steps shared with distribution groups are
// in lib/shared/account-rows.ts): another account's (or a malformed) id is a 404, never a 403.

export function getCompanyProfileRow(db: Executor, actor: CustomerActor, id: string, options: { forUpdate?: boolean } = {}): Promise<CompanyProfile> {
  return getAccountRow(db, companyProfiles, "company profile", actor, id, options);
}

/** Porting requests (any status) per profile; profiles without any are absent. */
export async function requestCountsByProfile(db: Executor, accountId: string, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: portingRequests.companyProfileId, count: sql<number>`count(*)::int` })
    .from(portingRequests)
    .where(and(eq(portingRequests.accountId, accountId), inArray(portingRequests.companyProfileId, [...ids])))
    .groupBy(portingRequests.companyProfileId);
  return new Map(rows.map((r) => [r.id, r.count]));
}

export function profileNameTaken(db: Executor, accountId: string, name: string, exceptId?: string): Promise<boolean> {
  return accountNameTaken(db, companyProfiles, accountId, name, exceptId);
}

export function nameTakenMessage(name: string): string {
  return `You already have a company profile named “${name}”: choose another name.`;
}

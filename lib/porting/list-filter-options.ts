import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { companyProfiles, portingRequests } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";

// What the request list's filter menus offer: the account's company profiles and the current
// providers its requests name (one entry per name whatever its case; the list matches
// case-insensitively too). Served by porting_requests_account_provider_created_idx.

export const MAX_PROVIDER_OPTIONS = 200;

export type ListFilterOptions = {
  companyProfiles: { id: string; name: string }[];
  currentProviders: string[];
};

export async function listFilterOptions(actor: CustomerActor, db: Executor = getDb()): Promise<ListFilterOptions> {
  const [profiles, providers] = await Promise.all([
    db
      .select({ id: companyProfiles.id, name: companyProfiles.name })
      .from(companyProfiles)
      .where(eq(companyProfiles.accountId, actor.accountId))
      .orderBy(asc(companyProfiles.name)),
    db
      .select({ name: sql<string>`min(${portingRequests.currentProvider})` })
      .from(portingRequests)
      .where(eq(portingRequests.accountId, actor.accountId))
      .groupBy(sql`lower(${portingRequests.currentProvider})`)
      .orderBy(sql`lower(${portingRequests.currentProvider})`)
      .limit(MAX_PROVIDER_OPTIONS),
  ]);
  return { companyProfiles: profiles, currentProviders: providers.map((p) => p.name) };
}

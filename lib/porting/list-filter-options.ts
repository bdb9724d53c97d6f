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
    // A loose index scan: one index probe per distinct name (the next lower(name) after the last
    // one), so the menu costs the same at 1,000 requests and at 1,000,000. A GROUP BY read every
    // request of the account: a parallel scan of a million rows, 1 s a page (bench:http, issue 13).
    // Each name is spelled as on the account's oldest request that uses it.
    db.execute<{ name: string }>(sql`
      with recursive provider as (
        (select lower(current_provider) as key, current_provider as name from ${portingRequests}
         where account_id = ${actor.accountId} order by lower(current_provider), created_at, id limit 1)
        union all
        select later.key, later.name from provider cross join lateral (
          select lower(current_provider) as key, current_provider as name from ${portingRequests}
          where account_id = ${actor.accountId} and lower(current_provider) > provider.key
          order by lower(current_provider), created_at, id limit 1) as later
      )
      select name from provider limit ${MAX_PROVIDER_OPTIONS}`),
  ]);
  return { companyProfiles: profiles, currentProviders: providers.map((p) => p.name) };
}

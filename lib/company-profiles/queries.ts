import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { companyProfiles, portingRequests, type CompanyProfile } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";

// Tenant-scoped reads for the company-profile verbs: the account is the actor's, always in the
// WHERE clause; another account's (or a malformed) id is a 404, never a 403.

export async function getCompanyProfileRow(
  db: Executor,
  actor: CustomerActor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<CompanyProfile> {
  if (!isUuid(id)) throw new NotFoundError("company profile");
  const query = db
    .select()
    .from(companyProfiles)
    .where(and(eq(companyProfiles.id, id), eq(companyProfiles.accountId, actor.accountId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("company profile");
  return row;
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

/** Case-insensitive: "Head office" and "head office" would be one profile to a person picking from a list. */
export async function profileNameTaken(db: Executor, accountId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: companyProfiles.id })
    .from(companyProfiles)
    .where(
      and(
        eq(companyProfiles.accountId, accountId),
        sql`lower(${companyProfiles.name}) = lower(${name})`,
        exceptId ? sql`${companyProfiles.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
}

export function nameTakenMessage(name: string): string {
  return `You already have a company profile named “${name}”: choose another name.`;
}

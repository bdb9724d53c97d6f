import "server-only";
import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { accounts, distributionGroups, portingRequests, voiceNumbers, type DistributionGroup } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { accountNameTaken, getAccountRow } from "@/lib/shared/account-rows";
import { FINAL_STATUSES } from "@/lib/porting/values";
import type { GroupUsage } from "./dto";

// Tenant-scoped reads for the distribution-group verbs (the steps shared with company profiles are
// in lib/shared/account-rows.ts): another account's (or a malformed) id is a 404.

export const GROUP_NAME_INDEX = "distribution_groups_account_name_key";

export function getDistributionGroupRow(db: Executor, actor: CustomerActor, id: string, options: { forUpdate?: boolean } = {}): Promise<DistributionGroup> {
  return getAccountRow(db, distributionGroups, "distribution group", actor, id, options);
}

/** Numbers and open porting requests per group, for the given groups of one account. */
export async function usageByGroup(db: Executor, accountId: string, ids: readonly string[]): Promise<Map<string, GroupUsage>> {
  const usage = new Map<string, GroupUsage>(ids.map((id) => [id, { numbersCount: 0, openPortingRequestsCount: 0 }]));
  if (ids.length === 0) return usage;
  const [numbers, requests] = await Promise.all([
    db
      .select({ id: voiceNumbers.distributionGroupId, count: sql<number>`count(*)::int` })
      .from(voiceNumbers)
      .where(and(eq(voiceNumbers.accountId, accountId), inArray(voiceNumbers.distributionGroupId, [...ids])))
      .groupBy(voiceNumbers.distributionGroupId),
    db
      .select({ id: portingRequests.distributionGroupId, count: sql<number>`count(*)::int` })
      .from(portingRequests)
      .where(
        and(
          eq(portingRequests.accountId, accountId),
          inArray(portingRequests.distributionGroupId, [...ids]),
          notInArray(portingRequests.status, [...FINAL_STATUSES]),
        ),
      )
      .groupBy(portingRequests.distributionGroupId),
  ]);
  for (const row of numbers) {
    const entry = row.id ? usage.get(row.id) : undefined;
    if (entry) entry.numbersCount = row.count;
  }
  for (const row of requests) {
    const entry = row.id ? usage.get(row.id) : undefined;
    if (entry) entry.openPortingRequestsCount = row.count;
  }
  return usage;
}

export async function groupUsage(db: Executor, accountId: string, id: string): Promise<GroupUsage> {
  return (await usageByGroup(db, accountId, [id])).get(id) ?? { numbersCount: 0, openPortingRequestsCount: 0 };
}

/** National numbers in destinations are read in the account's country. */
export async function accountCountry(db: Executor, accountId: string): Promise<string> {
  const [account] = await db.select({ country: accounts.country }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw new NotFoundError("account");
  return account.country;
}

export function groupNameTaken(db: Executor, accountId: string, name: string, exceptId?: string): Promise<boolean> {
  return accountNameTaken(db, distributionGroups, accountId, name, exceptId);
}

export function groupNameTakenMessage(name: string): string {
  return `You already have a distribution group named “${name}”: choose another name.`;
}

import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import {
  accounts,
  companyProfiles,
  distributionGroups,
  portingRequestCounts,
  portingRequestNumbers,
  portingRequests,
  users,
  voiceNumbers,
  type CompanyProfile,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/shared/ids";
import { assertSupport } from "./access";
import { checkProfileRequirements, type ProfileProblem } from "@/lib/porting/profile-requirements";
import { isCountryCode } from "@/lib/porting/countries";
import { FINAL_STATUSES, PORTING_STATUSES, type NumberType, type PortingStatus } from "@/lib/porting/values";

// Read-only views of customer accounts for support agents: the account list, and one account with
// its company profiles (do they meet the requirements?), voice numbers and porting history.
// Support sees every account; an unknown id is null (the page answers 404).

/** Long lists are cut here; the page says how many there are in all. */
export const ACCOUNT_LIST_LIMIT = 200;

export type SupportAccountSummary = {
  id: string;
  name: string;
  country: string;
  openRequests: number;
  totalRequests: number;
  createdAt: string;
};

export async function listSupportAccounts(actor: Actor, db: Executor = getDb()): Promise<SupportAccountSummary[]> {
  assertSupport(actor, "The account list is for support staff only.");
  const open = PORTING_STATUSES.filter((s) => !(FINAL_STATUSES as readonly PortingStatus[]).includes(s));
  const rows = await db
    .select({
      id: accounts.id,
      name: accounts.name,
      country: accounts.country,
      createdAt: accounts.createdAt,
      openRequests: sql<number>`coalesce(sum(${portingRequestCounts.count}) filter (where ${inArray(portingRequestCounts.status, open)}), 0)::int`,
      totalRequests: sql<number>`coalesce(sum(${portingRequestCounts.count}), 0)::int`,
    })
    .from(accounts)
    .leftJoin(portingRequestCounts, eq(portingRequestCounts.accountId, accounts.id))
    .groupBy(accounts.id)
    .orderBy(asc(accounts.name), asc(accounts.id))
    .limit(ACCOUNT_LIST_LIMIT);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export type SupportProfile = CompanyProfile & {
  /** Per number type the profile operates: does it meet the country's requirements for it? */
  checks: { numberType: NumberType; ok: boolean; problems: ProfileProblem[] }[];
  meetsRequirements: boolean;
};

export type SupportVoiceNumber = {
  number: string;
  type: NumberType;
  group: { id: string; name: string } | null;
  request: { id: string; reference: string } | null;
  createdAt: string;
};

export type SupportAccountRequest = {
  id: string;
  reference: string;
  status: PortingStatus;
  statusReason: string;
  country: string;
  numberType: NumberType;
  numberCount: number;
  statusChangedAt: string;
  createdAt: string;
};

export type SupportAccountOverview = {
  account: { id: string; name: string; country: string; createdAt: string };
  users: { name: string; email: string }[];
  profiles: SupportProfile[];
  voiceNumbers: SupportVoiceNumber[];
  voiceNumberCount: number;
  requests: SupportAccountRequest[];
  requestCount: number;
  statusCounts: Record<PortingStatus, number>;
};

export function checkProfile(profile: CompanyProfile): Pick<SupportProfile, "checks" | "meetsRequirements"> {
  const country = profile.country;
  if (!isCountryCode(country)) {
    const problem: ProfileProblem = { field: "country", kind: "mismatch", message: `We don't port from ${country}.` };
    return { checks: profile.numberTypes.map((numberType) => ({ numberType, ok: false, problems: [problem] })), meetsRequirements: false };
  }
  const checks = profile.numberTypes.map((numberType) => {
    const result = checkProfileRequirements(profile, country, numberType);
    return { numberType, ok: result.ok, problems: result.problems };
  });
  // A profile that operates no number type can back no request.
  return { checks, meetsRequirements: checks.length > 0 && checks.every((c) => c.ok) };
}

export async function getSupportAccountOverview(
  actor: Actor,
  id: string,
  db: Executor = getDb(),
): Promise<SupportAccountOverview | null> {
  assertSupport(actor, "The account view is for support staff only.");
  if (!isUuid(id)) return null;
  const [account] = await db
    .select({ id: accounts.id, name: accounts.name, country: accounts.country, createdAt: accounts.createdAt })
    .from(accounts)
    .where(eq(accounts.id, id))
    .limit(1);
  if (!account) return null;

  const [people, profiles, numbers, [numberTotal], requests, counts] = await Promise.all([
    db
      .select({ name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.accountId, id), eq(users.role, "customer")))
      .orderBy(asc(users.name)),
    db.select().from(companyProfiles).where(eq(companyProfiles.accountId, id)).orderBy(asc(companyProfiles.name)),
    db
      .select({
        number: voiceNumbers.number,
        type: voiceNumbers.type,
        createdAt: voiceNumbers.createdAt,
        groupId: distributionGroups.id,
        groupName: distributionGroups.name,
        requestId: portingRequests.id,
        reference: portingRequests.reference,
      })
      .from(voiceNumbers)
      .leftJoin(distributionGroups, eq(distributionGroups.id, voiceNumbers.distributionGroupId))
      .leftJoin(portingRequests, eq(portingRequests.id, voiceNumbers.portingRequestId))
      .where(eq(voiceNumbers.accountId, id))
      .orderBy(asc(voiceNumbers.number))
      .limit(ACCOUNT_LIST_LIMIT),
    db.select({ n: sql<number>`count(*)::int` }).from(voiceNumbers).where(eq(voiceNumbers.accountId, id)),
    db
      .select({ request: portingRequests })
      .from(portingRequests)
      .where(and(eq(portingRequests.accountId, id), eq(portingRequests.sandbox, false)))
      .orderBy(desc(portingRequests.createdAt), desc(portingRequests.id))
      .limit(ACCOUNT_LIST_LIMIT),
    db
      .select({ status: portingRequestCounts.status, count: portingRequestCounts.count })
      .from(portingRequestCounts)
      .where(eq(portingRequestCounts.accountId, id)),
  ]);

  const requestIds = requests.map((r) => r.request.id);
  const numberCounts = requestIds.length
    ? await db
        .select({ id: portingRequestNumbers.portingRequestId, n: sql<number>`count(*)::int` })
        .from(portingRequestNumbers)
        .where(inArray(portingRequestNumbers.portingRequestId, requestIds))
        .groupBy(portingRequestNumbers.portingRequestId)
    : [];
  const numberCountOf = new Map(numberCounts.map((c) => [c.id, c.n]));

  const statusCounts = Object.fromEntries(PORTING_STATUSES.map((s) => [s, 0])) as Record<PortingStatus, number>;
  for (const c of counts) statusCounts[c.status] = c.count;

  return {
    account: { ...account, createdAt: account.createdAt.toISOString() },
    users: people,
    profiles: profiles.map((p) => ({ ...p, ...checkProfile(p) })),
    voiceNumbers: numbers.map((n) => ({
      number: n.number,
      type: n.type,
      group: n.groupId && n.groupName ? { id: n.groupId, name: n.groupName } : null,
      request: n.requestId && n.reference ? { id: n.requestId, reference: n.reference } : null,
      createdAt: n.createdAt.toISOString(),
    })),
    voiceNumberCount: numberTotal?.n ?? 0,
    requests: requests.map(({ request: r }) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      statusReason: r.statusReason,
      country: r.country,
      numberType: r.numberType,
      numberCount: numberCountOf.get(r.id) ?? 0,
      statusChangedAt: r.statusChangedAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
    })),
    requestCount: Object.values(statusCounts).reduce((a, b) => a + b, 0),
    statusCounts,
  };
}

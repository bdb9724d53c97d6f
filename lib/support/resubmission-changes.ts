import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import {
  companyProfiles,
  distributionGroups,
  portingRequestDocuments,
  portingRequestEvents,
  portingRequestNumbers,
  portingRequests,
  type CompanyProfile,
  type PortingRequest,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { CONTRACT_SCENARIO_INFO, NUMBER_TYPE_LABELS, countryName, isCountryCode, profileFieldLabel, type ProfileField } from "@/lib/porting/countries";
import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";
import { formatNumber } from "@/lib/porting/numbers";
import { describeRejectionCodes, type ProfileSnapshot, type RejectionCodeDetail } from "@/lib/porting/rejection-codes";
import { profileSnapshot } from "@/lib/porting/rejection";
import { DOCUMENT_KINDS } from "@/lib/porting/values";
import { assertSupport } from "./access";

// "Support sees what changed since the rejection" (issue 14 item 2): a resubmission next to the
// Blocked request it corrects, field by field. The company profile is compared with the snapshot
// the rejection kept (profiles are edited in place, so the profile row itself says nothing about
// then); documents by their bytes (a copied file is the same file). Every part a rejection code
// pointed at is listed even when unchanged: that is what support checks first.

export type ResubmissionChange = {
  key: string;
  label: string;
  before: string | null;
  after: string | null;
  changed: boolean;
  /** The rejection codes (labels) that pointed at this part. */
  flaggedBy: string[];
  /** What exactly changed, where the values alone are long (numbers: which were removed or added). */
  note?: string;
};

export type ResubmissionComparison = {
  original: {
    id: string;
    reference: string;
    reason: string;
    rejectedAt: string | null;
    rejectionCodes: RejectionCodeDetail[];
  };
  /** Changed or flagged parts, in the order of the request page. */
  rows: ResubmissionChange[];
  /** How many of the flagged parts are unchanged. */
  unchangedFlagged: number;
};

const PROFILE_FIELDS: readonly ProfileField[] = [
  "companyName",
  "registrationNumber",
  "vatNumber",
  "representativeFirstName",
  "representativeLastName",
  "representativePhone",
  "street",
  "postalCode",
  "city",
  "addressCountry",
];

export async function getResubmissionComparison(actor: Actor, requestId: string, db: Executor = getDb()): Promise<ResubmissionComparison | null> {
  assertSupport(actor, "What changed since a rejection is for support staff only.");
  const [request] = await db.select().from(portingRequests).where(eq(portingRequests.id, requestId)).limit(1);
  if (!request?.resubmissionOfId) return null;
  const [original] = await db.select().from(portingRequests).where(eq(portingRequests.id, request.resubmissionOfId)).limit(1);
  if (!original) return null;

  const [rejection] = await db
    .select({ rejection: portingRequestEvents.rejection, createdAt: portingRequestEvents.createdAt, reason: portingRequestEvents.reason })
    .from(portingRequestEvents)
    .where(and(eq(portingRequestEvents.portingRequestId, original.id), eq(portingRequestEvents.toStatus, "blocked")))
    .orderBy(desc(portingRequestEvents.id))
    .limit(1);
  const codes = describeRejectionCodes(rejection?.rejection?.codes ?? []);

  const [profiles, groups, numbers, documents] = await Promise.all([
    db.select().from(companyProfiles).where(inArray(companyProfiles.id, [original.companyProfileId, request.companyProfileId])),
    db
      .select({ id: distributionGroups.id, name: distributionGroups.name })
      .from(distributionGroups)
      .where(inArray(distributionGroups.id, [original.distributionGroupId, request.distributionGroupId].filter((id): id is string => id !== null))),
    db
      .select({ requestId: portingRequestNumbers.portingRequestId, number: portingRequestNumbers.number })
      .from(portingRequestNumbers)
      .where(inArray(portingRequestNumbers.portingRequestId, [original.id, request.id]))
      .orderBy(asc(portingRequestNumbers.position)),
    db
      .select({
        requestId: portingRequestDocuments.portingRequestId,
        kind: portingRequestDocuments.kind,
        filename: portingRequestDocuments.filename,
        digest: sql<string>`md5(${portingRequestDocuments.data})`,
      })
      .from(portingRequestDocuments)
      .where(inArray(portingRequestDocuments.portingRequestId, [original.id, request.id]))
      .orderBy(asc(portingRequestDocuments.createdAt)),
  ]);
  const profileById = new Map(profiles.map((p) => [p.id, p]));
  const groupName = (id: string | null) => (id ? (groups.find((g) => g.id === id)?.name ?? "A deleted group") : null);
  // The profile as the rejection saw it; without a snapshot (rejections before codes), as it is now.
  const before: ProfileSnapshot | null = rejection?.rejection?.profile ?? snapshotOf(profileById.get(original.companyProfileId));
  const after = snapshotOf(profileById.get(request.companyProfileId));

  const flagged = new Map<string, string[]>();
  const flag = (key: string, label: string) => flagged.set(key, [...(flagged.get(key) ?? []), label]);
  for (const code of codes) {
    const target = code.pointsAt;
    if (target.type === "company_profile") for (const field of target.fields) flag(`profile.${field}`, code.label);
    else if (target.type === "document") flag(`document.${target.documentKind}`, code.label);
    else if (target.type === "numbers") flag("numbers", code.label);
    else if (target.type === "current_provider") flag("currentProvider", code.label);
    else if (target.type === "contract") flag("contractScenario", code.label);
  }

  const rows: ResubmissionChange[] = [];
  const compare = (key: string, label: string, a: string | null, b: string | null) => {
    const changed = (a ?? "") !== (b ?? "");
    const flaggedBy = flagged.get(key) ?? [];
    if (changed || flaggedBy.length > 0) rows.push({ key, label, before: a, after: b, changed, flaggedBy });
  };
  const fieldLabel = (field: ProfileField) => (isCountryCode(request.country) ? profileFieldLabel(request.country, field) : field);

  compare("country", "Country", countryName(original.country), countryName(request.country));
  compare("numberType", "Number type", NUMBER_TYPE_LABELS[original.numberType], NUMBER_TYPE_LABELS[request.numberType]);
  compare("companyProfile", "Company profile", before?.name ?? null, after?.name ?? null);
  for (const field of PROFILE_FIELDS) {
    compare(`profile.${field}`, fieldLabel(field), before ? (before[field as keyof ProfileSnapshot] ?? null) : null, after ? (after[field as keyof ProfileSnapshot] ?? null) : null);
  }
  const numbersOf = (id: string) => numbers.filter((n) => n.requestId === id).map((n) => n.number);
  const [was, now] = [numbersOf(original.id), numbersOf(request.id)];
  compare("numbers", "Numbers", numbersText(was), numbersText(now));
  const removed = was.filter((n) => !now.includes(n));
  const added = now.filter((n) => !was.includes(n));
  const numbersRow = rows.find((r) => r.key === "numbers");
  if (numbersRow && (removed.length > 0 || added.length > 0)) {
    numbersRow.note = [removed.length > 0 ? `Removed ${numbersText(removed)}` : null, added.length > 0 ? `Added ${numbersText(added)}` : null]
      .filter(Boolean)
      .join("; ");
  }
  compare("currentProvider", "Current provider", original.currentProvider, request.currentProvider);
  compare("contractScenario", "Contract", scenario(original), scenario(request));
  compare("preferredPortingDate", "Preferred porting date", dateText(original), dateText(request));
  compare("distributionGroup", "Distribution group", groupName(original.distributionGroupId), groupName(request.distributionGroupId));
  compare("callbackUrl", "Callback URL", original.callbackUrl, request.callbackUrl);
  compare("comment", "Comment", original.comment, request.comment);
  for (const kind of DOCUMENT_KINDS) {
    const latest = (id: string) => documents.filter((d) => d.requestId === id && d.kind === kind).at(-1);
    const a = latest(original.id);
    const b = latest(request.id);
    const key = `document.${kind}`;
    const changed = (a?.digest ?? null) !== (b?.digest ?? null);
    const flaggedBy = flagged.get(key) ?? [];
    if (changed || flaggedBy.length > 0) {
      rows.push({
        key,
        label: DOCUMENT_KIND_LABELS[kind],
        before: a ? a.filename : null,
        after: b ? (changed ? b.filename : `${b.filename} (the same file)`) : null,
        changed,
        flaggedBy,
      });
    }
  }

  return {
    original: {
      id: original.id,
      reference: original.reference,
      reason: rejection?.reason ?? original.statusReason,
      rejectedAt: rejection?.createdAt.toISOString() ?? null,
      rejectionCodes: codes,
    },
    rows,
    unchangedFlagged: rows.filter((r) => r.flaggedBy.length > 0 && !r.changed).length,
  };
}

function snapshotOf(profile: CompanyProfile | undefined): ProfileSnapshot | null {
  return profile ? profileSnapshot(profile) : null;
}

const NUMBERS_SHOWN = 10;

function numbersText(numbers: readonly string[]): string | null {
  if (numbers.length === 0) return null;
  const shown = numbers.slice(0, NUMBERS_SHOWN).map(formatNumber).join(", ");
  return numbers.length > NUMBERS_SHOWN ? `${shown} and ${numbers.length - NUMBERS_SHOWN} more` : shown;
}

function scenario(request: PortingRequest): string | null {
  return request.contractScenario ? CONTRACT_SCENARIO_INFO[request.contractScenario].label : null;
}

function dateText(request: PortingRequest): string | null {
  return request.preferredPortingDate
    ? `${new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(request.preferredPortingDate)} UTC`
    : null;
}

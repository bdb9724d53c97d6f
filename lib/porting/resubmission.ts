import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { portingRequestDocuments, portingRequestNumbers, portingRequests, type PortingRequest } from "@/db/schema";
import type { Actor, CustomerActor } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";
import { conflictDetails } from "./apply-transition";
import type { RequestLink } from "./dto";
import { tenantCondition } from "./queries";
import { statusLabel } from "./statuses";
import type { ContractScenario, CountryCode, DocumentKind, NumberType } from "./values";

/** A request's fields as a create input (what a resubmission starts from). */
export type CopiedInput = {
  country: CountryCode;
  numberType: NumberType;
  companyProfileId: string;
  phoneNumbers: string[];
  currentProvider: string;
  preferredPortingDate: string | null;
  contractScenario: ContractScenario | null;
  distributionGroupId: string | null;
  callbackUrl: string | null;
  comment: string | null;
  customerReference: string | null;
};

// "Fix and resubmit" (issue 14, DESIGN.md "Rejections are structured"): a Blocked request stays
// Blocked (final) and may be corrected once, by a NEW request linked to it both ways
// (porting_requests.resubmission_of_id, unique). What a resubmission starts from and the rule
// "only a Blocked request, only once" live here, shared by the create verb (which checks the rule
// again under a row lock, in its own transaction) and the pages.

/** The request that corrects this one, if any. */
export async function findResubmission(db: Executor, originalId: string): Promise<RequestLink | null> {
  const [row] = await db
    .select({ id: portingRequests.id, reference: portingRequests.reference })
    .from(portingRequests)
    .where(eq(portingRequests.resubmissionOfId, originalId))
    .limit(1);
  return row ?? null;
}

/** Why this request can't be resubmitted now, as the 409 the API and the pages show; null when it can. */
export async function resubmitRefusal(db: Executor, actor: Actor, original: PortingRequest): Promise<ConflictError | null> {
  if (original.status !== "blocked") {
    return new ConflictError(
      `Only a Blocked request can be resubmitted: ${original.reference} is ${statusLabel(original.status)}.`,
      conflictDetails(original, actor),
    );
  }
  const existing = await findResubmission(db, original.id);
  if (existing) {
    return new ConflictError(
      `${original.reference} was already resubmitted as ${existing.reference}: a Blocked request can be resubmitted once. Open ${existing.reference} to follow it.`,
      { ...conflictDetails(original, actor), resubmittedAs: existing },
    );
  }
  return null;
}

/**
 * Inside the create's transaction: the original, locked (two resubmits of one request queue here,
 * and the second then finds the first's request), checked against the rule. Another account's or
 * an unknown id is a 404.
 */
export async function lockResubmittable(tx: Executor, actor: CustomerActor, originalId: string): Promise<PortingRequest> {
  if (!isUuid(originalId)) throw new NotFoundError("porting request");
  const [original] = await tx
    .select()
    .from(portingRequests)
    .where(and(eq(portingRequests.id, originalId), tenantCondition(actor)))
    .for("update")
    .limit(1);
  if (!original) throw new NotFoundError("porting request");
  const refusal = await resubmitRefusal(tx, actor, original);
  if (refusal) throw refusal;
  return original;
}

/** A request as the create input it was made from: what a resubmission copies. */
export async function createInputOf(db: Executor, original: PortingRequest): Promise<CopiedInput> {
  const numbers = await db
    .select({ number: portingRequestNumbers.number })
    .from(portingRequestNumbers)
    .where(eq(portingRequestNumbers.portingRequestId, original.id))
    .orderBy(asc(portingRequestNumbers.position));
  return {
    country: original.country as CountryCode,
    numberType: original.numberType,
    companyProfileId: original.companyProfileId,
    phoneNumbers: numbers.map((n) => n.number),
    currentProvider: original.currentProvider,
    preferredPortingDate: original.preferredPortingDate ? original.preferredPortingDate.toISOString() : null,
    contractScenario: original.contractScenario,
    distributionGroupId: original.distributionGroupId,
    callbackUrl: original.callbackUrl,
    comment: original.comment,
    customerReference: original.customerReference,
  };
}

/** The original's documents with their bytes: a resubmission carries the same files. */
export async function documentsToCopy(db: Executor, originalId: string): Promise<{ kind: DocumentKind; filename: string; data: Uint8Array }[]> {
  const rows = await db
    .select({ kind: portingRequestDocuments.kind, filename: portingRequestDocuments.filename, data: portingRequestDocuments.data })
    .from(portingRequestDocuments)
    .where(eq(portingRequestDocuments.portingRequestId, originalId))
    .orderBy(asc(portingRequestDocuments.createdAt));
  // One per kind, the latest (documents added after creation replace what they correct).
  const byKind = new Map(rows.map((r) => [r.kind, r]));
  return [...byKind.values()].map((r) => ({ kind: r.kind, filename: r.filename, data: new Uint8Array(r.data) }));
}

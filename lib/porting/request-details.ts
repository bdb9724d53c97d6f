import { and, asc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { companyProfiles, distributionGroups, portingRequestDocuments, portingRequests } from "@/db/schema";
import type { Actor, CustomerActor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { isUuid, tenantCondition } from "./queries";
import type { DocumentKind } from "./values";

// Reads that the request pages show next to the request itself: the names behind its ids and its
// documents. Always inside the actor's scope (STYLE.md habit 4): a foreign id is a 404, never a leak.

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  letter_of_authorisation: "Letter of authorisation",
  invoice: "Last invoice of the current provider",
};

export type NamedRef = { id: string; name: string };

export type PortingRequestDocumentSummary = {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: string;
  size: number;
  createdAt: string;
};

/** The company profile and distribution group a request points at, by name, within the request's account. */
export async function getRequestRelations(
  request: { accountId: string; companyProfileId: string; distributionGroupId: string | null },
  db: Executor = getDb(),
): Promise<{ companyProfile: NamedRef | null; distributionGroup: NamedRef | null }> {
  const [profile, group] = await Promise.all([
    db
      .select({ id: companyProfiles.id, name: companyProfiles.name })
      .from(companyProfiles)
      .where(and(eq(companyProfiles.id, request.companyProfileId), eq(companyProfiles.accountId, request.accountId)))
      .limit(1),
    request.distributionGroupId
      ? db
          .select({ id: distributionGroups.id, name: distributionGroups.name })
          .from(distributionGroups)
          .where(
            and(eq(distributionGroups.id, request.distributionGroupId), eq(distributionGroups.accountId, request.accountId)),
          )
          .limit(1)
      : Promise.resolve([]),
  ]);
  return { companyProfile: profile[0] ?? null, distributionGroup: group[0] ?? null };
}

/** Every distribution group of a customer's account by id, for the list's Perform dialogs. */
export async function distributionGroupNames(actor: CustomerActor, db: Executor = getDb()) {
  const rows = await db
    .select({ id: distributionGroups.id, name: distributionGroups.name })
    .from(distributionGroups)
    .where(eq(distributionGroups.accountId, actor.accountId));
  return Object.fromEntries(rows.map((r) => [r.id, r.name])) as Record<string, string>;
}

/** The request's documents without their bytes, oldest first. NotFoundError for a request outside the actor's scope. */
export async function listPortingRequestDocuments(
  actor: Actor,
  requestId: string,
  db: Executor = getDb(),
): Promise<PortingRequestDocumentSummary[]> {
  if (!isUuid(requestId)) throw new NotFoundError("porting request");
  const rows = await db
    .select({
      id: portingRequestDocuments.id,
      kind: portingRequestDocuments.kind,
      filename: portingRequestDocuments.filename,
      contentType: portingRequestDocuments.contentType,
      size: portingRequestDocuments.size,
      createdAt: portingRequestDocuments.createdAt,
      requestId: portingRequests.id,
    })
    .from(portingRequests)
    .leftJoin(portingRequestDocuments, eq(portingRequestDocuments.portingRequestId, portingRequests.id))
    .where(and(eq(portingRequests.id, requestId), tenantCondition(actor)))
    .orderBy(asc(portingRequestDocuments.createdAt), asc(portingRequestDocuments.id));
  if (rows.length === 0) throw new NotFoundError("porting request");
  return rows.flatMap((r) =>
    r.id && r.kind && r.filename !== null && r.contentType !== null && r.size !== null && r.createdAt
      ? [{ id: r.id, kind: r.kind, filename: r.filename, contentType: r.contentType, size: r.size, createdAt: r.createdAt.toISOString() }]
      : [],
  );
}

export type PortingRequestDocumentFile = Omit<PortingRequestDocumentSummary, "createdAt"> & { data: Buffer };

/** One document with its bytes, for download: the request must be in the actor's scope and own the document. */
export async function getPortingRequestDocumentFile(
  actor: Actor,
  requestId: string,
  documentId: string,
  db: Executor = getDb(),
): Promise<PortingRequestDocumentFile> {
  if (!isUuid(requestId) || !isUuid(documentId)) throw new NotFoundError("document");
  const [row] = await db
    .select({
      id: portingRequestDocuments.id,
      kind: portingRequestDocuments.kind,
      filename: portingRequestDocuments.filename,
      contentType: portingRequestDocuments.contentType,
      size: portingRequestDocuments.size,
      data: portingRequestDocuments.data,
    })
    .from(portingRequestDocuments)
    .innerJoin(portingRequests, eq(portingRequests.id, portingRequestDocuments.portingRequestId))
    .where(and(eq(portingRequestDocuments.id, documentId), eq(portingRequests.id, requestId), tenantCondition(actor)))
    .limit(1);
  if (!row) throw new NotFoundError("document");
  return row;
}

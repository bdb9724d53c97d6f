import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { portingRequestDocuments, portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError, type FieldErrors } from "@/lib/errors";
import { COUNTRIES, countryNameInText } from "./countries";
import {
  DOCUMENT_KIND_LABELS,
  DOCUMENT_MAGIC_BYTES,
  checkDocumentFile,
  cleanDocumentFilename,
  documentField,
  type DocumentContentType,
} from "./document-files";
import { getPortingRequestRowForActor } from "./queries";
import { isUuid } from "@/lib/shared/ids";
import type { CountryCode, DocumentKind } from "./values";

// The documents of a porting request: the letter of authorisation and the current provider's
// last invoice. Stored in PostgreSQL (bytea) in the same transaction as the request they belong
// to, so a request never exists without the documents it was sent with, nor a document without
// its request. Reads are tenant-scoped through the request: a foreign id is a 404.

/** A file as received (from a form or an API), before any check. */
export type DocumentUpload = {
  kind: DocumentKind;
  filename: string;
  data: Uint8Array;
};

export type ValidDocument = {
  kind: DocumentKind;
  filename: string;
  contentType: DocumentContentType;
  size: number;
  data: Buffer;
};

export type PortingRequestDocumentDto = {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: string;
  size: number;
  /** ISO 8601 UTC. */
  createdAt: string;
};

export type PortingRequestDocumentWithData = PortingRequestDocumentDto & { data: Buffer };

/**
 * Checks the uploads (size, real type by magic bytes, one per kind) and, when the country is
 * known, that every document the country's catalogue requires is there. Pure; every problem is
 * reported at once under `documents.<kind>`.
 */
export function validateDocuments(
  uploads: readonly DocumentUpload[],
  country: CountryCode | undefined,
): { documents: ValidDocument[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const add = (kind: DocumentKind, message: string) => (errors[documentField(kind)] ??= []).push(message);
  const documents: ValidDocument[] = [];
  const seen = new Set<DocumentKind>();

  for (const upload of uploads) {
    if (seen.has(upload.kind)) {
      add(upload.kind, `Upload one ${DOCUMENT_KIND_LABELS[upload.kind].toLowerCase()}, not several: combine the pages into one PDF.`);
      continue;
    }
    seen.add(upload.kind);
    const check = checkDocumentFile({ name: upload.filename, size: upload.data.byteLength, head: upload.data.subarray(0, DOCUMENT_MAGIC_BYTES) });
    if (!check.ok) {
      add(upload.kind, check.message);
      continue;
    }
    documents.push({
      kind: upload.kind,
      filename: cleanDocumentFilename(upload.filename, check.contentType, upload.kind),
      contentType: check.contentType,
      size: upload.data.byteLength,
      data: Buffer.from(upload.data.buffer, upload.data.byteOffset, upload.data.byteLength),
    });
  }

  if (country) {
    for (const requirement of COUNTRIES[country].documents) {
      if (requirement.required && !seen.has(requirement.kind)) {
        add(
          requirement.kind,
          `Upload the ${requirement.label.toLowerCase()}: it is required for porting numbers from ${countryNameInText(country)}.`,
        );
      }
    }
  }
  return { documents, errors };
}

/** Inside the caller's transaction: the request and its documents commit or roll back together. */
export async function insertDocuments(tx: Executor, portingRequestId: string, documents: readonly ValidDocument[]): Promise<void> {
  // One row at a time: a statement carrying two 10 MB parameters gains nothing and doubles the peak.
  for (const document of documents) {
    await tx.insert(portingRequestDocuments).values({
      // The request's own account: a document is never in another tenant than its request.
      accountId: sql`(select ${portingRequests.accountId} from ${portingRequests} where ${portingRequests.id} = ${portingRequestId})`,
      portingRequestId,
      kind: document.kind,
      filename: document.filename,
      contentType: document.contentType,
      size: document.size,
      data: document.data,
    });
  }
}

const metadataColumns = {
  id: portingRequestDocuments.id,
  kind: portingRequestDocuments.kind,
  filename: portingRequestDocuments.filename,
  contentType: portingRequestDocuments.contentType,
  size: portingRequestDocuments.size,
  createdAt: portingRequestDocuments.createdAt,
};

const toDto = (row: { id: string; kind: DocumentKind; filename: string; contentType: string; size: number; createdAt: Date }): PortingRequestDocumentDto => ({
  id: row.id,
  kind: row.kind,
  filename: row.filename,
  contentType: row.contentType,
  size: row.size,
  createdAt: row.createdAt.toISOString(),
});

/** The documents of a request the actor may see (without their bytes); NotFoundError otherwise. */
export async function listDocuments(actor: Actor, requestId: string, db: Executor = getDb()): Promise<PortingRequestDocumentDto[]> {
  const request = await getPortingRequestRowForActor(db, actor, requestId);
  const rows = await db
    .select(metadataColumns)
    .from(portingRequestDocuments)
    .where(eq(portingRequestDocuments.portingRequestId, request.id))
    .orderBy(asc(portingRequestDocuments.createdAt), asc(portingRequestDocuments.kind));
  return rows.map(toDto);
}

/** One document with its bytes, for a download; NotFoundError for an unknown or foreign request or document. */
export async function getDocumentForActor(
  actor: Actor,
  requestId: string,
  documentId: string,
  db: Executor = getDb(),
): Promise<PortingRequestDocumentWithData> {
  const request = await getPortingRequestRowForActor(db, actor, requestId);
  if (!isUuid(documentId)) throw new NotFoundError("document");
  const [row] = await db
    .select({ ...metadataColumns, data: portingRequestDocuments.data })
    .from(portingRequestDocuments)
    .where(and(eq(portingRequestDocuments.id, documentId), eq(portingRequestDocuments.portingRequestId, request.id)))
    .limit(1);
  if (!row) throw new NotFoundError("document");
  return { ...toDto(row), data: row.data };
}

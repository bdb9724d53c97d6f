import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
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
import type { StoredUploadRef } from "./document-refs";
import { getPortingRequestRowForActor } from "./queries";
import { isUuid } from "@/lib/shared/ids";
import { UPLOAD_TTL_HOURS } from "./upload-ttl";
import type { ActorRole, CountryCode, DocumentKind } from "./values";

export { UPLOAD_TTL_HOURS };

// The documents of a porting request: the letter of authorisation and the current provider's
// last invoice. Stored in PostgreSQL (bytea) in the same transaction as the request they belong
// to, so a request never exists without the documents it was sent with. The REST API uploads a
// file first (POST /api/v1/documents: a row of the account with no request yet, kept 24 hours) and
// names it in the create, whose transaction attaches it. More can be added while the request is
// open (add-document.ts). Reads are tenant-scoped through the request: a foreign id is a 404.

/** A file as received (from a form or an API), before any check. */
export type DocumentUpload = {
  kind: DocumentKind;
  filename: string;
  data: Uint8Array;
};

export type { StoredUploadRef };

/** What a create (or resubmit) may carry: files with it, and earlier uploads by id. */
export type DocumentSource = DocumentUpload | StoredUploadRef;

export const isStoredUploadRef = (source: DocumentSource): source is StoredUploadRef => "uploadId" in source;

export type ValidDocument = {
  kind: DocumentKind;
  filename: string;
  contentType: DocumentContentType;
  size: number;
  data: Buffer;
};

export type DocumentUploader = { userId: string | null; role: ActorRole; name: string };

export type PortingRequestDocumentDto = {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: string;
  size: number;
  /** Who sent it; null for documents stored before this was kept. */
  uploadedBy: { role: ActorRole; name: string } | null;
  /** Added to the request after it was created: the request's timeline shows it. */
  addedAfterCreation: boolean;
  /** ISO 8601 UTC. */
  createdAt: string;
};

export type PortingRequestDocumentWithData = PortingRequestDocumentDto & { data: Buffer };

/** A document of a request as the API answers it (`fileName`, as POST /api/v1/documents names it). */
export type RequestDocumentDto = {
  id: string;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  size: number;
  uploadedBy: { role: ActorRole; name: string } | null;
  addedAfterCreation: boolean;
  createdAt: string;
};

export function requestDocumentJson(dto: PortingRequestDocumentDto): RequestDocumentDto {
  return {
    id: dto.id,
    kind: dto.kind,
    fileName: dto.filename,
    contentType: dto.contentType,
    size: dto.size,
    uploadedBy: dto.uploadedBy ? { role: dto.uploadedBy.role, name: dto.uploadedBy.name } : null,
    addedAfterCreation: dto.addedAfterCreation,
    createdAt: dto.createdAt,
  };
}

/** One file checked on its own: size, real type by its magic bytes, a clean name. */
export function checkUpload(upload: DocumentUpload): { ok: true; document: ValidDocument } | { ok: false; message: string } {
  const check = checkDocumentFile({ name: upload.filename, size: upload.data.byteLength, head: upload.data.subarray(0, DOCUMENT_MAGIC_BYTES) });
  if (!check.ok) return check;
  return {
    ok: true,
    document: {
      kind: upload.kind,
      filename: cleanDocumentFilename(upload.filename, check.contentType, upload.kind),
      contentType: check.contentType,
      size: upload.data.byteLength,
      data: Buffer.from(upload.data.buffer, upload.data.byteOffset, upload.data.byteLength),
    },
  };
}

export const oneOfAKind = (kind: DocumentKind) =>
  `Upload one ${DOCUMENT_KIND_LABELS[kind].toLowerCase()}, not several: combine the pages into one PDF.`;

/**
 * The documents the country requires that are not among `kinds`, each under `documents.<kind>`.
 * `via: "api"` names the kind as the API spells it and how to send it.
 */
export function missingDocumentErrors(country: CountryCode, kinds: ReadonlySet<DocumentKind>, via: "form" | "api" = "form"): FieldErrors {
  const errors: FieldErrors = {};
  for (const requirement of COUNTRIES[country].documents) {
    if (requirement.required && !kinds.has(requirement.kind)) {
      const base = `Upload the ${requirement.label.toLowerCase()}: it is required for porting numbers from ${countryNameInText(country)}.`;
      const hint =
        via === "api"
          ? ` Send the file to POST /api/v1/documents with kind "${requirement.kind}" and give its id in \`documents\`.`
          : "";
      (errors[documentField(requirement.kind)] ??= []).push(base + hint);
    }
  }
  return errors;
}

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
      add(upload.kind, oneOfAKind(upload.kind));
      continue;
    }
    seen.add(upload.kind);
    const check = checkUpload(upload);
    if (!check.ok) add(upload.kind, check.message);
    else documents.push(check.document);
  }

  if (country) {
    for (const [key, messages] of Object.entries(missingDocumentErrors(country, seen))) (errors[key] ??= []).push(...messages);
  }
  return { documents, errors };
}

export type ResolvedUploads = {
  /** Ids of pending uploads of the account, locked in the caller's transaction until it ends. */
  ids: string[];
  kinds: DocumentKind[];
  errors: FieldErrors;
};

/**
 * Inside the create's transaction: the pending uploads `refs` name, each one of this account, not
 * used by another request and younger than UPLOAD_TTL_HOURS. The rows stay locked (FOR UPDATE)
 * until the transaction ends, so two creates naming one upload cannot both take it: the second
 * waits, then no longer finds it pending. Errors are keyed `documents.<n>.id` (n: the position in
 * the API's `documents` array).
 */
export async function resolveStoredUploads(tx: Executor, accountId: string, refs: readonly StoredUploadRef[]): Promise<ResolvedUploads> {
  const errors: FieldErrors = {};
  const wanted = refs.map((r) => r.uploadId).filter(isUuid);
  const rows = wanted.length
    ? await tx
        .select({ id: portingRequestDocuments.id, kind: portingRequestDocuments.kind })
        .from(portingRequestDocuments)
        .where(
          and(
            inArray(portingRequestDocuments.id, wanted),
            eq(portingRequestDocuments.accountId, accountId),
            isNull(portingRequestDocuments.portingRequestId),
            sql`${portingRequestDocuments.createdAt} > now() - make_interval(hours => ${UPLOAD_TTL_HOURS})`,
          ),
        )
        .for("update")
    : [];
  const byId = new Map(rows.map((r) => [r.id, r.kind]));
  const ids: string[] = [];
  const kinds: DocumentKind[] = [];
  const seen = new Set<string>();
  refs.forEach((ref, index) => {
    const key = `documents.${index}.id`;
    const kind = byId.get(ref.uploadId);
    if (seen.has(ref.uploadId)) {
      (errors[key] ??= []).push("This upload is named twice: give each document once.");
    } else if (!kind) {
      (errors[key] ??= []).push(
        `No upload with this id is waiting in your account: upload the file with POST /api/v1/documents and use its id within ${UPLOAD_TTL_HOURS} hours, once.`,
      );
    } else if (kinds.includes(kind)) {
      (errors[documentField(kind)] ??= []).push(oneOfAKind(kind));
    } else {
      ids.push(ref.uploadId);
      kinds.push(kind);
    }
    seen.add(ref.uploadId);
  });
  return { ids, kinds, errors };
}

/** Inside the create's transaction: the locked pending uploads become the request's documents. */
export async function attachStoredUploads(tx: Executor, portingRequestId: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(portingRequestDocuments)
    .set({ portingRequestId })
    .where(and(inArray(portingRequestDocuments.id, [...ids]), isNull(portingRequestDocuments.portingRequestId)));
}

/**
 * Inside the caller's transaction: the request and its documents commit or roll back together.
 * `uploader`: who sent them (the creating customer); `addedAfterCreation` for later additions.
 */
export async function insertDocuments(
  tx: Executor,
  portingRequestId: string,
  documents: readonly ValidDocument[],
  options: { uploader?: DocumentUploader; addedAfterCreation?: boolean } = {},
): Promise<string[]> {
  const ids: string[] = [];
  // One row at a time: a statement carrying two 10 MB parameters gains nothing and doubles the peak.
  for (const document of documents) {
    const [row] = await tx.insert(portingRequestDocuments).values({
      // The request's own account: a document is never in another tenant than its request.
      accountId: sql`(select ${portingRequests.accountId} from ${portingRequests} where ${portingRequests.id} = ${portingRequestId})`,
      portingRequestId,
      kind: document.kind,
      filename: document.filename,
      contentType: document.contentType,
      size: document.size,
      data: document.data,
      uploadedByUserId: options.uploader?.userId ?? null,
      uploadedByRole: options.uploader?.role ?? null,
      uploadedByName: options.uploader?.name ?? null,
      addedAfterCreation: options.addedAfterCreation ?? false,
    }).returning({ id: portingRequestDocuments.id });
    if (row) ids.push(row.id);
  }
  return ids;
}

export const metadataColumns = {
  id: portingRequestDocuments.id,
  kind: portingRequestDocuments.kind,
  filename: portingRequestDocuments.filename,
  contentType: portingRequestDocuments.contentType,
  size: portingRequestDocuments.size,
  uploadedByRole: portingRequestDocuments.uploadedByRole,
  uploadedByName: portingRequestDocuments.uploadedByName,
  addedAfterCreation: portingRequestDocuments.addedAfterCreation,
  createdAt: portingRequestDocuments.createdAt,
};

type MetadataRow = {
  id: string;
  kind: DocumentKind;
  filename: string;
  contentType: string;
  size: number;
  uploadedByRole: ActorRole | null;
  uploadedByName: string | null;
  addedAfterCreation: boolean;
  createdAt: Date;
};

export const toDocumentDto = (row: MetadataRow): PortingRequestDocumentDto => ({
  id: row.id,
  kind: row.kind,
  filename: row.filename,
  contentType: row.contentType,
  size: row.size,
  uploadedBy: row.uploadedByRole && row.uploadedByName !== null ? { role: row.uploadedByRole, name: row.uploadedByName } : null,
  addedAfterCreation: row.addedAfterCreation,
  createdAt: row.createdAt.toISOString(),
});

/** The documents of a request the actor may see (without their bytes); NotFoundError otherwise. */
export async function listDocuments(actor: Actor, requestId: string, db: Executor = getDb()): Promise<PortingRequestDocumentDto[]> {
  const request = await getPortingRequestRowForActor(db, actor, requestId);
  const rows = await db
    .select(metadataColumns)
    .from(portingRequestDocuments)
    .where(eq(portingRequestDocuments.portingRequestId, request.id))
    .orderBy(asc(portingRequestDocuments.createdAt), asc(portingRequestDocuments.kind), asc(portingRequestDocuments.id));
  return rows.map(toDocumentDto);
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
  return { ...toDocumentDto(row), data: row.data };
}

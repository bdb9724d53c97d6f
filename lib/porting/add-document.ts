import "server-only";
import { and, count, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { portingRequestDocuments, portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  attachStoredUploads,
  checkUpload,
  insertDocuments,
  isStoredUploadRef,
  requestDocumentJson,
  resolveStoredUploads,
  metadataColumns,
  toDocumentDto,
  type DocumentSource,
  type PortingRequestDocumentDto,
} from "./documents";
import { tenantCondition } from "./queries";
import { isUuid } from "@/lib/shared/ids";
import { recordRequestEvent, REQUEST_EVENT_TYPES } from "./request-events";
import { isFinalStatus, statusLabel } from "./statuses";
import { allowedActions } from "./transitions";

// A document added to a request after its creation (issue 14, item 4): by the customer or by
// support, while the request is open, with the same checks as the create form (magic bytes, size;
// document-files.ts). It is a file sent now, or (a customer) an upload made before by id. The
// request's timeline shows it (`addedAfterCreation`); the GET JSON's `history` stays the status
// changes. It is an account event (porting_request.document_added), never a callback delivery.
// A customer's document also answers support's question ("waiting for you" ends).

/** A request holds at most this many documents: corrections are added, never replaced, so this bounds the pile. */
export const MAX_DOCUMENTS_PER_REQUEST = 20;

export async function addDocumentToRequest(
  actor: Actor,
  requestId: string,
  source: DocumentSource,
  db: Db = getDb(),
): Promise<PortingRequestDocumentDto> {
  // The file's own checks need no database: before the transaction.
  const file = isStoredUploadRef(source) ? null : checkUpload(source);
  if (file && !file.ok) throw new ValidationError({ file: [file.message] });
  if (isStoredUploadRef(source) && actor.role !== "customer") {
    throw new ForbiddenError("Support sends the file itself (multipart `file` and `kind`): uploads by id belong to a customer account.");
  }

  return db.transaction(async (tx) => {
    if (!isUuid(requestId)) throw new NotFoundError("porting request");
    // FOR SHARE: a status change waits until this commits, so a document is never added to a
    // request that became final meanwhile (and two additions do not block each other).
    const [request] = await tx
      .select()
      .from(portingRequests)
      .where(and(eq(portingRequests.id, requestId), tenantCondition(actor)))
      .limit(1)
      .for("share");
    if (!request) throw new NotFoundError("porting request");
    if (isFinalStatus(request.status)) {
      throw new ConflictError(`Documents can be added while a request is open; ${request.reference} is ${statusLabel(request.status)}.`, {
        currentStatus: request.status,
        allowedActions: allowedActions(request, actor.role),
        version: request.version,
      });
    }
    const [held] = await tx
      .select({ n: count() })
      .from(portingRequestDocuments)
      .where(eq(portingRequestDocuments.portingRequestId, request.id));
    if ((held?.n ?? 0) >= MAX_DOCUMENTS_PER_REQUEST) {
      throw new ConflictError(`${request.reference} already holds ${MAX_DOCUMENTS_PER_REQUEST} documents, the most a request can hold.`);
    }

    const uploader = { userId: actor.userId, role: actor.role, name: actor.name };
    let documentId: string;
    if (file?.ok) {
      const [id] = await insertDocuments(tx, request.id, [file.document], { uploader, addedAfterCreation: true });
      if (!id) throw new Error("addDocumentToRequest: insert returned no id");
      documentId = id;
    } else {
      const stored = await resolveStoredUploads(tx, request.accountId, [source as { uploadId: string }]);
      const [id] = stored.ids;
      if (!id) throw new ValidationError(Object.fromEntries(Object.entries(stored.errors).map(([key, messages]) => [key.replace(/^documents\.0\./, ""), messages])));
      await attachStoredUploads(tx, request.id, [id]);
      await tx.update(portingRequestDocuments).set({ addedAfterCreation: true }).where(eq(portingRequestDocuments.id, id));
      documentId = id;
    }

    if (actor.role === "customer" && request.waitingForCustomerSince) {
      await tx.update(portingRequests).set({ waitingForCustomerSince: null }).where(eq(portingRequests.id, request.id));
    }

    const [row] = await tx.select(metadataColumns).from(portingRequestDocuments).where(eq(portingRequestDocuments.id, documentId)).limit(1);
    if (!row) throw new Error("addDocumentToRequest: the document vanished in its own transaction");
    const document = toDocumentDto(row);
    await recordRequestEvent(tx, {
      type: REQUEST_EVENT_TYPES.documentAdded,
      accountId: request.accountId,
      portingRequestId: request.id,
      reference: request.reference,
      document: requestDocumentJson(document),
    });
    return document;
  });
}

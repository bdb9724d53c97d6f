import "server-only";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { portingRequestDocuments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { checkUpload, UPLOAD_TTL_HOURS, type DocumentUpload } from "./documents";

// POST /api/v1/documents (issue 14, item 4): a document uploaded before the request that will
// carry it, because a JSON create cannot carry a file. It belongs to the caller's account and waits
// UPLOAD_TTL_HOURS for a create (or resubmit) to name it in `documents: [{ id }]`; an upload no
// request used by then is deleted by the notification worker's sweep (pending-uploads.ts), and is
// refused by a create even before the sweep has run.

/** Uploads an account may have waiting at once: 50 × 10 MB is the most one account parks in the database. */
export const MAX_PENDING_UPLOADS = 50;

export type PendingUploadDto = {
  id: string;
  kind: DocumentUpload["kind"];
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  /** When it is deleted unless a request names it first. */
  expiresAt: string;
};

export async function uploadDocument(actor: Actor, upload: DocumentUpload, db: Db = getDb()): Promise<PendingUploadDto> {
  if (actor.role !== "customer") {
    throw new ForbiddenError("Uploads belong to a customer account. Support adds a file to a request with POST /api/v1/porting-requests/{id}/documents.");
  }
  const checked = checkUpload(upload);
  if (!checked.ok) throw new ValidationError({ file: [checked.message] });
  const document = checked.document;

  return db.transaction(async (tx) => {
    // One at a time per account, so the cap holds under concurrent uploads.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pending-uploads'), hashtext(${actor.accountId}))`);
    const [waiting] = await tx
      .select({ n: count() })
      .from(portingRequestDocuments)
      .where(
        and(
          eq(portingRequestDocuments.accountId, actor.accountId),
          isNull(portingRequestDocuments.portingRequestId),
          sql`${portingRequestDocuments.createdAt} > now() - make_interval(hours => ${UPLOAD_TTL_HOURS})`,
        ),
      );
    if ((waiting?.n ?? 0) >= MAX_PENDING_UPLOADS) {
      throw new ConflictError(
        `Your account has ${MAX_PENDING_UPLOADS} uploads that no request uses yet: name them in a request, or wait until they expire (${UPLOAD_TTL_HOURS} hours after upload).`,
      );
    }
    const [row] = await tx
      .insert(portingRequestDocuments)
      .values({
        accountId: actor.accountId,
        portingRequestId: null,
        kind: document.kind,
        filename: document.filename,
        contentType: document.contentType,
        size: document.size,
        data: document.data,
        uploadedByUserId: actor.userId,
        uploadedByRole: "customer",
        uploadedByName: actor.name,
      })
      .returning({ id: portingRequestDocuments.id, createdAt: portingRequestDocuments.createdAt });
    if (!row) throw new Error("uploadDocument: insert returned no row");
    return {
      id: row.id,
      kind: document.kind,
      fileName: document.filename,
      contentType: document.contentType,
      size: document.size,
      createdAt: row.createdAt.toISOString(),
      expiresAt: new Date(row.createdAt.getTime() + UPLOAD_TTL_HOURS * 3_600_000).toISOString(),
    };
  });
}

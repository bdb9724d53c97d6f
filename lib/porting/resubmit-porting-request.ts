import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { portingRequestDocuments } from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { ConflictError, ForbiddenError, ValidationError, isDomainError } from "@/lib/errors";
import { WHOLE_INPUT } from "@/lib/shared/validation";
import { createPortingRequest, type CreatePortingRequestOptions } from "./create-porting-request";
import type { DocumentSource, StoredUploadRef } from "./documents";
import { isUuid } from "@/lib/shared/ids";
import type { PortingRequestDto } from "./dto";
import { getPortingRequestRowForActor } from "./queries";
import { createInputOf, documentsToCopy, findResubmission, resubmitRefusal } from "./resubmission";
import type { CreatePortingRequestInput } from "./schemas";

// Resubmit a Blocked request (issue 14 item 2): a NEW request made of everything the Blocked one
// held (profile, numbers, provider, dates, contract scenario, distribution group, callback URL,
// comment, documents), with the given fields changed, checked exactly as a create is (it IS a
// create, with the link), and linked both ways. Only a Blocked request, only once: a 409 saying
// why otherwise. The rule is checked again under a lock inside the create's transaction.

export type ResubmitOptions = Pick<CreatePortingRequestOptions, "beforeCommit" | "documentsVia"> & {
  /**
   * The new request's documents, replacing the Blocked request's (the web form sends every file,
   * the kept ones included). Left out: the Blocked request's documents are copied, same files.
   */
  documents?: CreatePortingRequestOptions["documents"];
  /**
   * The REST API's `documents: [{ id }]`: uploads that replace the Blocked request's documents of
   * their kinds; the other kinds are still copied.
   */
  replacingUploads?: readonly StoredUploadRef[];
};

const RESUBMISSION_INDEX = "porting_requests_resubmission_of_key";

export async function resubmitPortingRequest(
  actor: CustomerActor,
  id: string,
  changes: Partial<CreatePortingRequestInput>,
  db: Db = getDb(),
  options: ResubmitOptions = {},
): Promise<PortingRequestDto> {
  if ((actor as { role: string }).role !== "customer") throw new ForbiddenError("Only a customer account can resubmit porting requests.");
  if (typeof changes !== "object" || changes === null || Array.isArray(changes)) {
    throw new ValidationError({ [WHOLE_INPUT]: ["Send the fields to change as an object; {} resubmits the request as it was."] });
  }
  // Early, for a clear answer before any validation: 404 for a foreign id, 409 when not possible.
  const original = await getPortingRequestRowForActor(db, actor, id);
  const refusal = await resubmitRefusal(db, actor, original);
  if (refusal) throw refusal;

  const input = { ...(await createInputOf(db, original)), ...changes } as CreatePortingRequestInput;
  let documents: readonly DocumentSource[] | undefined = options.documents;
  if (documents === undefined) {
    const uploads = options.replacingUploads ?? [];
    const replaced = new Set(await uploadKinds(db, actor.accountId, uploads));
    // The same files, except the kinds the new uploads replace (the create checks the uploads themselves).
    documents = [...(await documentsToCopy(db, original.id)).filter((d) => !replaced.has(d.kind)), ...uploads];
  }
  const { replacingUploads: _uploads, documents: _documents, ...createOptions } = options;
  try {
    return await createPortingRequest(actor, input, db, { ...createOptions, documents, resubmissionOf: original.id });
  } catch (error) {
    if (isDomainError(error) || !isUniqueViolation(error)) throw error;
    // Two resubmits passed the lock-free checks at once; the database let one in.
    const existing = await findResubmission(db, original.id);
    throw new ConflictError(`${original.reference} was already resubmitted${existing ? ` as ${existing.reference}` : ""}: a Blocked request can be resubmitted once.`, {
      ...(existing ? { resubmittedAs: existing } : {}),
    });
  }
}

/** The kinds of the account's waiting uploads among these (unknown ones are the create's to report). */
async function uploadKinds(db: Db, accountId: string, uploads: readonly StoredUploadRef[]) {
  const ids = uploads.map((u) => u.uploadId).filter(isUuid);
  if (ids.length === 0) return [];
  const rows = await db
    .select({ kind: portingRequestDocuments.kind })
    .from(portingRequestDocuments)
    .where(
      and(inArray(portingRequestDocuments.id, ids), eq(portingRequestDocuments.accountId, accountId), isNull(portingRequestDocuments.portingRequestId)),
    );
  return rows.map((r) => r.kind);
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint_name?: unknown };
    if (candidate.code === "23505") return candidate.constraint_name === RESUBMISSION_INDEX;
  }
  return false;
}

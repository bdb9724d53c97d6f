import { z } from "zod";

// `documents: [{ id }]` of the REST API's create (and resubmit): uploads made before with
// POST /api/v1/documents, named by id. One schema for every body that takes them. Client-safe.

/** A file uploaded before its request (POST /api/v1/documents), named by its id. */
export type StoredUploadRef = { uploadId: string };

export const MAX_DOCUMENT_REFS = 10;

export const documentRefsField = z
  .array(z.strictObject({ id: z.uuid({ error: "Give the id of an upload (POST /api/v1/documents answers it)." }) }), {
    error: 'Give the documents as a list of uploads: [{ "id": "…" }].',
  })
  .max(MAX_DOCUMENT_REFS, `At most ${MAX_DOCUMENT_REFS} documents per request.`);

/** The verb's document sources for the refs of a parsed body (none: an empty list, so required documents are reported missing). */
export function documentRefSources(refs: readonly { id: string }[] | null | undefined): StoredUploadRef[] {
  return (refs ?? []).map((ref) => ({ uploadId: ref.id }));
}

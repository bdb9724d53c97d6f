import "server-only";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { DOCUMENT_MAGIC_BYTES, MAX_DOCUMENT_BYTES, checkDocumentFile, formatBytes } from "@/lib/porting/document-files";
import type { DocumentUpload } from "@/lib/porting/documents";
import { DOCUMENT_KINDS, type DocumentKind } from "@/lib/porting/values";
import { HttpProblem } from "./problem";

// Document uploads at the API edge (POST /api/v1/documents, POST …/porting-requests/{id}/documents):
// `multipart/form-data` with one file under `file` and its `kind`. Checked in the order a client
// can act on: too large (413, naming `file`) → not multipart (415) → not parseable (400) → unknown
// or missing fields (422, each named). The file's own checks (magic bytes, size) are the domain's.

export const MULTIPART_TYPE = /^multipart\/form-data\s*;/i;

/** A document and a few short fields fit; anything larger cannot be a document we accept. */
export const MAX_UPLOAD_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

export function isMultipart(request: Request): boolean {
  return MULTIPART_TYPE.test(request.headers.get("content-type") ?? "");
}

function tooLarge(): HttpProblem {
  const message = `The upload is larger than ${formatBytes(MAX_DOCUMENT_BYTES)}: a document can be at most ${formatBytes(MAX_DOCUMENT_BYTES)}. Compress the scan, or send fewer pages.`;
  return new HttpProblem(413, message, { errors: { file: [message] } });
}

async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > MAX_UPLOAD_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPLOAD_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

const isDocumentKind = (value: unknown): value is DocumentKind => (DOCUMENT_KINDS as readonly unknown[]).includes(value);

/**
 * The document of a multipart upload. Every field problem is reported at once (422): a missing,
 * repeated or empty `file`, one that is no PDF, PNG or JPEG by its first bytes or is over 10 MB,
 * a missing or unknown `kind`, unknown fields. The verb checks the file again (it decides).
 */
export async function readUploadForm(request: Request): Promise<DocumentUpload> {
  const contentType = request.headers.get("content-type") ?? "";
  // The size first: a client sending 200 MB should hear that, whatever else is wrong.
  const bytes = await readLimited(request);
  if (!MULTIPART_TYPE.test(contentType)) {
    throw new HttpProblem(
      415,
      `Send the document as multipart/form-data with the fields \`file\` and \`kind\`${contentType ? ` (this request sent ${contentType.slice(0, 100)})` : " (this request sent no Content-Type)"}.`,
      {},
      { accept: "multipart/form-data" },
    );
  }
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new HttpProblem(400, "The multipart body could not be read: check the boundary in the Content-Type header and the parts' headers.");
  }

  const errors: FieldErrors = Object.create(null) as FieldErrors;
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const files = form.getAll("file");
  const kinds = form.getAll("kind");
  for (const name of new Set(form.keys())) {
    if (name !== "file" && name !== "kind") add(name, `Unknown field "${name}": send only \`file\` and \`kind\`.`);
  }
  const file = files[0];
  if (files.length === 0) add("file", "Attach the document as the field `file`.");
  else if (files.length > 1) add("file", "Send one file per upload.");
  else if (typeof file === "string") add("file", "`file` must be a file (a multipart part with a filename), not text.");
  const kind = kinds[0];
  if (kinds.length === 0) add("kind", KIND_HINT);
  else if (kinds.length > 1) add("kind", "Give one kind.");
  else if (!isDocumentKind(kind)) add("kind", typeof kind === "string" ? `Unknown kind "${kind.slice(0, 50)}". ${KIND_HINT}` : "`kind` must be text, not a file.");
  let data: Uint8Array | null = null;
  if (file instanceof File) {
    data = new Uint8Array(await file.arrayBuffer());
    const check = checkDocumentFile({ name: file.name, size: data.byteLength, head: data.subarray(0, DOCUMENT_MAGIC_BYTES) });
    if (!check.ok) add("file", check.message);
  }
  if (Object.keys(errors).length > 0 || !(file instanceof File) || !data || !isDocumentKind(kind)) throw new ValidationError(errors);
  return { kind, filename: file.name, data };
}

const KIND_HINT = 'Give the document\'s kind: "letter_of_authorisation" or "invoice".';

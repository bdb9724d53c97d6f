import type { DocumentKind } from "./values";

// What a porting document may be: PDF, PNG or JPEG, at most 10 MB. The type is decided by the
// file's first bytes (its magic number), never by its name or the browser's guess, because both
// are chosen by the sender. Pure and client-safe: the create page checks a file the moment it is
// picked, and lib/porting/documents.ts runs the same rules on the server, which decides.

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export const DOCUMENT_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg"] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];

/** For `<input type="file" accept>`: a hint to the file picker, not a check. */
export const DOCUMENT_ACCEPT = ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg";

/** How many leading bytes `detectDocumentType` needs. */
export const DOCUMENT_MAGIC_BYTES = 8;

const EXTENSIONS: Record<DocumentContentType, string> = {
  "application/pdf": "pdf",
  "image/png": "png",
  "image/jpeg": "jpg",
};

/**
 * A create request that carries files is multipart form data: the request's JSON under
 * `request`, each file under `documents.<kind>`. The field-error keys of the files are the same.
 */
export const REQUEST_JSON_FIELD = "request";
/** The corrected-request form also names the Blocked request it corrects (its id). */
export const RESUBMISSION_OF_FIELD = "resubmissionOf";
export const documentField = (kind: DocumentKind) => `documents.${kind}` as const;

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  letter_of_authorisation: "Letter of authorisation",
  invoice: "Last invoice of the current provider",
};

const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);

/** The content type the bytes really are, or null when they are none of ours. */
export function detectDocumentType(head: Uint8Array): DocumentContentType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // "%PDF-"
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders (some browsers
 * send "C:\fakepath\…"), no control characters, a sane length, and the extension of its real type.
 */
export function cleanDocumentFilename(name: string, contentType: DocumentContentType, kind: DocumentKind): string {
  const base =
    (name.split(/[\\/]/).pop() ?? "")
      .replace(/[\u0000-\u001f\u007f"]/g, "")
      .trim()
      .slice(0, 150) || kind.replaceAll("_", "-");
  const extension = EXTENSIONS[contentType];
  const hasOwnExtension =
    contentType === "image/jpeg" ? /\.jpe?g$/i.test(base) : base.toLowerCase().endsWith(`.${extension}`);
  return hasOwnExtension ? base : `${base}.${extension}`;
}

export type DocumentFileFacts = {
  name: string;
  size: number;
  /** At least the first DOCUMENT_MAGIC_BYTES bytes of the file. */
  head: Uint8Array;
};

export type DocumentFileCheck =
  | { ok: true; contentType: DocumentContentType }
  | { ok: false; message: string };

export function checkDocumentFile(file: DocumentFileFacts): DocumentFileCheck {
  const name = file.name ? `"${file.name}"` : "The file";
  if (file.size === 0) return { ok: false, message: `${name} is empty.` };
  if (file.size > MAX_DOCUMENT_BYTES) {
    return { ok: false, message: `${name} is ${formatBytes(file.size)}; a document can be at most 10 MB.` };
  }
  const contentType = detectDocumentType(file.head);
  if (!contentType) {
    return { ok: false, message: `${name} is not a PDF, PNG or JPEG file. Upload a PDF, or a scan or photo as PNG or JPEG.` };
  }
  return { ok: true, contentType };
}

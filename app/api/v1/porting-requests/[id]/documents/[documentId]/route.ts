// GET /api/v1/porting-requests/{id}/documents/{documentId} — download one of the request's documents (customer of the account, or support).
import { route } from "@/lib/api/route";
import { getDocumentForActor } from "@/lib/porting/documents";

// Stored types we let a browser keep as they are; anything else downloads as opaque bytes.
const KNOWN_TYPES = /^(application\/pdf|image\/(png|jpeg|gif|webp|heic|heif|tiff))$/;

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name, so "Factuur maart – KPN.pdf" survives. */
function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "document";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const GET = route<"customer" | "support", { id: string; documentId: string }>(
  { roles: ["customer", "support"] },
  async (_request, actor, { id, documentId }) => {
    // A foreign request, an unknown one, or a document of another request: all the same 404.
    const file = await getDocumentForActor(actor, id, documentId);
    return new Response(new Uint8Array(file.data), {
      status: 200,
      headers: {
        "content-type": KNOWN_TYPES.test(file.contentType) ? file.contentType : "application/octet-stream",
        "content-length": String(file.data.length),
        "content-disposition": contentDisposition(file.filename),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
      },
    });
  },
);

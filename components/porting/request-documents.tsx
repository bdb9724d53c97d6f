import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";
import type { PortingRequestDocumentDto } from "@/lib/porting/documents";
// A server component: only server-safe helpers here (relative-time.tsx is a client module).
import { formatBytes, formatDateTimeUtc } from "@/components/shared/format";

// The request's documents (letter of authorisation, last invoice), each a download link. Rendered
// on the server; the download itself goes through GET /api/v1/porting-requests/{id}/documents/{documentId}.

export function RequestDocuments({ requestId, documents }: { requestId: string; documents: PortingRequestDocumentDto[] }) {
  return (
    <section aria-labelledby="documents-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="documents-title" className="text-base font-semibold text-slate-900">
        Documents
      </h2>
      {documents.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">No documents uploaded.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100">
          {documents.map((doc) => (
            <li key={doc.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5">
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{DOCUMENT_KIND_LABELS[doc.kind]}</p>
                <p className="truncate text-xs text-slate-500">
                  {doc.filename} · {formatBytes(doc.size)} · uploaded {formatDateTimeUtc(doc.createdAt)}
                </p>
              </div>
              <a
                href={`/api/v1/porting-requests/${requestId}/documents/${doc.id}`}
                download={doc.filename}
                className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
                aria-label={`Download ${DOCUMENT_KIND_LABELS[doc.kind]}: ${doc.filename}`}
              >
                Download
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

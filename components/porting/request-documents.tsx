import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";
import type { PortingRequestDocumentDto } from "@/lib/porting/documents";
// A server component: only server-safe helpers here (relative-time.tsx is a client module).
import { formatBytes, formatDateTimeUtc } from "@/components/shared/format";
import type { DocumentKind } from "@/lib/porting/values";
import { ProblemMarker } from "./rejection-problems";

// The request's documents (letter of authorisation, last invoice), each a download link. Rendered
// on the server; the download itself goes through GET /api/v1/porting-requests/{id}/documents/{documentId}.

export function RequestDocuments({
  requestId,
  documents,
  flagged,
}: {
  requestId: string;
  documents: PortingRequestDocumentDto[];
  /** A Blocked request's problems by document kind (a rejection code that points at a document). */
  flagged?: ReadonlyMap<string, readonly { code: string; label: string }[]>;
}) {
  // A flagged kind the request has no document of is shown too: that is where the problem is.
  const missing = [...(flagged?.keys() ?? [])].filter((kind) => !documents.some((d) => d.kind === kind)) as DocumentKind[];
  return (
    <section aria-labelledby="documents-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="documents-title" className="text-base font-semibold text-slate-900">
        Documents
      </h2>
      {missing.length > 0 ? (
        <ul className="mt-4 space-y-2">
          {missing.map((kind) => (
            <li key={kind} className="rounded-md border-l-2 border-red-500 bg-red-50/70 px-3 py-2" data-flagged>
              <p className="text-sm font-medium text-slate-900">{DOCUMENT_KIND_LABELS[kind]}</p>
              <p className="text-xs text-slate-600">Not uploaded with this request.</p>
              <ProblemMarker problems={flagged?.get(kind) ?? []} />
            </li>
          ))}
        </ul>
      ) : null}
      {documents.length === 0 ? (
        missing.length > 0 ? null : <p className="mt-4 text-sm text-slate-500">No documents uploaded.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100">
          {documents.map((doc) => (
            <li
              key={doc.id}
              data-flagged={flagged?.has(doc.kind) || undefined}
              className={`flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 ${flagged?.has(doc.kind) ? "-mx-2 rounded-md border-l-2 border-red-500 bg-red-50/70 px-2" : ""}`}
            >
              <div className="min-w-0">
                <p className="text-sm font-medium text-slate-900">{DOCUMENT_KIND_LABELS[doc.kind]}</p>
                <p className="truncate text-xs text-slate-500">
                  {doc.filename} · {formatBytes(doc.size)} · uploaded {formatDateTimeUtc(doc.createdAt)}
                </p>
                <ProblemMarker problems={flagged?.get(doc.kind) ?? []} />
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

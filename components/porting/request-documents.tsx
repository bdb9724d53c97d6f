import type { ReactNode } from "react";
import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";
import { ACTOR_ROLE_LABELS, formatBytes, formatDateTimeUtc } from "@/components/shared/format";
import type { DocumentKind } from "@/lib/porting/values";
import type { RequestDocumentJson } from "./conversation-data";
import { ProblemMarker } from "./rejection-problems";

// The request's documents (letter of authorisation, last invoice), each a download link, as the
// API lists them (GET …/documents), with who sent each and whether it came after the creation.
// No hooks: the customer's live page renders it with the documents it keeps fresh, and `children`
// below the list (the "Add a document" form while the request is open). The download itself goes
// through GET /api/v1/porting-requests/{id}/documents/{documentId}.

export function RequestDocuments({
  requestId,
  documents,
  flagged,
  children,
}: {
  requestId: string;
  documents: readonly RequestDocumentJson[];
  /** A Blocked request's problems by document kind (a rejection code that points at a document). */
  flagged?: ReadonlyMap<string, readonly { code: string; label: string }[]>;
  children?: ReactNode;
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
                <p className="break-words text-xs text-slate-500">
                  {doc.fileName} · {formatBytes(doc.size)} · {doc.addedAfterCreation ? "added" : "uploaded"} {formatDateTimeUtc(doc.createdAt)}
                  {doc.uploadedBy ? ` by ${doc.uploadedBy.name}${doc.uploadedBy.role === "support" ? ` (${ACTOR_ROLE_LABELS.support.toLowerCase()})` : ""}` : ""}
                </p>
                <ProblemMarker problems={flagged?.get(doc.kind) ?? []} />
              </div>
              <a
                href={`/api/v1/porting-requests/${requestId}/documents/${doc.id}`}
                download={doc.fileName}
                className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
                aria-label={`Download ${DOCUMENT_KIND_LABELS[doc.kind]}: ${doc.fileName}`}
              >
                Download
              </a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </section>
  );
}

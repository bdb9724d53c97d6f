"use client";

import { useRef, useState, type DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/labelled-field";
import { COUNTRIES } from "@/lib/porting/countries";
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_MAGIC_BYTES,
  MAX_DOCUMENT_BYTES,
  checkDocumentFile,
  formatBytes,
  type DocumentContentType,
} from "@/lib/porting/document-files";
import type { CountryCode, DocumentKind } from "@/lib/porting/values";
import type { RejectionProblem } from "@/lib/porting/rejection-codes";
import type { ChosenDocument, ChosenDocuments, DocumentErrors } from "./new-request-model";
import { ProblemMarker } from "./rejection-problems";

const TYPE_LABELS: Record<DocumentContentType, string> = {
  "application/pdf": "PDF",
  "image/png": "PNG image",
  "image/jpeg": "JPEG image",
};

/** The browser's first look at a file: the same size and magic-byte rules the server applies. */
export async function inspectDocument(file: File): Promise<{ ok: true; document: ChosenDocument } | { ok: false; message: string }> {
  const head = new Uint8Array(await file.slice(0, DOCUMENT_MAGIC_BYTES).arrayBuffer());
  const check = checkDocumentFile({ name: file.name, size: file.size, head });
  return check.ok ? { ok: true, document: { file, contentType: check.contentType } } : check;
}

export function NewRequestDocumentsStep({
  country,
  documents,
  errors,
  onChoose,
  onRemove,
  flagged,
  copiedFrom = null,
}: {
  country: CountryCode;
  documents: ChosenDocuments;
  errors: DocumentErrors;
  onChoose: (kind: DocumentKind, file: File) => void;
  onRemove: (kind: DocumentKind) => void;
  /** A corrected request: the document kinds support flagged, with the problems. */
  flagged?: ReadonlyMap<string, readonly RejectionProblem[]>;
  /** A corrected request: the Blocked request whose files were copied (replace the flagged ones). */
  copiedFrom?: string | null;
}) {
  const c = COUNTRIES[country];
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-600">
        PDF, PNG or JPEG, up to {formatBytes(MAX_DOCUMENT_BYTES)} each. They are stored with the request, and support checks them before
        the request goes to the current provider.
      </p>
      {copiedFrom ? (
        <p className="text-sm text-slate-700">
          The files of {copiedFrom} are attached again. Replace the ones support flagged; the others go with the corrected request as
          they are.
        </p>
      ) : null}
      {c.documents.map((requirement) => (
        <DocumentSlot
          key={requirement.kind}
          kind={requirement.kind}
          label={requirement.label}
          required={requirement.required}
          description={requirement.description}
          chosen={documents[requirement.kind]}
          error={errors[requirement.kind]}
          onChoose={(file) => onChoose(requirement.kind, file)}
          onRemove={() => onRemove(requirement.kind)}
          problems={flagged?.get(requirement.kind) ?? []}
        />
      ))}
    </div>
  );
}

function DocumentSlot({
  kind,
  label,
  required,
  description,
  chosen,
  error,
  onChoose,
  onRemove,
  problems,
}: {
  kind: DocumentKind;
  label: string;
  required: boolean;
  description: string;
  chosen: ChosenDocument | undefined;
  error: string | undefined;
  onChoose: (file: File) => void;
  onRemove: () => void;
  problems: readonly RejectionProblem[];
}) {
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = `document-${kind}`;
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) onChoose(file);
  }

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className={`rounded-xl border bg-white p-4 sm:p-5 ${error || problems.length > 0 ? "border-red-400" : "border-slate-200"}`}
      data-testid={`document-${kind}`}
      data-flagged={problems.length > 0 || undefined}
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <h3 id={`${inputId}-title`} className="text-sm font-semibold text-slate-900">
          {label}
        </h3>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-medium ${required ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600"}`}
        >
          {required ? "Required" : "Recommended"}
        </span>
      </div>
      <p id={descriptionId} className="mt-1 text-sm text-slate-600">
        {description}
      </p>
      <ProblemMarker problems={problems} />

      {chosen ? (
        <div className="mt-3 flex flex-wrap items-center gap-3 rounded-lg border border-green-200 bg-green-50 px-3 py-2.5 text-sm">
          <FileIcon />
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium text-slate-900" title={chosen.file.name}>
              {chosen.file.name}
            </p>
            <p className="text-slate-600">
              {TYPE_LABELS[chosen.contentType]} · {formatBytes(chosen.file.size)}
            </p>
          </div>
          <Button variant="secondary" size="sm" onClick={() => input.current?.click()}>
            Replace<span className="sr-only"> the {label.toLowerCase()}</span>
          </Button>
          <Button variant="ghost" size="sm" onClick={onRemove}>
            Remove<span className="sr-only"> the {label.toLowerCase()}</span>
          </Button>
        </div>
      ) : (
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          className={`mt-3 flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${
            dragging ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-slate-50"
          }`}
        >
          <Button
            variant="secondary"
            onClick={() => input.current?.click()}
            aria-describedby={`${descriptionId}${error ? ` ${errorId}` : ""}`}
          >
            Choose {label.toLowerCase()}
          </Button>
          <span className="text-slate-500">or drop the file here</span>
        </div>
      )}
      <input
        ref={input}
        id={inputId}
        type="file"
        accept={DOCUMENT_ACCEPT}
        // The visible buttons open it; hidden from the tab order and the accessibility tree.
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = "";
          if (file) onChoose(file);
        }}
        className="sr-only"
      />
      <FieldError id={errorId}>{error}</FieldError>
    </section>
  );
}

function FileIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5 shrink-0 text-green-700">
      <path
        fillRule="evenodd"
        d="M4.5 2A1.5 1.5 0 0 0 3 3.5v13A1.5 1.5 0 0 0 4.5 18h11a1.5 1.5 0 0 0 1.5-1.5V7.621a1.5 1.5 0 0 0-.44-1.06l-4.12-4.122A1.5 1.5 0 0 0 11.378 2H4.5Zm7.28 9.78a.75.75 0 0 0-1.06-1.06l-1.97 1.97V7.75a.75.75 0 0 0-1.5 0v4.94l-1.97-1.97a.75.75 0 0 0-1.06 1.06l3.25 3.25a.75.75 0 0 0 1.06 0l3.25-3.25Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

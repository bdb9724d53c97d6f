"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { addDocumentAction } from "@/app/conversation/actions";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/labelled-field";
import { Notice } from "@/components/ui/notice";
import { SignInAgainLink } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_KIND_LABELS,
  DOCUMENT_MAGIC_BYTES,
  MAX_DOCUMENT_BYTES,
  checkDocumentFile,
  formatBytes,
} from "@/lib/porting/document-files";
import { DOCUMENT_KINDS, type DocumentKind } from "@/lib/porting/values";
import { conversationKeys, type RequestDocumentJson } from "./conversation-data";
import { queryKeys } from "./live-data";

// "Add a document" on an open request (issue 14, item 4), for the customer and for support: the
// kind and the file, checked the moment it is picked with the create form's rules (magic bytes,
// size; lib/porting/document-files.ts), then by the server, which decides. The documents card
// and the timeline update at once.

type Errors = { kind?: string; file?: string; form?: string; signIn?: boolean };

export function AddDocumentForm({ requestId, suggestedKind }: { requestId: string; suggestedKind?: DocumentKind }) {
  const queryClient = useQueryClient();
  const uid = useId();
  const input = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<DocumentKind | "">(suggestedKind ?? "");
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const ids = { kind: `${uid}-kind`, file: `${uid}-file`, kindError: `${uid}-kind-error`, fileError: `${uid}-file-error`, hint: `${uid}-hint` };

  async function pick(chosen: File | null) {
    setDone(null);
    setFile(chosen);
    if (!chosen) return setErrors((e) => ({ ...e, file: undefined }));
    const head = new Uint8Array(await chosen.slice(0, DOCUMENT_MAGIC_BYTES).arrayBuffer());
    const check = checkDocumentFile({ name: chosen.name, size: chosen.size, head });
    setErrors((e) => ({ ...e, file: check.ok ? undefined : check.message }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setDone(null);
    const next: Errors = {};
    if (!kind) next.kind = "Choose which document this is.";
    if (!file) next.file = "Choose a file: a PDF, or a scan or photo as PNG or JPEG.";
    else if (errors.file) next.file = errors.file;
    setErrors(next);
    if (next.kind || next.file || !kind || !file) {
      (next.kind ? document.getElementById(ids.kind) : input.current)?.focus();
      return;
    }
    const form = new FormData();
    form.set("id", requestId);
    form.set("kind", kind);
    form.set("file", file);
    startTransition(async () => {
      const result = await addDocumentAction(form).catch(() => null);
      if (!result) {
        setErrors({ form: "The upload failed: the connection broke off or the file was too large for it. Try again." });
        return;
      }
      if (!result.ok) {
        const fields = result.fieldErrors ?? {};
        setErrors({
          kind: fields.kind?.join(" "),
          file: fields.file?.join(" "),
          form: fields.kind || fields.file ? undefined : result.message,
          signIn: result.code === "unauthorized",
        });
        if (result.code === "conflict") void queryClient.invalidateQueries({ queryKey: queryKeys.detail(requestId) });
        return;
      }
      queryClient.setQueryData<RequestDocumentJson[]>(conversationKeys.documents(requestId), (old) =>
        old && !old.some((d) => d.id === result.data.id) ? [...old, result.data] : old,
      );
      void queryClient.invalidateQueries({ queryKey: conversationKeys.documents(requestId) });
      // A customer's document answers support's question: the "waiting for you" flag may be gone.
      void queryClient.invalidateQueries({ queryKey: queryKeys.detail(requestId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.lists });
      setDone(`${DOCUMENT_KIND_LABELS[result.data.kind]} added: ${result.data.fileName}.`);
      setFile(null);
      setKind(suggestedKind ?? "");
      if (input.current) input.current.value = "";
    });
  }

  return (
    <form onSubmit={submit} className="mt-4 border-t border-slate-100 pt-4" aria-label="Add a document" noValidate>
      <h3 className="text-sm font-semibold text-slate-900">Add a document</h3>
      <p id={ids.hint} className="mt-0.5 text-xs text-slate-500">
        A PDF, or a scan or photo as PNG or JPEG, at most {formatBytes(MAX_DOCUMENT_BYTES)}. Documents are added, never replaced.
      </p>
      <div role="status" aria-live="polite" className="empty:hidden">
        {done ? (
          <Notice tone="success" className="mt-3" onDismiss={() => setDone(null)}>
            {done}
          </Notice>
        ) : null}
      </div>
      {errors.form ? (
        <div role="alert" className="mt-3">
          <Notice tone="danger" action={errors.signIn ? <SignInAgainLink /> : undefined}>
            {errors.form}
          </Notice>
        </div>
      ) : null}
      <div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <div>
          <label htmlFor={ids.kind} className="block text-sm font-medium text-slate-900">
            Document
          </label>
          <select
            id={ids.kind}
            value={kind}
            disabled={pending}
            onChange={(e) => {
              setKind(e.target.value as DocumentKind | "");
              setErrors((x) => ({ ...x, kind: undefined }));
            }}
            aria-invalid={errors.kind ? true : undefined}
            aria-describedby={errors.kind ? ids.kindError : undefined}
            className={inputClass(Boolean(errors.kind), "mt-1")}
          >
            <option value="">Choose…</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <FieldError id={ids.kindError}>{errors.kind}</FieldError>
        </div>
        <div className="min-w-0">
          <label htmlFor={ids.file} className="block text-sm font-medium text-slate-900">
            File
          </label>
          <input
            ref={input}
            id={ids.file}
            type="file"
            accept={DOCUMENT_ACCEPT}
            disabled={pending}
            onChange={(e) => void pick(e.target.files?.[0] ?? null)}
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={`${ids.hint}${errors.file ? ` ${ids.fileError}` : ""}`}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          <FieldError id={ids.fileError}>{errors.file}</FieldError>
        </div>
      </div>
      <div className="mt-3 flex justify-end">
        <Button type="submit" variant="secondary" disabled={pending} className="w-full sm:w-auto">
          {pending ? (
            <>
              <Spinner /> Uploading…
            </>
          ) : (
            "Add document"
          )}
        </Button>
      </div>
    </form>
  );
}

"use client";

import { useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { inputClass, LabelledField } from "@/components/ui/labelled-field";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { useHydrated } from "@/components/shared/use-hydrated";
import type { ActionResult } from "@/lib/auth/action";

// One small form for the accounts-and-access pages (invite, create account, passwords): labelled
// fields, the server action's field errors next to their fields, the first invalid field focused,
// a message for the whole form, and a pending state. The action's own schema validates; the form
// does not duplicate its rules.

export type FormFieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "select";
  hint?: ReactNode;
  autoComplete?: string;
  options?: { value: string; label: string }[];
  defaultValue?: string;
  required?: boolean;
};

export function ActionForm<T>({
  fields,
  action,
  submitLabel,
  pendingLabel,
  hidden = {},
  onSuccess,
  successMessage,
  resetOnSuccess = true,
  layout = "stack",
}: {
  fields: FormFieldSpec[];
  action: (input: Record<string, string>) => Promise<ActionResult<T>>;
  submitLabel: string;
  pendingLabel: string;
  hidden?: Record<string, string>;
  onSuccess?: (data: T) => void;
  successMessage?: (data: T) => string;
  resetOnSuccess?: boolean;
  layout?: "stack" | "row";
}) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const values: Record<string, string> = { ...hidden };
    for (const field of fields) values[field.name] = String(new FormData(form).get(field.name) ?? "");
    setErrors({});
    setFormError(null);
    setSuccess(null);
    start(async () => {
      let result: ActionResult<T>;
      try {
        result = await action(values);
      } catch (error) {
        // A redirect after signing in is how a successful submit leaves the page: let Next handle it.
        if (error && typeof error === "object" && "digest" in error) throw error;
        setFormError("We couldn't reach the server. Check your connection and try again.");
        return;
      }
      if (result.ok) {
        if (resetOnSuccess) formRef.current?.reset();
        if (successMessage) setSuccess(successMessage(result.data));
        onSuccess?.(result.data);
        return;
      }
      const next: Record<string, string> = {};
      for (const [name, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (messages[0] && fields.some((f) => f.name === name)) next[name] = messages[0];
      }
      setErrors(next);
      const unplaced = Object.entries(result.fieldErrors ?? {}).filter(([name]) => !fields.some((f) => f.name === name));
      setFormError(Object.keys(next).length > 0 && unplaced.length === 0 ? null : (unplaced[0]?.[1][0] ?? result.message));
      const first = fields.find((f) => next[f.name]);
      if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first.name}"]`)?.focus();
    });
  }

  return (
    // Until the page is interactive the button stays disabled: a browser's own submit would send the
    // fields (passwords included) in the URL of a GET. method="post" keeps them out of it regardless.
    <form ref={formRef} onSubmit={submit} method="post" noValidate className="space-y-4">
      <div role="status" aria-live="polite" className="empty:hidden">
        {success ? (
          <Notice tone="success" onDismiss={() => setSuccess(null)}>
            {success}
          </Notice>
        ) : null}
      </div>
      {formError ? (
        <div role="alert">
          <Notice tone="danger">{formError}</Notice>
        </div>
      ) : null}
      <div className={layout === "row" ? "grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_12rem]" : "space-y-4"}>
        {fields.map((field) => (
          <LabelledField key={field.name} id={`field-${field.name}`} label={field.label} hint={field.hint} error={errors[field.name]} required={field.required ?? true}>
            {(control) =>
              field.type === "select" ? (
                <select {...control} name={field.name} defaultValue={field.defaultValue} className={inputClass(Boolean(errors[field.name]))}>
                  {field.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...control}
                  name={field.name}
                  type={field.type ?? "text"}
                  autoComplete={field.autoComplete ?? "off"}
                  defaultValue={field.defaultValue}
                  className={inputClass(Boolean(errors[field.name]))}
                />
              )
            }
          </LabelledField>
        ))}
      </div>
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? (
          <>
            <Spinner /> {pendingLabel}
          </>
        ) : (
          submitLabel
        )}
      </Button>
    </form>
  );
}

import type { ReactNode } from "react";

// Form field primitives: a label, an optional hint and the field's error, wired together with
// ids so a screen reader reads label, hint and error with the control, and getByLabel finds it.

export function inputClass(invalid = false, extra = "") {
  return `block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-500 ${
    invalid ? "border-red-500 focus:border-red-600" : "border-slate-300 focus:border-brand-500"
  } ${extra}`;
}

export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
};

/** The error under a field; `id` lets the control point at it with aria-describedby. */
export function FieldError({ id, children }: { id?: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="mt-1 flex gap-1.5 text-sm text-red-700">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 h-4 w-4 shrink-0">
        <path
          fillRule="evenodd"
          d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <span>{children}</span>
    </p>
  );
}

/**
 * A labelled control. `children` receives the props the control needs (id, aria-describedby,
 * aria-invalid), so label, hint and error can never drift apart from the input.
 */
export function LabelledField({
  id,
  label,
  hint,
  error,
  required = false,
  optionalText = "optional",
  aside,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** Shown next to the label of a field that is not required; null hides it. */
  optionalText?: string | null;
  /** Right-aligned on the label row, e.g. a character counter. */
  aside?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
          {!required && optionalText ? <span className="ml-1 font-normal text-slate-500">({optionalText})</span> : null}
        </label>
        {aside}
      </div>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div className="mt-1.5">
        {children({
          id,
          ...(describedBy ? { "aria-describedby": describedBy } : {}),
          ...(error ? { "aria-invalid": true as const } : {}),
          ...(required ? { "aria-required": true as const } : {}),
        })}
      </div>
      <FieldError id={errorId}>{error}</FieldError>
    </div>
  );
}

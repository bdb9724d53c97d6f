"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/labelled-field";

// An editable list of text rows (notification emails, a group's destinations): add, remove and,
// when `reorderable`, move up/down with buttons — all keyboard-usable, with focus kept on the row
// being worked on and every move announced to screen readers. Rows keep stable React keys, so an
// input never shows a neighbour's value after a remove or a move.

export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item === undefined) return next;
  next.splice(to, 0, item);
  return next;
}

/** Stable keys for rows that can be added, removed and moved. */
export function useRowKeys(count: number) {
  const next = useRef(count);
  const [keys, setKeys] = useState<number[]>(() => Array.from({ length: count }, (_, i) => i));
  return {
    keys,
    add() {
      const key = next.current;
      next.current += 1;
      setKeys((k) => [...k, key]);
    },
    remove(index: number) {
      setKeys((k) => k.filter((_, i) => i !== index));
    },
    move(from: number, to: number) {
      setKeys((k) => moveItem(k, from, to));
    },
  };
}

type Focus = { key: number; target: "input" | "up" | "down" | "remove" } | { key: null; target: "add" };

export function ListEditor({
  idPrefix,
  itemLabel,
  values,
  keys,
  errorFor,
  onChange,
  onBlur,
  onAdd,
  onRemove,
  onMove,
  min = 1,
  max,
  addLabel,
  inputType = "text",
  placeholder,
  autoComplete,
  describe,
  inputMode,
}: {
  idPrefix: string;
  /** "Destination" → rows are "Destination 1", "Destination 2", … */
  itemLabel: string;
  values: readonly string[];
  keys: readonly number[];
  errorFor: (index: number) => string | undefined;
  onChange: (index: number, value: string) => void;
  onBlur?: (index: number) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
  /** Present: rows can be reordered with Move up / Move down buttons. */
  onMove?: (from: number, to: number) => void;
  min?: number;
  max: number;
  addLabel: string;
  inputType?: "text" | "email";
  placeholder?: string;
  autoComplete?: string;
  inputMode?: "text" | "email" | "tel";
  /** Extra text under a row (e.g. "SIP URI" / "+31 20 123 4567"), read with the input. */
  describe?: (index: number) => ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  // Where focus goes once the list has re-rendered after a move or a remove.
  const pendingFocus = useRef<Focus | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const seen = useRef(new Set(keys));

  useEffect(() => {
    const focus = pendingFocus.current;
    pendingFocus.current = null;
    // A row that was just added (a key not seen before) gets the focus.
    const fresh = keys.filter((k) => !seen.current.has(k));
    seen.current = new Set(keys);
    const added = fresh.at(-1);
    if (added !== undefined) {
      container.current?.querySelector<HTMLElement>(`[data-focus-id="${added}-input"]`)?.focus();
      return;
    }
    if (!focus) return;
    const find = (id: string) => container.current?.querySelector<HTMLElement>(`[data-focus-id="${id}"]`) ?? undefined;
    const usable = (id: string) => {
      const element = find(id);
      return element && !(element as HTMLButtonElement).disabled ? element : undefined;
    };
    if (focus.key === null) {
      usable("add")?.focus();
      return;
    }
    // A move button at the top or bottom is disabled: then its partner, else the row's input.
    const partner = focus.target === "up" ? "down" : focus.target === "down" ? "up" : "input";
    (usable(`${focus.key}-${focus.target}`) ?? usable(`${focus.key}-${partner}`) ?? find(`${focus.key}-input`))?.focus();
  }, [keys]);

  const move = (index: number, to: number, target: "up" | "down") => {
    const key = keys[index];
    if (!onMove || key === undefined) return;
    pendingFocus.current = { key, target };
    onMove(index, to);
    setAnnouncement(`${itemLabel} ${index + 1} moved ${target} to position ${to + 1} of ${values.length}.`);
  };

  const remove = (index: number) => {
    const neighbour = keys[index + 1] ?? keys[index - 1];
    pendingFocus.current = neighbour !== undefined ? { key: neighbour, target: "input" } : { key: null, target: "add" };
    onRemove(index);
    setAnnouncement(`${itemLabel} ${index + 1} removed.`);
  };

  const add = () => {
    onAdd();
    setAnnouncement(`${itemLabel} ${values.length + 1} added.`);
  };

  return (
    <div ref={container}>
      <ol className="space-y-2">
        {keys.map((key, index) => {
          const id = `${idPrefix}-${index}`;
          const error = errorFor(index);
          const extra = describe?.(index);
          const label = `${itemLabel} ${index + 1}`;
          const errorId = error ? `${id}-error` : undefined;
          const extraId = extra ? `${id}-extra` : undefined;
          const describedBy = [extraId, errorId].filter(Boolean).join(" ") || undefined;
          return (
            <li key={key} className="rounded-lg border border-slate-200 bg-white p-2 sm:p-3" data-testid={`${idPrefix}-row`}>
              <div className="flex flex-wrap items-center gap-2">
                {onMove ? (
                  <span aria-hidden className="grid h-7 w-7 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
                    {index + 1}
                  </span>
                ) : null}
                <label htmlFor={id} className="sr-only">
                  {label}
                </label>
                <input
                  data-focus-id={`${key}-input`}
                  id={id}
                  type={inputType}
                  inputMode={inputMode}
                  autoComplete={autoComplete}
                  placeholder={placeholder}
                  value={values[index] ?? ""}
                  onChange={(event) => onChange(index, event.target.value)}
                  onBlur={() => onBlur?.(index)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy}
                  className={inputClass(Boolean(error), "min-w-0 flex-1 basis-48")}
                />
                <div className="ml-auto flex shrink-0 gap-1">
                  {onMove ? (
                    <>
                      <IconButton
                        focusId={`${key}-up`}
                        label={`Move ${label.toLowerCase()} up`}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1, "up")}
                      >
                        <path d="M10 4l-5 6h3v6h4v-6h3z" />
                      </IconButton>
                      <IconButton
                        focusId={`${key}-down`}
                        label={`Move ${label.toLowerCase()} down`}
                        disabled={index === keys.length - 1}
                        onClick={() => move(index, index + 1, "down")}
                      >
                        <path d="M10 16l5-6h-3V4H8v6H5z" />
                      </IconButton>
                    </>
                  ) : null}
                  <IconButton
                    focusId={`${key}-remove`}
                    label={`Remove ${label.toLowerCase()}`}
                    disabled={keys.length <= min}
                    onClick={() => remove(index)}
                    tone="danger"
                  >
                    <path d="M6 6l8 8M14 6l-8 8" stroke="currentColor" strokeWidth="2" strokeLinecap="round" fill="none" />
                  </IconButton>
                </div>
              </div>
              {extra ? (
                <p id={extraId} className={`mt-1 text-xs text-slate-500 ${onMove ? "sm:pl-9" : ""}`}>
                  {extra}
                </p>
              ) : null}
              <div className={onMove ? "sm:pl-9" : ""}>
                <FieldError id={errorId}>{error}</FieldError>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button
          data-focus-id="add"
          variant="secondary"
          size="sm"
          onClick={add}
          disabled={keys.length >= max}
        >
          <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
            <path d="M9 4h2v5h5v2h-5v5H9v-5H4V9h5z" />
          </svg>
          {addLabel}
        </Button>
        <span className="text-xs text-slate-500">
          {keys.length} of at most {max}
        </span>
      </div>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}

function IconButton({
  label,
  disabled,
  onClick,
  children,
  focusId,
  tone = "default",
}: {
  label: string;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
  focusId: string;
  tone?: "default" | "danger";
}) {
  return (
    <button
      data-focus-id={focusId}
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={`grid h-9 w-9 place-items-center rounded-md border border-slate-300 bg-white text-slate-600 shadow-sm transition-colors disabled:cursor-not-allowed disabled:opacity-40 ${
        tone === "danger" ? "hover:border-red-300 hover:bg-red-50 hover:text-red-700" : "hover:bg-slate-50 hover:text-slate-900"
      }`}
    >
      <svg aria-hidden viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
        {children}
      </svg>
    </button>
  );
}

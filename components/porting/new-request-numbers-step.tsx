"use client";

import { useId, useRef, useState, type ChangeEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, inputClass } from "@/components/ui/labelled-field";
import { Spinner } from "@/components/ui/spinner";
import { COUNTRIES, NUMBER_TYPE_LABELS, numberTypeSupport } from "@/lib/porting/countries";
import { formatNumber } from "@/lib/porting/numbers";
import { numbersFromCsv } from "@/lib/porting/numbers-csv";
import type { CountryCode, NumberType } from "@/lib/porting/values";
import type { RejectionProblem } from "@/lib/porting/rejection-codes";
import type { NumberRow } from "./new-request-model";
import { ProblemMarker } from "./rejection-problems";

export function NewRequestNumbersStep({
  text,
  onTextChange,
  onReplaceNumbers,
  rows,
  checking,
  checkFailed,
  listError,
  country,
  numberType,
  flagged,
}: {
  text: string;
  onTextChange: (text: string) => void;
  /** Replaces the whole list at once (remove, CSV), without waiting for the typing debounce. */
  onReplaceNumbers: (numbers: string[]) => void;
  rows: readonly NumberRow[];
  checking: boolean;
  checkFailed: boolean;
  /** A problem with the list as a whole ("Enter at least one phone number."). */
  listError: string | undefined;
  country: CountryCode;
  numberType: NumberType;
  /** A corrected request: the numbers support flagged (E.164), with the problems. */
  flagged?: ReadonlyMap<string, readonly RejectionProblem[]>;
}) {
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [csvMessage, setCsvMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const problems = rows.filter((r) => r.state === "problem");
  const support = numberTypeSupport(country, numberType);
  const example = support.supported ? support.example : COUNTRIES[country].dialCode;
  const entries = rows.map((r) => r.input);

  async function onCsv(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    try {
      const found = numbersFromCsv(await file.text(), country);
      if (found.length === 0) {
        setCsvMessage({ tone: "error", text: `No phone numbers found in "${file.name}". Put one number per row, in any column.` });
        return;
      }
      onReplaceNumbers([...entries, ...found]);
      setCsvMessage({ tone: "ok", text: `Added ${found.length} ${found.length === 1 ? "number" : "numbers"} from "${file.name}".` });
    } catch {
      setCsvMessage({ tone: "error", text: `"${file.name}" could not be read. Save it as CSV (comma- or semicolon-separated) and try again.` });
    }
  }

  return (
    <div className="space-y-5">
      <div>
        <label htmlFor={`${id}-numbers`} className="block text-sm font-medium text-slate-800">
          Phone numbers to port
        </label>
        <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">
          Paste or type them: one per line, or separated by commas or spaces. Any common format works, such as {example}, with or
          without the country code. Up to 500 numbers per request.
        </p>
        <textarea
          id={`${id}-numbers`}
          name="phoneNumbersText"
          value={text}
          onChange={(e) => onTextChange(e.target.value)}
          rows={Math.min(14, Math.max(5, text.split("\n").length + 1))}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-hint${listError ? ` ${id}-error` : ""}`}
          aria-invalid={listError ? true : undefined}
          placeholder={example}
          className={inputClass(!!listError, "mt-1.5 font-mono")}
        />
        <FieldError id={`${id}-error`}>{listError}</FieldError>
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
          <input ref={fileInput} id={`${id}-csv`} type="file" accept=".csv,.txt,text/csv,text/plain" onChange={onCsv} className="sr-only" tabIndex={-1} aria-hidden />
          <Button variant="secondary" size="sm" onClick={() => fileInput.current?.click()}>
            <UploadIcon /> Upload a CSV file
          </Button>
          <span className="text-slate-500">The first column, or any cell holding a phone number, is read.</span>
        </div>
        <div aria-live="polite" className="mt-2 text-sm">
          {csvMessage ? <p className={csvMessage.tone === "ok" ? "text-green-800" : "text-red-700"}>{csvMessage.text}</p> : null}
        </div>
      </div>

      {rows.length > 0 ? (
        <section aria-labelledby={`${id}-list-heading`} className="rounded-xl border border-slate-200 bg-white">
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <div>
              <h3 id={`${id}-list-heading`} className="text-sm font-semibold text-slate-900">
                {rows.length} {rows.length === 1 ? "number" : "numbers"}
              </h3>
              <p className="text-sm text-slate-600" aria-live="polite" data-testid="numbers-summary">
                {problems.length > 0 ? (
                  <span className="font-medium text-red-700">
                    {problems.length} {problems.length === 1 ? "needs" : "need"} attention
                  </span>
                ) : checking ? (
                  "Checking against existing requests and voice numbers…"
                ) : (
                  <span className="text-green-800">All numbers can be ported</span>
                )}
                {checking && problems.length > 0 ? <span> · checking the others…</span> : null}
              </p>
            </div>
            {problems.length > 0 ? (
              <Button variant="secondary" size="sm" onClick={() => onReplaceNumbers(rows.filter((r) => r.state !== "problem").map((r) => r.input))}>
                Remove invalid numbers ({problems.length})
              </Button>
            ) : null}
          </div>
          {checkFailed ? (
            <p className="border-b border-slate-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
              We couldn’t check these numbers against existing requests just now. That check runs again when you submit.
            </p>
          ) : null}
          <ul aria-label="Numbers to port" className="divide-y divide-slate-100 sm:max-h-[32rem] sm:overflow-y-auto">
            {rows.map((row) => {
              const shown = row.e164 ? formatNumber(row.e164) : row.input.trim();
              const problems = (row.e164 && flagged?.get(row.e164)) || [];
              return (
                <li
                  key={`${row.index}-${row.input}`}
                  className={`flex items-start gap-3 px-4 py-2.5 text-sm ${problems.length > 0 ? "bg-red-50/70" : ""}`}
                  data-state={row.state}
                  data-flagged={problems.length > 0 || undefined}
                >
                  <StateIcon state={row.state} />
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-baseline gap-x-2">
                      <span className="font-mono font-medium text-slate-900">{shown}</span>
                      {row.type ? (
                        <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{NUMBER_TYPE_LABELS[row.type]}</span>
                      ) : null}
                      {row.e164 && row.input.trim() !== shown ? <span className="text-xs text-slate-500">typed as {row.input.trim()}</span> : null}
                    </div>
                    {row.state === "problem" ? <p className="mt-0.5 text-red-700">{row.message}</p> : null}
                    <ProblemMarker problems={problems} />
                    {row.state === "checking" ? <p className="mt-0.5 text-slate-500">Checking…</p> : null}
                  </div>
                  <button
                    type="button"
                    onClick={() => onReplaceNumbers(entries.filter((_, i) => i !== row.index))}
                    className="shrink-0 rounded px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                    aria-label={`Remove ${shown}`}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function StateIcon({ state }: { state: NumberRow["state"] }) {
  if (state === "checking") return <Spinner className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" />;
  if (state === "ok") {
    return (
      <span className="mt-0.5 shrink-0 text-green-700">
        <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
          <path fillRule="evenodd" d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.8a.75.75 0 0 0-1.22-.87l-3.24 4.53-1.6-1.6a.75.75 0 1 0-1.06 1.06l2.25 2.25a.75.75 0 0 0 1.14-.1l3.73-5.27Z" clipRule="evenodd" />
        </svg>
        <span className="sr-only">Valid:</span>
      </span>
    );
  }
  return (
    <span className="mt-0.5 shrink-0 text-red-600">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
        <path fillRule="evenodd" d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" clipRule="evenodd" />
      </svg>
      <span className="sr-only">Problem:</span>
    </span>
  );
}

function UploadIcon() {
  return (
    <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
      <path d="M9.25 13.25a.75.75 0 0 0 1.5 0V4.636l2.955 3.129a.75.75 0 0 0 1.09-1.03l-4.25-4.5a.75.75 0 0 0-1.09 0l-4.25 4.5a.75.75 0 1 0 1.09 1.03L9.25 4.636v8.614Z" />
      <path d="M3.5 12.75a.75.75 0 0 0-1.5 0v2.5A2.75 2.75 0 0 0 4.75 18h10.5A2.75 2.75 0 0 0 18 15.25v-2.5a.75.75 0 0 0-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5Z" />
    </svg>
  );
}

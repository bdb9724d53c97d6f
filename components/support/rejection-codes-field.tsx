"use client";

import { formatNumber } from "@/components/shared/format";
import {
  REJECTION_CODE_LIST,
  REJECTION_TARGET_LABELS,
  isNumberCode,
  type RejectionCode,
  type RejectionTargetType,
} from "@/lib/porting/rejection-codes";

// Support's half of a structured rejection: which problems the customer must fix, from the
// catalogue (lib/porting/rejection-codes.ts), grouped by what they point at; a number code asks
// which of the request's numbers it concerns (all of them until the agent unticks some). The
// customer sees each ticked problem, with its explanation, next to the part it concerns.

export type RejectionCodeValue = { code: RejectionCode; numbers: string[] | null };

const GROUPS: { title: string; types: RejectionTargetType[] }[] = [
  { title: REJECTION_TARGET_LABELS.company_profile, types: ["company_profile"] },
  { title: "Documents", types: ["document"] },
  { title: REJECTION_TARGET_LABELS.numbers, types: ["numbers"] },
  { title: "Provider, contract and other", types: ["current_provider", "contract", "other"] },
];

export function RejectionCodesField({
  idPrefix,
  value,
  onChange,
  numbers,
  error,
}: {
  idPrefix: string;
  value: readonly RejectionCodeValue[];
  onChange: (value: RejectionCodeValue[]) => void;
  /** The request's numbers (E.164), for number codes. */
  numbers: readonly string[];
  error?: string | undefined;
}) {
  const chosen = new Map(value.map((v) => [v.code, v]));
  const errorId = `${idPrefix}-codes-error`;

  function toggle(code: RejectionCode, on: boolean) {
    if (on) onChange([...value.filter((v) => v.code !== code), { code, numbers: isNumberCode(code) ? [...numbers] : null }]);
    else onChange(value.filter((v) => v.code !== code));
  }

  function toggleNumber(code: RejectionCode, number: string, on: boolean) {
    onChange(
      value.map((v) => {
        if (v.code !== code) return v;
        const current = new Set(v.numbers ?? numbers);
        if (on) current.add(number);
        else current.delete(number);
        // In the request's order.
        return { code, numbers: numbers.filter((n) => current.has(n)) };
      }),
    );
  }

  return (
    <fieldset aria-describedby={error ? errorId : `${idPrefix}-codes-hint`} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-700">What must the customer fix?</legend>
      <p id={`${idPrefix}-codes-hint`} className="mt-0.5 text-xs text-slate-500">
        Tick every problem. The customer sees each with what to do (shown when ticked), next to the part it concerns, and in the email
        and callback.
      </p>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className={`mt-2 space-y-3 rounded-md border p-3 ${error ? "border-red-500" : "border-slate-200"}`}>
        {GROUPS.map((group) => (
          <div key={group.title}>
            <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.title}</p>
            <ul className="mt-1 space-y-1.5">
              {REJECTION_CODE_LIST.filter((c) => group.types.includes(c.pointsAt.type)).map((info) => {
                const id = `${idPrefix}-code-${info.code}`;
                const current = chosen.get(info.code);
                const selected = new Set(current?.numbers ?? numbers);
                const noNumbers = current && isNumberCode(info.code) && selected.size === 0;
                return (
                  <li key={info.code}>
                    <div className="flex items-start gap-2">
                      <input
                        id={id}
                        type="checkbox"
                        checked={Boolean(current)}
                        onChange={(e) => toggle(info.code, e.target.checked)}
                        aria-describedby={current ? `${id}-description` : undefined}
                        className="mt-0.5 h-4 w-4 shrink-0 accent-red-600"
                      />
                      <label htmlFor={id} className="text-sm" title={info.description}>
                        <span className="font-medium text-slate-900">{info.label}</span>
                        {/* What the customer will read, once ticked: the list stays short to scan. */}
                        {current ? (
                          <span id={`${id}-description`} className="block text-xs text-slate-500">
                            {info.description}
                          </span>
                        ) : null}
                      </label>
                    </div>
                    {current && isNumberCode(info.code) && numbers.length > 1 ? (
                      <fieldset className="mt-1 ml-6">
                        <legend className="text-xs text-slate-600">Which numbers?</legend>
                        <ul className="mt-0.5 grid gap-x-4 gap-y-0.5 sm:grid-cols-2">
                          {numbers.map((number) => (
                            <li key={number} className="flex items-center gap-2">
                              <input
                                id={`${id}-${number}`}
                                type="checkbox"
                                checked={selected.has(number)}
                                onChange={(e) => toggleNumber(info.code, number, e.target.checked)}
                                className="h-3.5 w-3.5 accent-red-600"
                              />
                              <label htmlFor={`${id}-${number}`} className="text-sm tabular-nums">
                                {formatNumber(number)}
                              </label>
                            </li>
                          ))}
                        </ul>
                        {noNumbers ? <p className="mt-0.5 text-xs text-red-700">Tick at least one number, or untick the problem.</p> : null}
                      </fieldset>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

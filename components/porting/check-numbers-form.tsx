"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { checkPortabilityAction } from "@/app/(app)/check-numbers/actions";
import { Button } from "@/components/ui/button";
import { ActionErrorAlert } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import type { PortabilityResult } from "@/lib/porting/check-portability";
import { COUNTRY_LIST, NUMBER_TYPE_LABELS, countryName } from "@/lib/porting/countries";
import { formatNumber } from "@/components/shared/format";
import { splitPastedNumbers } from "@/lib/porting/numbers";
import { newRequestHref } from "./new-request-start";
import type { NewRequestStart } from "./new-request-wizard";
import { MAX_NUMBERS_PER_REQUEST } from "@/lib/porting/schemas";
import type { CountryCode } from "@/lib/porting/values";

// "Check numbers" (issue 15 item 2): paste numbers, optionally pick the country they are from, and
// see per number whether we can port it from this account and what a request needs. The same check
// as the API's POST /portability-checks.

export function CheckNumbersForm() {
  const ids = useId();
  const [text, setText] = useState("");
  const [country, setCountry] = useState<CountryCode | "">("");
  const [results, setResults] = useState<PortabilityResult[] | null>(null);
  const [error, setError] = useState<{ message: string; signIn?: boolean } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const phoneNumbers = splitPastedNumbers(text, country || "NL");
    if (phoneNumbers.length === 0) return setError({ message: "Enter at least one number to check." });
    if (phoneNumbers.length > MAX_NUMBERS_PER_REQUEST) return setError({ message: `At most ${MAX_NUMBERS_PER_REQUEST} numbers per check.` });
    setError(null);
    startTransition(async () => {
      try {
        const result = await checkPortabilityAction({ phoneNumbers, country: country || null });
        if (result.ok) setResults(result.data);
        else setError({ message: Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message, signIn: result.code === "unauthorized" });
      } catch {
        setError({ message: "We couldn't reach the server. Check your connection and try again." });
      }
    });
  }

  const portable = results?.filter((r) => r.portable).length ?? 0;
  return (
    <div className="space-y-6">
      <form onSubmit={submit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div>
          <label htmlFor={`${ids}-numbers`} className="block text-sm font-medium text-slate-700">
            Phone numbers
          </label>
          <textarea
            id={`${ids}-numbers`}
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={`${ids}-numbers-hint`}
            placeholder={"+31 20 123 4567\n+49 30 1234 5678"}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm shadow-sm"
          />
          <p id={`${ids}-numbers-hint`} className="mt-1 text-xs text-slate-500">
            One per line, or pasted from a spreadsheet; up to {MAX_NUMBERS_PER_REQUEST}. International format, or pick the country below for national ones.
          </p>
        </div>
        <div>
          <label htmlFor={`${ids}-country`} className="block text-sm font-medium text-slate-700">
            Country <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <select
            id={`${ids}-country`}
            value={country}
            onChange={(e) => setCountry(e.target.value as CountryCode | "")}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm sm:w-64"
          >
            <option value="">Any (international format)</option>
            {COUNTRY_LIST.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {error ? <ActionErrorAlert message={error.message} signIn={Boolean(error.signIn)} /> : null}
        <Button type="submit" disabled={pending}>
          {pending ? (
            <>
              <Spinner /> Checking…
            </>
          ) : (
            "Check numbers"
          )}
        </Button>
      </form>

      {results ? (
        <section aria-labelledby={`${ids}-results`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id={`${ids}-results`} className="text-base font-semibold text-slate-900">
            {portable} of {results.length} can be ported from this account
          </h2>
          <ul className="mt-3 divide-y divide-slate-100" aria-label="Results">
            {results.map((r, index) => (
              <li key={`${index}-${r.input}`} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-start sm:justify-between" data-testid="portability-result">
                <div className="min-w-0">
                  <p className="font-mono text-sm text-slate-900">{r.number ? formatNumber(r.number) : r.input}</p>
                  <p className="text-xs text-slate-500">
                    {r.valid ? [r.country ? countryName(r.country) : null, r.numberType ? NUMBER_TYPE_LABELS[r.numberType] : null].filter(Boolean).join(" · ") : "Not a valid number"}
                  </p>
                  {r.reason ? <p className="mt-1 text-sm text-red-800">{r.reason}</p> : null}
                  {r.requirements ? (
                    <p className="mt-1 text-xs text-slate-600">
                      {r.requirements.leadTime} Needs: {r.requirements.documents.filter((d) => d.required).map((d) => inSentence(d.label)).join(", ") || "no documents"}; a company profile with{" "}
                      {r.requirements.profileFields.map((f) => inSentence(f.label)).join(", ")}.
                    </p>
                  ) : null}
                </div>
                <span
                  className={`shrink-0 self-start rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${r.portable ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200"}`}
                >
                  {r.portable ? "Portable" : "Not portable"}
                </span>
              </li>
            ))}
          </ul>
          {portable > 0 ? (
            <ul className="mt-4 space-y-1 text-sm" aria-label="Start a porting request">
              {requestGroups(results).map((group) => (
                <li key={`${group.country}-${group.numberType}`}>
                  <Link href={newRequestHref(group)} className="font-medium text-brand-700 hover:underline">
                    Start a porting request with {group.phoneNumbers.length === 1 ? "this number" : `these ${group.phoneNumbers.length} numbers`}
                  </Link>{" "}
                  <span className="text-slate-600">
                    ({countryName(group.country)}, {NUMBER_TYPE_LABELS[group.numberType].toLowerCase()})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/** The portable numbers by country and type, in the order first met: a request holds one of each. */
function requestGroups(results: readonly PortabilityResult[]): NewRequestStart[] {
  const groups = new Map<string, NewRequestStart>();
  for (const r of results) {
    if (!r.portable || !r.number || !r.requirements) continue;
    const { country, numberType } = r.requirements;
    const key = `${country}:${numberType}`;
    const group = groups.get(key) ?? { country, numberType, phoneNumbers: [] };
    if (!group.phoneNumbers.includes(r.number)) group.phoneNumbers.push(r.number);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** A label inside a sentence: "Company name" → "company name", but "KvK number" and "VAT number" keep their capitals. */
function inSentence(label: string): string {
  return /^[A-Z][a-z]*(\s|$)/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

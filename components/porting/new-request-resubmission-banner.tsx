"use client";

import { Spinner } from "@/components/ui/spinner";
import type { ResubmissionPrefill } from "@/lib/porting/resubmission-prefill";
import { STEPS } from "./new-request-model";
import { problemConcerns } from "./rejection-problems";
import { stepOfProblem } from "./use-resubmission";

// Above the corrected-request wizard on every step: which request this corrects, what support
// flagged (each problem with the step where it is fixed, one click away), and the documents
// being copied over.

export function NewRequestResubmissionBanner({
  prefill,
  current,
  loadingDocuments,
  onGoTo,
}: {
  prefill: ResubmissionPrefill;
  current: number;
  loadingDocuments: boolean;
  onGoTo: (index: number) => void;
}) {
  const { original, problems } = prefill;
  return (
    <section
      aria-labelledby="resubmission-heading"
      className="mb-5 rounded-lg border border-red-200 bg-red-50/60 p-4 text-sm"
      data-testid="resubmission-banner"
    >
      <h3 id="resubmission-heading" className="font-semibold text-red-950">
        Correcting {original.reference}: {problems.length === 1 ? "1 problem" : `${problems.length} problems`} flagged by support
      </h3>
      <p className="mt-0.5 text-red-900">“{original.reason}”</p>
      <ul className="mt-2 space-y-1.5">
        {problems.map((problem) => {
          const step = stepOfProblem(problem);
          const concerns = problemConcerns(problem, prefill.values.country);
          return (
            <li key={problem.code} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
              <span className="min-w-0">
                <span className="font-medium text-slate-900">{problem.label}</span>
                {concerns && concerns !== problem.label ? <span className="text-slate-600"> · {concerns}</span> : null}
                <span className="block text-xs text-slate-600">{problem.description}</span>
              </span>
              {step !== current ? (
                <button
                  type="button"
                  onClick={() => onGoTo(step)}
                  className="shrink-0 rounded text-sm font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
                >
                  Fix in {STEPS[step]?.title ?? "the form"}
                </button>
              ) : (
                <span className="shrink-0 text-xs font-medium text-slate-600">On this step</span>
              )}
            </li>
          );
        })}
      </ul>
      {loadingDocuments ? (
        <p className="mt-2 flex items-center gap-2 text-slate-700" role="status">
          <Spinner /> Copying the documents of {original.reference}…
        </p>
      ) : null}
    </section>
  );
}

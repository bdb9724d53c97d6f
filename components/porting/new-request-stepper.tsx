"use client";

import { STEPS } from "./new-request-model";

/**
 * The steps of the create flow. Steps already reached are buttons (going forward still checks
 * every step in between); later ones are inert. On a phone the names collapse into numbered
 * circles and the current step's name is shown under them.
 */
export function NewRequestStepper({
  current,
  reached,
  invalid,
  flagged = new Set(),
  onSelect,
}: {
  current: number;
  reached: number;
  /** Steps known to hold an error (after a refused submit). */
  invalid: ReadonlySet<number>;
  /** Steps holding a part support flagged (a corrected request). */
  flagged?: ReadonlySet<number>;
  onSelect: (index: number) => void;
}) {
  const currentStep = STEPS[current];
  return (
    <nav aria-label="Steps of the request" className="lg:sticky lg:top-6">
      <ol className="flex items-start justify-between gap-1 lg:flex-col lg:gap-1">
        {STEPS.map((step, index) => {
          const done = index < current || (index <= reached && index !== current);
          const isCurrent = index === current;
          const reachable = index <= reached;
          const hasError = invalid.has(index);
          const isFlagged = flagged.has(index) && !hasError;
          const circle = hasError
            ? "border-red-600 bg-red-50 text-red-700"
            : isFlagged && !isCurrent
              ? "border-amber-500 bg-amber-50 text-amber-800"
            : isCurrent
              ? "border-brand-600 bg-brand-600 text-white"
              : done
                ? "border-brand-600 bg-white text-brand-700"
                : "border-slate-300 bg-white text-slate-500";
          const content = (
            <>
              <span
                aria-hidden
                className={`grid h-8 w-8 shrink-0 place-items-center rounded-full border-2 text-sm font-semibold ${circle}`}
              >
                {hasError || (isFlagged && !isCurrent) ? "!" : done && !isCurrent ? <CheckIcon /> : index + 1}
              </span>
              <span className={`sr-only lg:not-sr-only lg:text-sm ${isCurrent ? "font-semibold text-slate-900" : "text-slate-600"}`}>
                {step.title}
                {hasError ? <span className="sr-only"> (needs attention)</span> : null}
                {isFlagged ? <span className="sr-only"> (flagged by support)</span> : null}
                {done && !isCurrent && !hasError && !isFlagged ? <span className="sr-only"> (done)</span> : null}
              </span>
            </>
          );
          return (
            <li key={step.id} className="flex-1 lg:flex-none">
              {reachable && !isCurrent ? (
                <button
                  type="button"
                  onClick={() => onSelect(index)}
                  className="flex w-full flex-col items-center gap-2 rounded-md p-1 text-left hover:bg-slate-100 lg:flex-row lg:px-2 lg:py-1.5"
                >
                  {content}
                </button>
              ) : (
                <span
                  aria-current={isCurrent ? "step" : undefined}
                  aria-disabled={!isCurrent || undefined}
                  className={`flex w-full flex-col items-center gap-2 p-1 lg:flex-row lg:px-2 lg:py-1.5 ${isCurrent ? "lg:rounded-md lg:bg-brand-50" : ""}`}
                >
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="mt-3 text-center text-sm text-slate-600 lg:hidden" aria-hidden>
        Step {current + 1} of {STEPS.length}: <span className="font-semibold text-slate-900">{currentStep?.title}</span>
      </p>
    </nav>
  );
}

function CheckIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
      <path
        fillRule="evenodd"
        d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z"
        clipRule="evenodd"
      />
    </svg>
  );
}

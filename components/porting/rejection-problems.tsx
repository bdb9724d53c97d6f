import type { ReactNode } from "react";
import { formatNumber } from "@/components/shared/format";
import { isCountryCode, profileFieldLabel, type ProfileField } from "@/lib/porting/countries";
import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";
import type { RejectionProblem } from "@/lib/porting/rejection-codes";
import type { DocumentKind } from "@/lib/porting/values";

// Why support rejected a request, one problem per rejection code: what is wrong, what to do,
// and what it concerns. The customer's page, the support console and the corrected-request
// wizard show the same list; each part the problem concerns is marked where it is shown
// (numbers, details, documents). No hooks: renders on the server and in client components.

/** What a problem concerns, in words: "Company name, Postal code", "+31 20 123 4567", … */
export function problemConcerns(problem: RejectionProblem, country: string): string | null {
  switch (problem.pointsAt.type) {
    case "company_profile":
      return (problem.pointsAt.fields ?? [])
        .map((f) => (isCountryCode(country) ? profileFieldLabel(country, f as ProfileField) : f))
        .join(", ");
    case "document":
      return DOCUMENT_KIND_LABELS[problem.pointsAt.documentKind as DocumentKind] ?? null;
    case "numbers":
      return problem.numbers.map(formatNumber).join(", ");
    case "current_provider":
      return "The current provider";
    case "contract":
      return "The contract with the current provider";
    default:
      return null;
  }
}

const WHERE: Record<string, string> = {
  company_profile: "Company profile",
  document: "Document",
  numbers: "Numbers",
  current_provider: "Details",
  contract: "Details",
};

export function RejectionProblems({
  problems,
  country,
  headingLevel = 3,
  /** A link per kind of part, to where the page shows it (the numbers card, the details…). */
  hrefs = {},
  testId = "rejection-problems",
}: {
  problems: readonly RejectionProblem[];
  country: string;
  headingLevel?: 3 | 4;
  hrefs?: Partial<Record<string, string>>;
  testId?: string;
}) {
  const Heading = `h${headingLevel}` as "h3" | "h4";
  return (
    <ol className="space-y-3" data-testid={testId}>
      {problems.map((problem) => {
        const concerns = problemConcerns(problem, country);
        const href = hrefs[problem.pointsAt.type];
        return (
          <li key={problem.code} data-code={problem.code} className="rounded-lg border border-red-200 bg-white px-4 py-3">
            <Heading className="text-sm font-semibold text-red-900">{problem.label}</Heading>
            <p className="mt-1 text-sm text-slate-800">{problem.description}</p>
            {concerns ? (
              <p className="mt-1.5 text-sm text-slate-600">
                <span className="font-medium text-slate-700">{WHERE[problem.pointsAt.type] ?? "Concerns"}: </span>
                {href ? (
                  <a href={href} className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
                    {concerns}
                  </a>
                ) : (
                  <span className="tabular-nums">{concerns}</span>
                )}
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** A small marker beside a part of the request that a problem concerns: "⚠ Company name". */
export function ProblemMarker({ problems, children }: { problems: readonly { code: string; label: string }[]; children?: ReactNode }) {
  if (problems.length === 0) return null;
  return (
    <span className="mt-0.5 flex items-start gap-1 text-xs font-medium text-red-800" data-testid="problem-marker">
      <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="mt-px h-3.5 w-3.5 shrink-0">
        <path
          fillRule="evenodd"
          d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
          clipRule="evenodd"
        />
      </svg>
      <span>
        <span className="sr-only">Problem: </span>
        {problems.map((p) => p.label).join("; ")}
        {children}
      </span>
    </span>
  );
}

"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { flaggedParts, type FlaggedParts, type RejectionProblem } from "@/lib/porting/rejection-codes";
import type { ResubmissionPrefill } from "@/lib/porting/resubmission-prefill";
import type { DocumentKind } from "@/lib/porting/values";
import { stepIndex, type StepId } from "./new-request-model";

// The corrected-request wizard's extra state (issue 14 item 2): which steps and parts the
// rejection flagged, and the Blocked request's documents, fetched once from its own download
// links and put into the documents step as chosen files, so the corrected request carries the
// very same files unless the customer replaces them.

const STEP_OF_TARGET: Record<string, StepId> = {
  company_profile: "profile",
  numbers: "numbers",
  current_provider: "details",
  contract: "details",
  document: "documents",
  other: "review",
};

export function stepOfProblem(problem: RejectionProblem): number {
  return stepIndex(STEP_OF_TARGET[problem.pointsAt.type] ?? "review");
}

export type Resubmission = {
  flags: FlaggedParts;
  /** Steps holding a flagged part. */
  flaggedSteps: ReadonlySet<number>;
  /** The Blocked request's documents are still being fetched. */
  loadingDocuments: boolean;
  /** Documents that could not be fetched: the customer chooses them again. */
  documentErrors: Partial<Record<DocumentKind, string>>;
};

export function useResubmission(
  prefill: ResubmissionPrefill | undefined,
  choose: (kind: DocumentKind, file: File) => Promise<void>,
): Resubmission {
  const flags = useMemo(() => flaggedParts<RejectionProblem>(prefill?.problems ?? []), [prefill]);
  const flaggedSteps = useMemo(() => new Set((prefill?.problems ?? []).map(stepOfProblem)), [prefill]);
  const [loadingDocuments, setLoading] = useState(Boolean(prefill && prefill.documents.length > 0));
  const [documentErrors, setDocumentErrors] = useState<Partial<Record<DocumentKind, string>>>({});
  // The fetch runs once; the latest `choose` is what it calls when a file arrives.
  const chooseRef = useRef(choose);
  useEffect(() => {
    chooseRef.current = choose;
  });

  useEffect(() => {
    if (!prefill || prefill.documents.length === 0) return;
    const controller = new AbortController();
    void Promise.all(
      prefill.documents.map(async (document) => {
        try {
          const response = await fetch(document.url, { signal: controller.signal, credentials: "same-origin" });
          if (!response.ok) throw new Error(String(response.status));
          const file = new File([await response.blob()], document.filename, { type: document.contentType });
          await chooseRef.current(document.kind, file);
        } catch {
          if (controller.signal.aborted) return;
          setDocumentErrors((e) => ({
            ...e,
            [document.kind]: `We couldn't copy “${document.filename}” from ${prefill.original.reference}: choose the file again.`,
          }));
        }
      }),
    ).finally(() => {
      if (!controller.signal.aborted) setLoading(false);
    });
    return () => controller.abort();
  }, [prefill]);

  return { flags, flaggedSteps, loadingDocuments, documentErrors };
}

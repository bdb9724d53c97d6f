"use client";

import { Button, ButtonLink } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { stepIndex } from "./new-request-model";

const REVIEW = stepIndex("review");

/** The create flow's buttons: Back (Cancel on the first step), Back to review after an edit from there, and Next or Create, saying what is going on. */
export function NewRequestFooter({
  step,
  returnToReview,
  advancing,
  submitting,
  created,
  onGoTo,
}: {
  step: number;
  returnToReview: boolean;
  /** Checking the steps on the way forward. */
  advancing: boolean;
  submitting: boolean;
  /** The reference of the request just created, while its page opens. */
  created: string | null;
  onGoTo: (index: number) => void;
}) {
  const busy = advancing || submitting || created !== null;
  return (
    <div className="mt-6 flex flex-wrap-reverse items-center justify-between gap-3 border-t border-slate-200 pt-5">
      {step > 0 ? (
        <Button variant="secondary" onClick={() => onGoTo(step - 1)} disabled={submitting || created !== null}>
          Back
        </Button>
      ) : (
        <ButtonLink variant="ghost" href="/porting-requests">
          Cancel
        </ButtonLink>
      )}
      <div className="flex flex-wrap gap-2">
        {returnToReview && step < REVIEW ? (
          <Button variant="secondary" onClick={() => onGoTo(REVIEW)} disabled={busy}>
            Back to review
          </Button>
        ) : null}
        {step < REVIEW ? (
          <Button type="submit" disabled={busy} aria-busy={advancing || undefined}>
            {advancing ? (
              <>
                <Spinner /> Checking…
              </>
            ) : (
              "Next"
            )}
          </Button>
        ) : (
          <Button type="submit" disabled={busy} aria-busy={busy || undefined}>
            {created ? (
              <>
                <Spinner /> Opening {created}…
              </>
            ) : submitting ? (
              <>
                <Spinner /> Creating request…
              </>
            ) : advancing ? (
              <>
                <Spinner /> Checking…
              </>
            ) : (
              "Create porting request"
            )}
          </Button>
        )}
      </div>
    </div>
  );
}

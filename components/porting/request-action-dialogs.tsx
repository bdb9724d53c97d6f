"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LabelledField, inputClass } from "@/components/ui/labelled-field";
import { ActionErrorAlert } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import { statusLabel } from "@/lib/porting/statuses";
import { MAX_REASON_LENGTH, type PortingStatus } from "@/lib/porting/values";
import { formatNumber, plural } from "@/components/shared/format";
import type { RequestActionsRequest } from "./request-actions";
import { useRequestAction, type RequestActionError, type RequestActionKind, type RequestActionNotice } from "./use-request-action";

// The confirmations of RequestActions (request-actions.tsx), loaded the first time one is wanted.

export default function RequestActionDialogs({
  open,
  opening,
  request,
  confirming,
  onClose,
  onNotice,
}: {
  open: RequestActionKind | null;
  /** Changes at every opening: the cancel reason starts empty every time. */
  opening: number;
  /** The request as it is now. */
  request: RequestActionsRequest;
  /** The request as it was when the dialog opened: what the user confirms. */
  confirming: RequestActionsRequest;
  onClose: () => void;
  onNotice: (notice: RequestActionNotice) => void;
}) {
  const shown = open ? confirming : request;
  const changedTo = open && request.version !== confirming.version ? request.status : null;
  const action = useRequestAction(shown, onNotice);
  const [clearedAt, setClearedAt] = useState(opening);
  // A new opening starts without the last one's error.
  if (clearedAt !== opening) {
    setClearedAt(opening);
    action.clearError();
  }

  function close() {
    if (!action.pending) onClose();
  }
  async function confirm(kind: RequestActionKind, reason?: string) {
    if (await action.run(kind, reason)) onClose();
  }

  return (
    <>
      <PerformDialog
        open={open === "perform"}
        request={shown}
        changedTo={changedTo}
        pending={action.pending}
        error={action.error}
        onClose={close}
        onConfirm={() => confirm("perform")}
      />
      <CancelDialog
        key={opening}
        open={open === "cancel"}
        request={shown}
        changedTo={changedTo}
        pending={action.pending}
        error={action.error}
        onClose={close}
        onConfirm={(reason) => confirm("cancel", reason)}
      />
    </>
  );
}

function numbersPhrase(request: RequestActionsRequest): { subject: string; verb: string } {
  const first = request.numbers[0];
  if (request.numberCount === 1 && first) return { subject: formatNumber(first), verb: "moves" };
  const preview = first ? ` (${formatNumber(first)}${request.numberCount > 1 ? ` and ${request.numberCount - 1} more` : ""})` : "";
  return { subject: `The ${plural(request.numberCount, "number")}${preview}`, verb: "move" };
}

function ChangedMeanwhile({ status }: { status: PortingStatus | null }) {
  if (!status) return null;
  return (
    <p className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      Meanwhile this request changed; it is now {statusLabel(status)}.
    </p>
  );
}

function ActionError({ error }: { error: RequestActionError | null }) {
  if (!error) return null;
  return (
    <ActionErrorAlert message={error.message} signIn={Boolean(error.signIn)} className="mt-4" />
  );
}

/** What both confirmations take; `onConfirm` gets what the dialog asked for (the cancel reason). */
type ConfirmationProps<Confirm extends unknown[]> = {
  open: boolean;
  request: RequestActionsRequest;
  changedTo: PortingStatus | null;
  pending: boolean;
  error: RequestActionError | null;
  onClose: () => void;
  onConfirm: (...input: Confirm) => void;
};

function PerformDialog({
  open,
  request,
  changedTo,
  pending,
  error,
  onClose,
  onConfirm,
}: ConfirmationProps<[]>) {
  const { subject, verb } = numbersPhrase(request);
  const group = request.distributionGroupName;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      title={`Perform porting of ${request.reference}?`}
      description={
        request.sandbox ? (
          <p>This is a sandbox request: it becomes Completed, with its email and callback, and no number moves to your voice account.</p>
        ) : (
          <p>
            {subject} {verb} to your voice account now
            {group ? (
              <>
                , with distribution group <strong className="font-semibold text-slate-900">{group}</strong>.
              </>
            ) : (
              <> without a distribution group — you can set one on the Numbers page afterwards.</>
            )}
          </p>
        )
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Not now
          </Button>
          <Button onClick={onConfirm} disabled={pending} aria-disabled={pending}>
            {pending ? (
              <>
                <Spinner /> Performing…
              </>
            ) : (
              "Perform porting"
            )}
          </Button>
        </>
      }
    >
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
        <li>
          The switch from {request.currentProvider} happens now, and the request becomes <strong>Completed</strong>. This
          can&apos;t be undone.
        </li>
        <li>The numbers can then be configured on the Numbers page.</li>
      </ul>
      <ChangedMeanwhile status={changedTo} />
      <ActionError error={error} />
    </Dialog>
  );
}

function CancelDialog({
  open,
  request,
  changedTo,
  pending,
  error,
  onClose,
  onConfirm,
}: ConfirmationProps<[reason: string]>) {
  const [reason, setReason] = useState("");
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const fieldError = error?.fieldErrors?.reason?.[0];
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      tone="danger"
      initialFocus={reasonRef}
      title={`Cancel porting of ${request.reference}?`}
      description={
        <p>
          The request stops and can&apos;t be resumed. The numbers stay with {request.currentProvider}; to port them later,
          create a new porting request.
        </p>
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Keep request
          </Button>
          <Button variant="danger" type="submit" form={`cancel-form-${request.id}`} disabled={pending}>
            {pending ? (
              <>
                <Spinner /> Cancelling…
              </>
            ) : (
              "Cancel porting"
            )}
          </Button>
        </>
      }
    >
      <form
        id={`cancel-form-${request.id}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm(reason);
        }}
      >
        <LabelledField
          id={`cancel-reason-${request.id}`}
          label="Reason"
          hint="Kept in the request's history and sent with the status update. Without one, it reads “Cancelled by customer”."
          error={fieldError}
        >
          {(control) => (
            <textarea
              ref={reasonRef}
              {...control}
              name="reason"
              rows={3}
              maxLength={MAX_REASON_LENGTH}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              className={inputClass(Boolean(fieldError))}
              placeholder="For example: we stay with our current provider"
            />
          )}
        </LabelledField>
      </form>
      <ChangedMeanwhile status={changedTo} />
      {error && !fieldError ? <ActionError error={error} /> : null}
    </Dialog>
  );
}

"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { supportTransitionAction } from "@/app/(support)/support/porting-requests/[id]/actions";
import { formatCalendarDate } from "@/components/shared/format";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ActionErrorAlert } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { MAX_REASON_LENGTH } from "@/lib/porting/values";
import { statusLabel } from "@/lib/porting/statuses";
import {
  CANNED_REJECTION_CODES,
  SUPPORT_ACTION_COPY,
  supportTransitionSchema,
  type SupportAction,
} from "@/lib/support/status-change-form";
import { isNumberCode } from "@/lib/porting/rejection-codes";
import { RejectionCodesField, type RejectionCodeValue } from "./rejection-codes-field";
import { amsterdamDate } from "@/lib/support/wait-thresholds";

// One dialog for every support action: a reason (pick a common one, then edit it freely), the
// first possible porting date when delaying, and the result. It sends the version the agent was
// looking at, so a change made meanwhile by someone else is reported, never overwritten.

type FormInput = z.input<typeof supportTransitionSchema>;
type FormOutput = z.output<typeof supportTransitionSchema>;

export type SupportActionOutcome =
  | { kind: "done"; request: PortingRequestDto; action: SupportAction }
  /** Someone else changed the request first; `request` is the fresh state when we have it. */
  | { kind: "changed"; message: string; request: PortingRequestDto | null }
  | { kind: "gone" };

export function SupportActionDialog({
  open,
  action,
  request,
  onClose,
  onOutcome,
}: {
  open: boolean;
  action: SupportAction;
  request: Pick<PortingRequestDto, "id" | "reference" | "status" | "version" | "firstPossiblePortingDate"> & {
    phoneNumbers?: readonly { number: string }[];
  };
  onClose: () => void;
  onOutcome: (outcome: SupportActionOutcome) => void;
}) {
  const copy = SUPPORT_ACTION_COPY[action];
  const ids = useId();
  const formId = `${ids}-form`;
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<{ message: string; signIn?: boolean } | null>(null);
  const reasonRef = useRef<HTMLTextAreaElement | null>(null);
  // Today in Amsterdam: NL porting dates are Dutch dates; the server checks the same.
  const [today] = useState(() => amsterdamDate(new Date()));
  const needsDate = action === "delay";
  const needsCodes = action === "reject";
  const numbers = (request.phoneNumbers ?? []).map((n) => n.number);
  const [codes, setCodes] = useState<RejectionCodeValue[]>([]);

  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(supportTransitionSchema),
    defaultValues: {
      id: request.id,
      action,
      reason: "",
      firstPossiblePortingDate: "",
      expectedVersion: request.version,
      ...(needsCodes ? { rejectionCodes: [] } : {}),
    },
  });

  function chooseCodes(next: RejectionCodeValue[]) {
    setCodes(next);
    form.setValue("rejectionCodes", next, { shouldValidate: form.formState.isSubmitted });
  }
  const { errors } = form.formState;
  const reasonField = form.register("reason");

  function submit(values: FormOutput) {
    setFormError(null);
    if (needsDate && values.firstPossiblePortingDate && values.firstPossiblePortingDate < today) {
      form.setError("firstPossiblePortingDate", { message: "The first possible porting date can't be in the past." });
      return;
    }
    if (needsCodes && codes.some((c) => c.numbers !== null && c.numbers.length === 0)) {
      form.setError("rejectionCodes", { message: "A number problem needs at least one number: tick one, or untick the problem." });
      return;
    }
    startTransition(async () => {
      let result: ActionResult<PortingRequestDto>;
      try {
        result = await supportTransitionAction(values);
      } catch {
        setFormError({ message: "We couldn't reach the server. Check your connection and try again." });
        return;
      }
      if (result.ok) {
        onOutcome({ kind: "done", request: result.data, action });
        return;
      }
      switch (result.code) {
        case "validation": {
          let placed = false;
          for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
            if (field === "reason" || field === "firstPossiblePortingDate") {
              form.setError(field, { message: messages[0] ?? result.message }, { shouldFocus: !placed });
              placed = true;
            } else if (field.startsWith("rejectionCodes")) {
              form.setError("rejectionCodes", { message: messages[0] ?? result.message });
              placed = true;
            }
          }
          if (!placed) setFormError({ message: result.message });
          return;
        }
        case "conflict": {
          const fresh = (result.details?.request as PortingRequestDto | undefined) ?? null;
          if (result.details?.changedMeanwhile) {
            onOutcome({ kind: "changed", message: result.message, request: fresh });
          } else {
            setFormError({ message: result.message });
          }
          return;
        }
        case "not_found":
          onOutcome({ kind: "gone" });
          return;
        case "unauthorized":
          setFormError({ message: result.message, signIn: true });
          return;
        default:
          setFormError({ message: result.message });
      }
    });
  }

  const reasonError = errors.reason?.message;
  const codesError = (errors.rejectionCodes?.message ?? errors.rejectionCodes?.root?.message) as string | undefined;
  const dateError = errors.firstPossiblePortingDate?.message;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      tone={copy.tone === "danger" ? "danger" : "default"}
      initialFocus={reasonRef}
      title={dialogTitle(action, request)}
      description={<p>{copy.description}</p>}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Back
          </Button>
          <Button type="submit" form={formId} variant={copy.tone === "danger" ? "danger" : "primary"} disabled={pending}>
            {pending ? (
              <>
                <Spinner /> Saving…
              </>
            ) : (
              copy.submit
            )}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={form.handleSubmit(submit)} className="space-y-4">
        {needsCodes ? (
          <RejectionCodesField idPrefix={ids} value={codes} onChange={chooseCodes} numbers={numbers} error={codesError} />
        ) : null}
        <div>
          <label htmlFor={`${ids}-canned`} className="block text-sm font-medium text-slate-700">
            Common reason
          </label>
          <select
            id={`${ids}-canned`}
            defaultValue=""
            onChange={(event) => {
              if (!event.target.value) return;
              form.setValue("reason", event.target.value, { shouldValidate: form.formState.isSubmitted, shouldDirty: true });
              // A common rejection reason ticks the problems it names too (the agent may untick them).
              const implied = needsCodes ? (CANNED_REJECTION_CODES[event.target.value] ?? []) : [];
              const missing = implied.filter((code) => !codes.some((c) => c.code === code));
              if (missing.length > 0) {
                chooseCodes([
                  ...codes,
                  ...missing.map((code) => ({ code, numbers: isNumberCode(code) ? [...numbers] : null })),
                ]);
              }
            }}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            <option value="">Pick one to fill in the reason…</option>
            {copy.cannedReasons.map((reason) => (
              <option key={reason} value={reason}>
                {reason}
              </option>
            ))}
          </select>
        </div>

        <div>
          <label htmlFor={`${ids}-reason`} className="block text-sm font-medium text-slate-700">
            Reason <span className="font-normal text-slate-500">(sent to the customer)</span>
          </label>
          <textarea
            id={`${ids}-reason`}
            rows={4}
            maxLength={MAX_REASON_LENGTH}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${ids}-reason-error` : `${ids}-reason-hint`}
            {...reasonField}
            ref={(element) => {
              reasonField.ref(element);
              reasonRef.current = element;
            }}
            className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${
              reasonError ? "border-red-500" : "border-slate-300"
            }`}
          />
          {reasonError ? (
            <p id={`${ids}-reason-error`} className="mt-1 text-sm text-red-700">
              {reasonError}
            </p>
          ) : (
            <p id={`${ids}-reason-hint`} className="mt-1 text-xs text-slate-500">
              The customer reads this in the email, the callback and on the request page.
            </p>
          )}
        </div>

        {needsDate ? (
          <div>
            <label htmlFor={`${ids}-date`} className="block text-sm font-medium text-slate-700">
              First possible porting date
            </label>
            <input
              id={`${ids}-date`}
              type="date"
              min={today}
              aria-invalid={dateError ? true : undefined}
              aria-describedby={dateError ? `${ids}-date-error` : `${ids}-date-hint`}
              {...form.register("firstPossiblePortingDate")}
              className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm sm:w-56 ${
                dateError ? "border-red-500" : "border-slate-300"
              }`}
            />
            {dateError ? (
              <p id={`${ids}-date-error`} className="mt-1 text-sm text-red-700">
                {dateError}
              </p>
            ) : (
              <p id={`${ids}-date-hint`} className="mt-1 text-xs text-slate-500">
                As proposed by the current provider; today or later.
                {request.firstPossiblePortingDate ? ` Now: ${formatCalendarDate(request.firstPossiblePortingDate)}.` : ""}
              </p>
            )}
          </div>
        ) : null}

        <p className="text-xs text-slate-500">
          The request is {statusLabel(request.status)} now. If someone else changes it first, nothing is overwritten: you
          will see what it changed to.
        </p>

        {formError ? (
          <ActionErrorAlert message={formError.message} signIn={Boolean(formError.signIn)} />
        ) : null}
      </form>
    </Dialog>
  );
}

function dialogTitle(action: SupportAction, request: { reference: string; status: PortingDtoStatus }): string {
  switch (action) {
    case "accept":
      return `Accept ${request.reference}?`;
    case "reject":
      return `Reject ${request.reference}?`;
    case "delay":
      return request.status === "delayed" ? `New date for ${request.reference}` : `Delay ${request.reference}`;
    case "mark_ready":
      return `Mark ${request.reference} ready to be ported?`;
    case "complete":
      return `Complete ${request.reference}?`;
  }
}

type PortingDtoStatus = PortingRequestDto["status"];

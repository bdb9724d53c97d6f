"use client";

import { useId, useRef, useState, useTransition } from "react";
import { cancelScheduleAction, scheduleCompletionAction } from "@/app/(support)/support/porting-requests/[id]/schedule-actions";
import { joinUtcDateTime, portingTimes, splitUtcDateTime } from "@/components/porting/new-request-model";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ActionErrorAlert } from "@/components/ui/session-ended";
import { Spinner } from "@/components/ui/spinner";
import type { ActionResult } from "@/lib/auth/action";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { PREFERRED_DATE_EARLIEST_HOUR_UTC, PREFERRED_DATE_LATEST_HOUR_UTC } from "@/lib/porting/schemas";
import { formatPortingMoment, portingMomentProblem } from "@/lib/porting/scheduling";

// Support confirms the porting moment agreed with the current provider (issue 14 item 5): the
// customer's preferred moment, or another one in the 06:00–20:00 UTC window. The request then
// completes by itself at that moment. Also takes a confirmed moment back.

type Request = Pick<PortingRequestDto, "id" | "reference" | "version" | "preferredPortingDate" | "scheduledPortingAt">;

export type ScheduleOutcome = { kind: "done"; request: PortingRequestDto; message: string } | { kind: "failed"; message: string };

const TIMES = portingTimes(PREFERRED_DATE_EARLIEST_HOUR_UTC, PREFERRED_DATE_LATEST_HOUR_UTC);

/** The moment the dialog starts with: the confirmed one, else the preferred one if still ahead, else tomorrow 09:00 UTC. */
function initialMoment(request: Request): string {
  if (request.scheduledPortingAt) return request.scheduledPortingAt;
  if (request.preferredPortingDate && new Date(request.preferredPortingDate).getTime() > Date.now()) return request.preferredPortingDate;
  const tomorrow = new Date();
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  tomorrow.setUTCHours(9, 0, 0, 0);
  return tomorrow.toISOString();
}

export function ScheduleCompletionDialog({
  open,
  mode,
  request,
  onClose,
  onOutcome,
}: {
  open: boolean;
  mode: "schedule" | "cancel";
  request: Request;
  onClose: () => void;
  onOutcome: (outcome: ScheduleOutcome) => void;
}) {
  const ids = useId();
  const [pending, startTransition] = useTransition();
  const start = splitUtcDateTime(initialMoment(request));
  const [date, setDate] = useState(start.date);
  const [time, setTime] = useState(TIMES.includes(start.time) ? start.time : "09:00");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<{ message: string; signIn?: boolean } | null>(null);
  const dateRef = useRef<HTMLInputElement | null>(null);
  const [today] = useState(() => new Date().toISOString().slice(0, 10));
  const preferred = request.preferredPortingDate;
  const [preferredAhead] = useState(() => preferred !== null && new Date(preferred).getTime() > Date.now());

  function settle(result: ActionResult<PortingRequestDto>, message: (dto: PortingRequestDto) => string) {
    if (result.ok) return onOutcome({ kind: "done", request: result.data, message: message(result.data) });
    if (result.code === "validation") {
      setFieldError(result.fieldErrors?.portingAt?.[0] ?? result.message);
      return;
    }
    if (result.code === "conflict" || result.code === "not_found") return onOutcome({ kind: "failed", message: result.message });
    setFormError({ message: result.message, signIn: result.code === "unauthorized" });
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    setFormError(null);
    if (mode === "cancel") {
      startTransition(async () => {
        try {
          settle(await cancelScheduleAction({ id: request.id, expectedVersion: request.version }), (dto) => `${dto.reference} will not complete by itself; it stays In progress.`);
        } catch {
          setFormError({ message: "We couldn't reach the server. Check your connection and try again." });
        }
      });
      return;
    }
    const portingAt = joinUtcDateTime(date, time);
    const problem = portingAt ? portingMomentProblem(new Date(portingAt)) : "Choose a date and a time.";
    if (problem) {
      setFieldError(problem);
      dateRef.current?.focus();
      return;
    }
    setFieldError(null);
    startTransition(async () => {
      try {
        settle(
          await scheduleCompletionAction({ id: request.id, portingAt, expectedVersion: request.version }),
          (dto) => `${dto.reference} completes by itself on ${formatPortingMoment(dto.scheduledPortingAt ?? portingAt)}. The customer sees the moment on the request.`,
        );
      } catch {
        setFormError({ message: "We couldn't reach the server. Check your connection and try again." });
      }
    });
  }

  const formId = `${ids}-form`;
  const cancelling = mode === "cancel";
  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!pending}
      initialFocus={cancelling ? undefined : dateRef}
      title={cancelling ? `Take back the porting moment of ${request.reference}?` : `Schedule the completion of ${request.reference}`}
      description={
        <p>
          {cancelling
            ? `It will no longer complete by itself on ${request.scheduledPortingAt ? formatPortingMoment(request.scheduledPortingAt) : "its moment"}; it stays In progress until you complete it.`
            : "Confirm the moment agreed with the current provider. The request completes by itself then: the numbers are assigned and the customer is notified."}
        </p>
      }
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={pending}>
            Back
          </Button>
          <Button type="submit" form={formId} variant={cancelling ? "danger" : "primary"} disabled={pending}>
            {pending ? (
              <>
                <Spinner /> Saving…
              </>
            ) : cancelling ? (
              "Take back the moment"
            ) : (
              "Confirm the moment"
            )}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={submit} className="space-y-4">
        {cancelling ? null : (
          <>
            <p className="text-sm text-slate-700">
              {preferred ? (
                <>
                  The customer prefers <strong>{formatPortingMoment(preferred)}</strong>.{" "}
                  {preferredAhead ? (
                    <button
                      type="button"
                      className="font-medium text-brand-700 underline"
                      onClick={() => {
                        const split = splitUtcDateTime(preferred);
                        setDate(split.date);
                        if (TIMES.includes(split.time)) setTime(split.time);
                      }}
                    >
                      Use it
                    </button>
                  ) : (
                    "That moment has passed."
                  )}
                </>
              ) : (
                "The customer asked for as soon as possible."
              )}
            </p>
            <fieldset aria-describedby={fieldError ? `${ids}-error` : `${ids}-hint`}>
              <legend className="text-sm font-medium text-slate-700">Porting moment (UTC)</legend>
              <div className="mt-1 flex flex-col gap-2 sm:flex-row">
                <label className="sr-only" htmlFor={`${ids}-date`}>
                  Date
                </label>
                <input
                  id={`${ids}-date`}
                  ref={dateRef}
                  type="date"
                  min={today}
                  value={date}
                  aria-invalid={fieldError ? true : undefined}
                  onChange={(e) => setDate(e.target.value)}
                  className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm sm:w-48 ${fieldError ? "border-red-500" : "border-slate-300"}`}
                />
                <label className="sr-only" htmlFor={`${ids}-time`}>
                  Time (UTC)
                </label>
                <select
                  id={`${ids}-time`}
                  value={time}
                  aria-invalid={fieldError ? true : undefined}
                  onChange={(e) => setTime(e.target.value)}
                  className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm sm:w-32 ${fieldError ? "border-red-500" : "border-slate-300"}`}
                >
                  {TIMES.map((t) => (
                    <option key={t} value={t}>
                      {t} UTC
                    </option>
                  ))}
                </select>
              </div>
              {fieldError ? (
                <p id={`${ids}-error`} className="mt-1 text-sm text-red-700">
                  {fieldError}
                </p>
              ) : (
                <p id={`${ids}-hint`} className="mt-1 text-xs text-slate-500">
                  Between 06:00 and 20:00 UTC, in the future.
                  {request.scheduledPortingAt ? ` Now scheduled for ${formatPortingMoment(request.scheduledPortingAt)}; confirming replaces it.` : ""}
                </p>
              )}
            </fieldset>
          </>
        )}
        {formError ? <ActionErrorAlert message={formError.message} signIn={Boolean(formError.signIn)} /> : null}
      </form>
    </Dialog>
  );
}

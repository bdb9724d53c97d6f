"use client";

import { formatDateTimeUtc, plural } from "@/components/shared/format";
import { Button } from "@/components/ui/button";
import { Pill, type PillTone } from "@/components/ui/pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { CallbackAttemptRecord, CallbackDeliveryRecord, NotificationEvent } from "@/lib/notifications/queries";
import { statusLabel } from "@/lib/porting/statuses";
import { NextAttempt, sentence } from "./next-attempt";

function callbackStatus(delivery: CallbackDeliveryRecord): { tone: PillTone; label: string } {
  switch (delivery.state) {
    case "delivered":
      return { tone: "green", label: `Delivered${delivery.lastStatusCode ? ` · HTTP ${delivery.lastStatusCode}` : ""}` };
    case "failed":
      return { tone: "red", label: "Failed" };
    case "not_sent":
      return { tone: "slate", label: "Not sent" };
    case "pending":
      if (delivery.inFlight) return { tone: "blue", label: "Sending…" };
      return delivery.attempts === 0 ? { tone: "blue", label: "Queued" } : { tone: "amber", label: "Retrying" };
  }
}

/** One callback delivery: its state, its attempts, and Resend. */
export function CallbackItem({
  delivery,
  event,
  now,
  busy,
  onResend,
}: {
  delivery: CallbackDeliveryRecord;
  event: NotificationEvent;
  now: number;
  busy: string | null;
  onResend: (delivery: CallbackDeliveryRecord) => void;
}) {
  const status = callbackStatus(delivery);
  const sending = busy === delivery.id;
  const canResend = !delivery.inFlight;
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">Callback</p>
        <Pill tone={status.tone}>{status.label}</Pill>
      </div>
      <p className="mt-0.5 text-xs text-slate-600">{delivery.eventType}</p>
      <p className="break-all text-xs text-slate-500">
        webhook-id <span className="font-mono">{delivery.messageId}</span>
      </p>
      <p className="mt-1 text-xs text-slate-600">
        {delivery.state === "delivered" && delivery.deliveredAt ? (
          <>
            Delivered <RelativeTime iso={delivery.deliveredAt} now={now} /> after {plural(delivery.attempts, "attempt")}.
          </>
        ) : delivery.state === "pending" && delivery.inFlight ? (
          <>Attempt {delivery.attempts} of {delivery.maxAttempts} is running.</>
        ) : delivery.state === "pending" && delivery.attempts > 0 ? (
          <>
            Attempt {delivery.attempts} of {delivery.maxAttempts} failed: {sentence(delivery.lastError)}
            {delivery.nextAttemptAt ? (
              <>
                {" "}
                Next attempt <NextAttempt iso={delivery.nextAttemptAt} now={now} />.
              </>
            ) : null}
          </>
        ) : delivery.state === "failed" ? (
          <>
            {delivery.lastStatusCode === 410 ? "Stopped: the receiver answered 410 Gone." : `Gave up after ${plural(delivery.attempts, "attempt")}.`}{" "}
            {delivery.lastStatusCode === 410 ? "" : sentence(delivery.lastError)}
          </>
        ) : (
          "Waiting for the delivery worker."
        )}
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => onResend(delivery)}
          disabled={!canResend || busy !== null}
          aria-busy={sending}
          aria-label={`Resend callback for ${statusLabel(event.to)}`}
          title={canResend ? undefined : "An attempt is running right now"}
        >
          {sending ? <Spinner className="h-3.5 w-3.5" /> : null}
          {sending ? "Resending…" : "Resend callback"}
        </Button>
        {delivery.attemptLog.length > 0 ? (
          <details className="group min-w-0 basis-full">
            <summary className="cursor-pointer select-none text-sm font-medium text-brand-700 hover:underline">
              Attempts ({delivery.attemptLog.length})
            </summary>
            <AttemptsTable attempts={delivery.attemptLog} />
          </details>
        ) : null}
      </div>
    </div>
  );
}

function attemptResult(a: CallbackAttemptRecord): { ok: boolean; text: string } {
  const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
  if (ok) return { ok, text: `HTTP ${a.statusCode}` };
  return { ok, text: a.error ?? (a.statusCode ? `HTTP ${a.statusCode}` : "Failed") };
}

function AttemptsTable({ attempts }: { attempts: CallbackAttemptRecord[] }) {
  return (
    <>
      <table className="mt-2 hidden w-full text-left text-xs sm:table">
        <thead className="text-slate-500">
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1.5 pr-3 font-medium">
              #
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Time
            </th>
            <th scope="col" className="py-1.5 pr-3 font-medium">
              Result
            </th>
            <th scope="col" className="py-1.5 pr-3 text-right font-medium">
              Duration
            </th>
            <th scope="col" className="py-1.5 font-medium">
              Next attempt scheduled
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {attempts.map((a) => {
            const result = attemptResult(a);
            return (
              <tr key={a.attempt} className="align-top">
                <td className="py-1.5 pr-3 tabular-nums text-slate-500">{a.attempt}</td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-slate-700">{formatDateTimeUtc(a.startedAt)}</td>
                <td className={`break-words py-1.5 pr-3 ${result.ok ? "font-medium text-green-700" : "text-red-700"}`}>{result.text}</td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums text-slate-700">{a.durationMs} ms</td>
                <td className="whitespace-nowrap py-1.5 text-slate-700">
                  {a.nextAttemptAt ? formatDateTimeUtc(a.nextAttemptAt) : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ol className="mt-2 space-y-2 sm:hidden" aria-label="Attempts">
        {attempts.map((a) => {
          const result = attemptResult(a);
          return (
            <li key={a.attempt} className="rounded-md border border-slate-200 bg-white p-2 text-xs">
              <p className="flex justify-between gap-2 text-slate-500">
                <span>
                  #{a.attempt} · {formatDateTimeUtc(a.startedAt)}
                </span>
                <span className="tabular-nums">{a.durationMs} ms</span>
              </p>
              <p className={`mt-1 break-words ${result.ok ? "font-medium text-green-700" : "text-red-700"}`}>{result.text}</p>
              {a.nextAttemptAt ? (
                <p className="mt-1 text-slate-600">Next attempt scheduled for {formatDateTimeUtc(a.nextAttemptAt)}</p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </>
  );
}

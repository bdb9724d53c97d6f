"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { resendCallbackAction } from "@/app/notifications/actions";
import { formatDateTimeUtc, plural } from "@/components/shared/format";
import { FetchError, fetchJson, POLL_INTERVAL_MS } from "@/components/shared/fetch-json";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { formatRelative, RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import { StatusBadge } from "@/components/ui/status-badge";
import type { CallbackAttemptRecord, CallbackDeliveryRecord, EmailRecord, NotificationEvent, RequestNotifications as Data } from "@/lib/notifications/queries";
import { statusLabel } from "@/lib/porting/statuses";

// The request page's "Notifications": per status change, the email sent to the company profile's
// addresses (readable in full) and the callback deliveries with every attempt, each with a
// "Resend callback" button. Rendered on the server with its data, then kept fresh by polling
// GET /api/v1/porting-requests/{id}/notifications. Used by the customer and the support page.

/** Older changes are folded away behind a button; the newest ones matter most. */
const VISIBLE_EVENTS = 4;

export const notificationsQueryKey = (id: string) => ["porting-request-notifications", id] as const;

type Tone = "green" | "amber" | "red" | "blue" | "slate";

const pillTone: Record<Tone, string> = {
  green: "bg-green-50 text-green-800 ring-green-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
};

function Pill({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${pillTone[tone]}`}>
      {children}
    </span>
  );
}

/** An error as a sentence: ends with a full stop, so "Next attempt …" can follow it. */
function sentence(text: string | null): string {
  if (!text) return "";
  return /[.!?…)]$/.test(text) ? text : `${text}.`;
}

/** "in 2 minutes", or "due now" once the time has come (the worker picks it up within seconds). */
export function NextAttempt({ iso, now: serverNow }: { iso: string; now: number }) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const due = new Date(iso).getTime() <= now;
  return (
    <time dateTime={iso} title={formatDateTimeUtc(iso)}>
      {due ? "due now" : formatRelative(iso, now)}
    </time>
  );
}

type Feedback = { tone: "success" | "warning" | "danger"; text: string };

export function RequestNotifications({ initial, renderedAt }: { initial: Data; renderedAt: number }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: notificationsQueryKey(initial.requestId),
    queryFn: ({ signal }) => fetchJson<Data>(`/api/v1/porting-requests/${encodeURIComponent(initial.requestId)}/notifications`, signal),
    initialData: initial,
    refetchInterval: POLL_INTERVAL_MS,
  });
  const data = query.data;
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function resend(delivery: CallbackDeliveryRecord) {
    setBusy(delivery.id);
    setFeedback(null);
    try {
      const result = await resendCallbackAction({ deliveryId: delivery.id });
      if (result.ok) {
        const text =
          result.data.mode === "new_delivery"
            ? `Callback sent again as ${result.data.messageId} (same body, new webhook-id). Its first attempt runs now.`
            : result.data.mode === "retry_now"
              ? `The next attempt of ${result.data.messageId} runs now.`
              : `${result.data.messageId} is being delivered right now; its result appears here in a moment.`;
        setFeedback({ tone: "success", text });
      } else {
        setFeedback({ tone: result.code === "error" ? "danger" : "warning", text: result.message });
      }
    } catch {
      setFeedback({ tone: "danger", text: "Could not reach the server. Check your connection and try again." });
    } finally {
      setBusy(null);
      void queryClient.invalidateQueries({ queryKey: notificationsQueryKey(initial.requestId) });
    }
  }

  const emails = data.events.flatMap((e) => e.emails);
  const callbacks = data.events.flatMap((e) => e.callbacks);
  const failing = callbacks.filter((c) => c.state === "failed" || (c.state === "pending" && c.lastError)).length;
  const pollFailed = query.isError && !(query.error instanceof FetchError && query.error.status === 404);
  const noSmtp = emails.some((e) => e.notSentReason === "noSmtp");
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? data.events : data.events.slice(0, VISIBLE_EVENTS);
  const hidden = data.events.length - shown.length;

  return (
    <section aria-labelledby="notifications-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="request-notifications">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id="notifications-title" className="text-base font-semibold text-slate-900">
          Notifications
        </h2>
        <p className="text-xs text-slate-500">
          {plural(emails.length, "email")} · {plural(callbacks.length, "callback")}
          {failing > 0 ? <span className="font-medium text-red-700"> · {failing} failing</span> : null}
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">
        Every status change is emailed to the company profile&apos;s notification addresses
        {data.callbackUrl ? " and POSTed, signed, to the callback URL" : ""}.
      </p>
      {data.callbackUrl ? (
        <p className="mt-1 text-sm">
          <span className="sr-only">Callback URL: </span>
          <code className="break-all rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{data.callbackUrl}</code>
        </p>
      ) : (
        <p className="mt-1 text-xs text-slate-500">This request has no callback URL.</p>
      )}
      {noSmtp ? (
        <p className="mt-2 rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 ring-1 ring-inset ring-slate-200">
          No SMTP server is configured (<code className="font-mono">SMTP_URL</code>), so emails are not sent. Each one is kept here as it would
          have been sent.
        </p>
      ) : null}

      <div role="status" aria-live="polite" className="empty:hidden">
        {feedback ? (
          <Notice tone={feedback.tone} className="mt-3" onDismiss={() => setFeedback(null)}>
            {feedback.text}
          </Notice>
        ) : null}
      </div>
      {pollFailed ? (
        <p className="mt-3 text-xs text-amber-800" role="alert">
          Could not refresh the notifications; showing the last state we received.
        </p>
      ) : null}

      <ol className="mt-4 space-y-5" aria-label="Notifications per status change, newest first">
        {shown.map((event) => (
          <EventItem
            key={event.eventId}
            event={event}
            hasCallbackUrl={data.callbackUrl !== null}
            now={renderedAt}
            busy={busy}
            onResend={resend}
          />
        ))}
      </ol>
      {hidden > 0 ? (
        <Button variant="ghost" size="sm" className="mt-3" onClick={() => setShowAll(true)}>
          Show {plural(hidden, "earlier change")}
        </Button>
      ) : null}
    </section>
  );
}

function EventItem({
  event,
  hasCallbackUrl,
  now,
  busy,
  onResend,
}: {
  event: NotificationEvent;
  hasCallbackUrl: boolean;
  now: number;
  busy: string | null;
  onResend: (delivery: CallbackDeliveryRecord) => void;
}) {
  const headingId = useId();
  return (
    <li aria-labelledby={headingId} className="border-t border-slate-100 pt-4 first:border-t-0 first:pt-0">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h3 id={headingId} className="flex items-center gap-2 text-sm font-medium text-slate-900">
          <StatusBadge status={event.to} />
          <span className="sr-only">
            {event.from === null ? "Created" : event.from === event.to ? "New date" : `From ${statusLabel(event.from)}`}
          </span>
        </h3>
        {/* Phones: badge and time on one line, the reason under them; wider: one line. */}
        <span className="order-last line-clamp-2 min-w-0 basis-full break-words text-sm text-slate-700 sm:order-none sm:basis-0 sm:flex-1" title={event.reason}>
          {event.reason}
        </span>
        <span className="ml-auto text-xs text-slate-500 sm:order-last">
          <RelativeTime iso={event.at} now={now} />
        </span>
      </div>
      <div className="mt-2 space-y-2">
        {event.emails.length === 0 ? <p className="text-xs text-slate-500">No email was recorded for this change.</p> : null}
        {event.emails.map((email) => (
          <EmailItem key={email.id} email={email} now={now} />
        ))}
        {event.callbacks.map((delivery) => (
          <CallbackItem key={delivery.id} delivery={delivery} event={event} now={now} busy={busy} onResend={onResend} />
        ))}
        {hasCallbackUrl && event.callbacks.length === 0 ? (
          <p className="text-xs text-slate-500">No callback was recorded for this change.</p>
        ) : null}
      </div>
    </li>
  );
}

function emailStatus(email: EmailRecord): { tone: Tone; label: string } {
  switch (email.state) {
    case "delivered":
      return { tone: "green", label: "Sent" };
    case "not_sent":
      return {
        tone: "slate",
        label:
          email.notSentReason === "noSmtp"
            ? "Not sent (no SMTP configured)"
            : email.notSentReason === "noRecipients"
              ? "Not sent (no addresses)"
              : email.notSentReason === "demo"
                ? "Not sent (demo data)"
                : "Not sent",
      };
    case "failed":
      return { tone: "red", label: "Failed" };
    case "pending":
      return email.attempts === 0 ? { tone: "blue", label: "Queued" } : { tone: "amber", label: "Retrying" };
  }
}

function EmailItem({ email, now }: { email: EmailRecord; now: number }) {
  const status = emailStatus(email);
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">Email</p>
        <Pill tone={status.tone}>{status.label}</Pill>
      </div>
      <p className="mt-0.5 break-words text-xs text-slate-700">To {email.recipients.length > 0 ? email.recipients.join(", ") : "nobody"}</p>
      <p className="mt-0.5 break-words text-xs text-slate-600">{email.subject}</p>
      <p className="mt-1 text-xs text-slate-600">
        {email.state === "delivered" && email.sentAt ? (
          <>
            Sent <RelativeTime iso={email.sentAt} now={now} /> ({formatDateTimeUtc(email.sentAt)})
            {email.lastError ? ` · ${email.lastError}` : ""}
          </>
        ) : email.state === "pending" && email.attempts > 0 ? (
          <>
            Attempt {email.attempts} of {email.maxAttempts} failed: {sentence(email.lastError)}
            {email.nextAttemptAt ? (
              <>
                {" "}
                Next attempt <NextAttempt iso={email.nextAttemptAt} now={now} />.
              </>
            ) : null}
          </>
        ) : email.state === "failed" ? (
          <>
            Gave up after {plural(email.attempts, "attempt")}: {sentence(email.lastError)}
          </>
        ) : email.state === "not_sent" ? (
          email.notSentReason === "noSmtp" ? (
            "Kept here, not sent."
          ) : (
            email.lastError
          )
        ) : (
          "Waiting for the mail worker."
        )}
      </p>
      <details className="group mt-2">
        <summary className="cursor-pointer select-none text-sm font-medium text-brand-700 hover:underline">
          <span className="group-open:hidden">Show the email</span>
          <span className="hidden group-open:inline">Hide the email</span>
        </summary>
        <div className="mt-2 rounded-md border border-slate-200 bg-white p-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
            <dt className="text-slate-500">To</dt>
            <dd className="break-all text-slate-800">{email.recipients.join(", ") || "—"}</dd>
            <dt className="text-slate-500">Subject</dt>
            <dd className="break-words text-slate-800">{email.subject}</dd>
          </dl>
          <pre className="mt-3 whitespace-pre-wrap break-words border-t border-slate-100 pt-3 font-sans text-sm leading-relaxed text-slate-800">
            {email.textBody}
          </pre>
        </div>
      </details>
    </div>
  );
}

function callbackStatus(delivery: CallbackDeliveryRecord): { tone: Tone; label: string } {
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

function CallbackItem({
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

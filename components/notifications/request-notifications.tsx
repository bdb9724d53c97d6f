"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { resendCallbackAction } from "@/app/notifications/actions";
import { plural } from "@/components/shared/format";
import { FetchError, fetchJson } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { CallbackDeliveryRecord, NotificationEvent, RequestNotifications as Data } from "@/lib/notifications/queries";
import { statusLabel } from "@/lib/porting/statuses";
import { CallbackItem } from "./callback-item";
import { EmailItem } from "./email-item";

// The request page's "Notifications": per status change, the email sent to the company profile's
// addresses (readable in full) and the callback deliveries with every attempt, each with a
// "Resend callback" button. Rendered on the server with its data, then kept fresh by polling
// GET /api/v1/porting-requests/{id}/notifications. Used by the customer and the support page.

/** Older changes are folded away behind a button; the newest ones matter most. */
const VISIBLE_EVENTS = 4;

export const notificationsQueryKey = (id: string) => ["porting-request-notifications", id] as const;

type Feedback = { tone: "success" | "warning" | "danger"; text: string };

export function RequestNotifications({ initial, renderedAt }: { initial: Data; renderedAt: number }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: notificationsQueryKey(initial.requestId),
    queryFn: ({ signal }) => fetchJson<Data>(`/api/v1/porting-requests/${encodeURIComponent(initial.requestId)}/notifications`, signal),
    initialData: initial,
    refetchInterval: useLivePollInterval(),
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

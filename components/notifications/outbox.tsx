"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTimeUtc } from "@/components/shared/format";
import { fetchJson, POLL_INTERVAL_MS } from "@/components/shared/fetch-json";
import { RelativeTime } from "@/components/ui/relative-time";
import { TabLinks } from "@/components/ui/tab-links";
import type { OutboxEmail, OutboxFilter } from "@/lib/support/notification-lists";

// Support's mail outbox: every status email of every account, newest first, with its state and
// the message as sent (or as it would have been sent: without SMTP_URL they are kept, not sent).
// Server-rendered, then polled from GET /api/support/outbox with the page URL's filters.

type Page = { items: OutboxEmail[]; nextCursor: string | null };
type Filters = { state: OutboxFilter; cursor?: string };

const TABS: { state: OutboxFilter; label: string }[] = [
  { state: "all", label: "All" },
  { state: "pending", label: "Queued or retrying" },
  { state: "delivered", label: "Sent" },
  { state: "not_sent", label: "Not sent" },
  { state: "failed", label: "Failed" },
];

function search(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.state !== "all") params.set("state", filters.state);
  if (filters.cursor) params.set("cursor", filters.cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}

const href = (filters: Filters) => `/support/outbox${search(filters)}`;

const tones = {
  delivered: "bg-green-50 text-green-800 ring-green-200",
  pending: "bg-amber-50 text-amber-900 ring-amber-200",
  not_sent: "bg-slate-100 text-slate-700 ring-slate-300",
  failed: "bg-red-50 text-red-800 ring-red-200",
} as const;

function stateLabel(email: OutboxEmail): string {
  switch (email.state) {
    case "delivered":
      return "Sent";
    case "failed":
      return "Failed";
    case "pending":
      return email.attempts === 0 ? "Queued" : "Retrying";
    case "not_sent":
      return email.notSentReason === "noSmtp"
        ? "Not sent (no SMTP configured)"
        : email.notSentReason === "demo"
          ? "Not sent (demo data)"
          : email.notSentReason === "noRecipients"
            ? "Not sent (no addresses)"
            : "Not sent";
  }
}

export function Outbox({ initial, filters, serverNow }: { initial: Page; filters: Filters; serverNow: number }) {
  const query = useQuery({
    queryKey: ["support-outbox", filters],
    queryFn: ({ signal }) => fetchJson<Page>(`/api/support/outbox${search(filters)}`, signal),
    initialData: initial,
    refetchInterval: POLL_INTERVAL_MS,
  });
  const page = query.data;

  return (
    <div className="space-y-4">
      <TabLinks label="Email states" items={TABS.map((t) => ({ href: href({ state: t.state }), label: t.label, current: filters.state === t.state }))} />
      {query.isError ? (
        <p role="alert" className="text-sm text-amber-800">
          Could not refresh the outbox; showing the last state we received.
        </p>
      ) : null}
      {page.items.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <h2 className="text-base font-semibold text-slate-900">{filters.cursor ? "No older emails" : "No emails here"}</h2>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">Every status change of a porting request emails the company profile&apos;s addresses; they appear here.</p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white" aria-label="Emails, newest first">
          {page.items.map((email) => (
            <li key={email.id} className="p-4" data-testid="outbox-email">
              <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:justify-between">
                <div className="min-w-0">
                  <p className="break-words text-sm font-medium text-slate-900">{email.subject}</p>
                  <p className="mt-0.5 break-all text-xs text-slate-600">To {email.recipients.join(", ") || "nobody"}</p>
                  <p className="mt-0.5 text-xs text-slate-500">
                    <Link href={`/support/porting-requests/${email.request.id}`} className="font-medium text-brand-700 hover:underline">
                      {email.request.reference}
                    </Link>{" "}
                    ·{" "}
                    <Link href={`/support/accounts/${email.account.id}`} className="hover:underline">
                      {email.account.name}
                    </Link>{" "}
                    · <RelativeTime iso={email.createdAt} now={serverNow} />
                  </p>
                </div>
                <span className={`inline-flex shrink-0 self-start whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[email.state]}`}>
                  {stateLabel(email)}
                </span>
              </div>
              {email.state === "delivered" && email.sentAt ? (
                <p className="mt-1 text-xs text-slate-600">Sent {formatDateTimeUtc(email.sentAt)}</p>
              ) : email.lastError && email.state !== "not_sent" ? (
                <p className="mt-1 text-xs text-red-700">
                  {email.attempts > 0 ? `Attempt ${email.attempts} of ${email.maxAttempts}: ` : ""}
                  {email.lastError}
                </p>
              ) : null}
              <details className="mt-2">
                <summary className="cursor-pointer select-none text-sm font-medium text-brand-700 hover:underline">Show the email</summary>
                <pre className="mt-2 whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-3 font-sans text-sm leading-relaxed text-slate-800">
                  {email.textBody}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      {filters.cursor || page.nextCursor ? (
        <nav aria-label="Pages" className="flex justify-between gap-3 text-sm">
          {filters.cursor ? (
            <Link href={href({ state: filters.state })} className="font-medium text-brand-700 hover:underline">
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={href({ state: filters.state, cursor: page.nextCursor })} className="font-medium text-brand-700 hover:underline">
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

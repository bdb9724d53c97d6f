"use client";

import Link from "next/link";
import { formatDateTimeUtc } from "@/components/shared/format";
import { Pill, type PillTone } from "@/components/ui/pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/empty-state";
import { TabLinks } from "@/components/ui/tab-links";
import type { OutboxEmail, OutboxFilter } from "@/lib/support/notification-lists";
import { emailStatus } from "./email-item";
import { FeedPager, feedSearch, RefreshFailed, useFeed, type FeedFilters } from "./support-feed";

// Support's mail outbox: every status email of every account, newest first, with its state and
// the message as sent (or as it would have been sent: without SMTP_URL they are kept, not sent).
// Server-rendered, then polled from GET /api/support/outbox with the page URL's filters.

type Page = { items: OutboxEmail[]; nextCursor: string | null };
type Filters = FeedFilters<OutboxFilter>;

const TABS: { state: OutboxFilter; label: string }[] = [
  { state: "all", label: "All" },
  { state: "pending", label: "Queued or retrying" },
  { state: "delivered", label: "Sent" },
  { state: "not_sent", label: "Not sent" },
  { state: "failed", label: "Failed" },
];

const href = (filters: Filters) => `/support/outbox${feedSearch(filters)}`;

// By state only: a queued email is as much "waiting" as a retried one here (the request page tells them apart).
const tones: Record<OutboxEmail["state"], PillTone> = { delivered: "green", pending: "amber", not_sent: "slate", failed: "red" };

export function Outbox({ initial, filters, serverNow }: { initial: Page; filters: Filters; serverNow: number }) {
  const query = useFeed({ queryKey: "support-outbox", endpoint: "/api/support/outbox", filters, initial });
  const page = query.data;

  return (
    <div className="space-y-4">
      <TabLinks label="Email states" items={TABS.map((t) => ({ href: href({ state: t.state }), label: t.label, current: filters.state === t.state }))} />
      {query.isError ? <RefreshFailed>Could not refresh the outbox; showing the last state we received.</RefreshFailed> : null}
      {page.items.length === 0 ? (
        <EmptyState title={filters.cursor ? "No older emails" : "No emails here"}>
          Every status change of a porting request emails the company profile&apos;s addresses; they appear here.
        </EmptyState>
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
                <Pill tone={tones[email.state]} className="shrink-0 self-start">
                  {emailStatus(email).label}
                </Pill>
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
      <FeedPager filters={filters} nextCursor={page.nextCursor} href={href} />
    </div>
  );
}

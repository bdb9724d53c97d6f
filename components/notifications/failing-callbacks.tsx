"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { resendCallbackAction } from "@/app/notifications/actions";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { Pill } from "@/components/ui/pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Spinner } from "@/components/ui/spinner";
import { TabLinks } from "@/components/ui/tab-links";
import type { FailingCallback, FailingFilter } from "@/lib/support/notification-lists";
import { NextAttempt } from "./next-attempt";
import { FeedPager, feedSearch, RefreshFailed, useFeed, type FeedFilters } from "./support-feed";

// Support's Callbacks page: deliveries that failed for good or are being retried after a failed
// attempt, across every account, newest first. Server-rendered, then polled from
// GET /api/support/callbacks with the same filters as the page URL.

type Page = { items: FailingCallback[]; nextCursor: string | null; counts: { retrying: number; failed: number } };
type Filters = FeedFilters<FailingFilter>;

const href = (filters: Filters) => `/support/callbacks${feedSearch(filters)}`;

function StatePill({ item }: { item: FailingCallback }) {
  return item.state === "failed" ? <Pill tone="red">Failed</Pill> : <Pill tone="amber">Retrying</Pill>;
}

function lastResult(item: FailingCallback): string {
  return item.lastError ?? (item.lastStatusCode ? `HTTP ${item.lastStatusCode}` : "—");
}

export function FailingCallbacks({ initial, filters, serverNow }: { initial: Page; filters: Filters; serverNow: number }) {
  const queryClient = useQueryClient();
  const query = useFeed({ queryKey: "support-callbacks", endpoint: "/api/support/callbacks", filters, initial });
  const page = query.data;
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "warning" | "danger"; text: string } | null>(null);

  async function resend(item: FailingCallback) {
    setBusy(item.id);
    setNotice(null);
    try {
      const result = await resendCallbackAction({ deliveryId: item.id });
      if (result.ok) {
        setNotice({
          tone: "success",
          text:
            result.data.mode === "new_delivery"
              ? `${item.request.reference}: sent again as ${result.data.messageId}; its first attempt runs now.`
              : result.data.mode === "retry_now"
                ? `${item.request.reference}: the next attempt of ${result.data.messageId} runs now.`
                : `${item.request.reference}: an attempt is running right now.`,
        });
      } else {
        setNotice({ tone: "warning", text: result.message });
      }
    } catch {
      setNotice({ tone: "danger", text: "Could not reach the server. Check your connection and try again." });
    } finally {
      setBusy(null);
      void queryClient.invalidateQueries({ queryKey: ["support-callbacks"] });
    }
  }

  const total = page.counts.retrying + page.counts.failed;
  const tabs = [
    { href: href({ state: "all" }), label: "All failing", count: total, current: filters.state === "all" },
    { href: href({ state: "retrying" }), label: "Retrying", count: page.counts.retrying, current: filters.state === "retrying" },
    { href: href({ state: "failed" }), label: "Failed", count: page.counts.failed, current: filters.state === "failed" },
  ];

  const resendButton = (item: FailingCallback) => (
    <Button
      variant="secondary"
      size="sm"
      onClick={() => resend(item)}
      disabled={busy !== null}
      aria-busy={busy === item.id}
      aria-label={`Resend callback of ${item.request.reference}`}
    >
      {busy === item.id ? <Spinner className="h-3.5 w-3.5" /> : null}
      {busy === item.id ? "Resending…" : "Resend"}
    </Button>
  );

  return (
    <div className="space-y-4">
      <TabLinks label="Callback states" items={tabs} />
      <div role="status" aria-live="polite" className="empty:hidden">
        {notice ? (
          <Notice tone={notice.tone} onDismiss={() => setNotice(null)}>
            {notice.text}
          </Notice>
        ) : null}
      </div>
      {query.isError ? <RefreshFailed>Could not refresh the list; showing the last state we received.</RefreshFailed> : null}

      {page.items.length === 0 ? (
        <EmptyState
          title={
            filters.cursor ? "No more failing callbacks" : filters.state === "failed" ? "No callbacks have failed" : filters.state === "retrying" ? "Nothing is being retried" : "No failing callbacks"
          }
        >
          Every callback has been delivered or is on its first attempt. Callbacks that get an error are listed here while they are retried (about a
          day) and after they fail for good.
        </EmptyState>
      ) : (
        <>
          <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white lg:block">
            <table className="w-full table-fixed text-left text-sm">
              <caption className="sr-only">Failing callbacks, newest first</caption>
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="w-40 px-4 py-2 font-medium">
                    Request
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Callback URL and last result
                  </th>
                  <th scope="col" className="w-28 px-4 py-2 font-medium">
                    Attempts
                  </th>
                  <th scope="col" className="w-36 px-4 py-2 font-medium">
                    Next attempt
                  </th>
                  <th scope="col" className="w-28 px-4 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((item) => (
                  <tr key={item.id} className="align-top" data-testid="failing-callback">
                    <td className="px-4 py-3">
                      <Link href={`/support/porting-requests/${item.request.id}`} className="font-semibold text-brand-700 hover:underline">
                        {item.request.reference}
                      </Link>
                      <Link href={`/support/accounts/${item.account.id}`} className="block truncate text-xs text-slate-600 hover:underline">
                        {item.account.name}
                      </Link>
                      <span className="mt-1 block">
                        <StatePill item={item} />
                      </span>
                    </td>
                    <td className="px-4 py-3">
                      <p className="break-all font-mono text-xs text-slate-800">{item.url}</p>
                      <p className="mt-1 break-words text-xs text-red-700">{lastResult(item)}</p>
                      <p className="mt-1 flex flex-wrap items-center gap-x-1.5 text-xs text-slate-500">
                        <StatusBadge status={item.toStatus} /> {item.eventType} · created <RelativeTime iso={item.createdAt} now={serverNow} />
                      </p>
                    </td>
                    <td className="px-4 py-3 tabular-nums text-slate-700">
                      {item.attempts} of {item.maxAttempts}
                    </td>
                    <td className="px-4 py-3 text-slate-700">
                      {item.nextAttemptAt ? (
                        <NextAttempt iso={item.nextAttemptAt} now={serverNow} />
                      ) : (
                        <span className="text-slate-500">None: gave up</span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-right">{resendButton(item)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <ul className="space-y-3 lg:hidden" aria-label="Failing callbacks, newest first">
            {page.items.map((item) => (
              <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-4" data-testid="failing-callback-card">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <Link href={`/support/porting-requests/${item.request.id}`} className="font-semibold text-brand-700 hover:underline">
                      {item.request.reference}
                    </Link>
                    <Link href={`/support/accounts/${item.account.id}`} className="block truncate text-xs text-slate-600 hover:underline">
                      {item.account.name}
                    </Link>
                  </div>
                  <StatePill item={item} />
                </div>
                <p className="mt-2 flex flex-wrap items-center gap-x-1.5 text-xs text-slate-500">
                  <StatusBadge status={item.toStatus} /> {item.eventType}
                </p>
                <p className="mt-2 break-all font-mono text-xs text-slate-800">{item.url}</p>
                <p className="mt-1 break-words text-xs text-red-700">{lastResult(item)}</p>
                <p className="mt-2 text-xs text-slate-600">
                  Attempt {item.attempts} of {item.maxAttempts} ·{" "}
                  {item.nextAttemptAt ? (
                    <>
                      next attempt <NextAttempt iso={item.nextAttemptAt} now={serverNow} />
                    </>
                  ) : (
                    "gave up"
                  )}
                </p>
                <div className="mt-3">{resendButton(item)}</div>
              </li>
            ))}
          </ul>
        </>
      )}

      <FeedPager filters={filters} nextCursor={page.nextCursor} href={href} />
    </div>
  );
}

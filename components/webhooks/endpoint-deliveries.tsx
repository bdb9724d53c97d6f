"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTimeUtc, plural } from "@/components/shared/format";
import { fetchJson } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Pill, type PillTone } from "@/components/ui/pill";
import { RelativeTime } from "@/components/ui/relative-time";
import { Spinner } from "@/components/ui/spinner";
import type { WebhookAttemptDto, WebhookDeliveryDto } from "@/lib/webhook-endpoints/dto";

// One endpoint's delivery log on Settings → Webhooks, read from GET …/{id}/deliveries and kept
// fresh by the page's event stream (an event queues deliveries; the worker's hint after an attempt
// refreshes them): state, every attempt, and Resend for admins.

export const deliveriesQueryKey = (endpointId: string) => ["webhook-deliveries", endpointId] as const;

const SHOWN = 20;

function deliveryStatus(d: WebhookDeliveryDto): { tone: PillTone; label: string } {
  if (d.state === "delivered") return { tone: "green", label: `Delivered${d.lastStatusCode ? ` · HTTP ${d.lastStatusCode}` : ""}` };
  if (d.state === "failed") return { tone: "red", label: "Failed" };
  if (d.inFlight) return { tone: "blue", label: "Sending…" };
  return d.attempts === 0 ? { tone: "blue", label: "Queued" } : { tone: "amber", label: "Retrying" };
}

function attemptText(a: WebhookAttemptDto): { ok: boolean; text: string } {
  const ok = a.statusCode !== null && a.statusCode >= 200 && a.statusCode < 300;
  return ok ? { ok, text: `HTTP ${a.statusCode}` } : { ok, text: a.error ?? (a.statusCode ? `HTTP ${a.statusCode}` : "Failed") };
}

export function EndpointDeliveries({
  endpointId,
  canResend,
  now,
  busy,
  onResend,
}: {
  endpointId: string;
  canResend: boolean;
  now: number;
  busy: string | null;
  onResend: (delivery: WebhookDeliveryDto) => void;
}) {
  const query = useQuery({
    queryKey: deliveriesQueryKey(endpointId),
    queryFn: ({ signal }) => fetchJson<{ data: WebhookDeliveryDto[]; nextCursor: string | null }>(`/api/v1/webhook-endpoints/${encodeURIComponent(endpointId)}/deliveries?limit=${SHOWN}`, signal),
    refetchInterval: useLivePollInterval(),
  });

  if (query.isPending) {
    return (
      <p className="flex items-center gap-2 text-sm text-slate-600" role="status">
        <Spinner /> Loading deliveries…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div role="alert">
        <Notice
          tone="danger"
          action={
            <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
              Try again
            </Button>
          }
        >
          The deliveries could not be loaded: {query.error.message}
        </Notice>
      </div>
    );
  }
  const deliveries = query.data.data;
  if (deliveries.length === 0) {
    return <p className="text-sm text-slate-600">Nothing has been sent to this endpoint yet. Events appear here as they happen; send a test to see one now.</p>;
  }
  return (
    <div className="space-y-2">
      <ul className="space-y-2" aria-label="Deliveries">
        {deliveries.map((d) => {
          const status = deliveryStatus(d);
          const sending = busy === d.id;
          return (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-slate-50/60 p-3" data-testid="webhook-delivery">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <p className="min-w-0 break-all font-mono text-sm text-slate-900">{d.eventType}</p>
                <Pill tone={status.tone}>{status.label}</Pill>
              </div>
              <p className="mt-0.5 text-xs text-slate-600">
                Queued <RelativeTime iso={d.createdAt} now={now} /> · {plural(d.attempts, "attempt")} of {d.maxAttempts}
              </p>
              <p className="break-all text-xs text-slate-500">
                webhook-id <span className="font-mono">{d.messageId}</span>
              </p>
              {d.state !== "delivered" && d.lastError ? <p className="mt-1 break-words text-xs text-red-700">{d.lastError}</p> : null}
              {d.state === "pending" && !d.inFlight && d.attempts > 0 && d.nextAttemptAt ? (
                <p className="mt-1 text-xs text-slate-600">Next attempt {formatDateTimeUtc(d.nextAttemptAt)}.</p>
              ) : null}
              <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
                {canResend ? (
                  <Button
                    variant="secondary"
                    size="sm"
                    onClick={() => onResend(d)}
                    disabled={d.inFlight || busy !== null}
                    aria-busy={sending}
                    title={d.inFlight ? "An attempt is running right now" : undefined}
                  >
                    {sending ? <Spinner className="h-3.5 w-3.5" /> : null}
                    {sending ? "Resending…" : "Resend"}
                    <span className="sr-only"> {d.eventType} of {formatDateTimeUtc(d.createdAt)}</span>
                  </Button>
                ) : null}
                <details className="min-w-0 basis-full">
                  <summary className="cursor-pointer select-none text-sm font-medium text-brand-700 hover:underline">
                    Attempts ({d.attemptLog.length}) and body
                  </summary>
                  {d.attemptLog.length > 0 ? (
                    <ol className="mt-2 space-y-1.5" aria-label="Attempts">
                      {d.attemptLog.map((a) => {
                        const result = attemptText(a);
                        return (
                          <li key={a.attempt} className="rounded-md border border-slate-200 bg-white p-2 text-xs">
                            <p className="flex flex-wrap justify-between gap-2 text-slate-500">
                              <span>
                                #{a.attempt} · {formatDateTimeUtc(a.startedAt)}
                              </span>
                              <span className="tabular-nums">{a.durationMs} ms</span>
                            </p>
                            <p className={`mt-1 break-words ${result.ok ? "font-medium text-green-700" : "text-red-700"}`}>{result.text}</p>
                            {a.url ? <p className="mt-0.5 break-all text-slate-500">{a.url}</p> : null}
                          </li>
                        );
                      })}
                    </ol>
                  ) : (
                    <p className="mt-2 text-xs text-slate-600">No attempt yet.</p>
                  )}
                  <pre className="mt-2 max-h-48 overflow-auto rounded-md bg-slate-900 p-2 text-xs text-slate-100" tabIndex={0} aria-label="Body as sent">
                    {d.body}
                  </pre>
                </details>
              </div>
            </li>
          );
        })}
      </ul>
      {query.data.nextCursor ? <p className="text-xs text-slate-500">The newest {SHOWN} are shown; List Webhook Deliveries in the API pages through all of them (kept 30 days).</p> : null}
    </div>
  );
}

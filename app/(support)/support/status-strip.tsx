"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { fetchJson } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import type { SupportStatus } from "@/lib/support/status";

// The strip above every support page: what needs someone now, each number a link to the page
// that lists it. Rendered with the page's data, then refreshed by every status change and
// delivery attempt (components/shared/live-updates.tsx), and every half minute while the stream
// is down (the layout stays mounted while the agent moves between support pages). Its figures
// also move with the clock alone (waiting past a threshold, the last 24 hours, the oldest
// delivery's age), so it is read again every 5 minutes even while the stream is up.

const REFRESH_MS = 30_000;
const CLOCK_REFRESH_MS = 5 * 60_000;

type Tone = "ok" | "warn" | "alert";

const TONES: Record<Tone, string> = {
  ok: "border-slate-200 bg-white text-slate-700 hover:bg-slate-50",
  warn: "border-amber-300 bg-amber-50 text-amber-900 hover:bg-amber-100",
  alert: "border-red-300 bg-red-50 text-red-900 hover:bg-red-100",
};

export function formatAge(seconds: number): string {
  if (seconds < 60) return "under 1 min";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

function Item({ href, value, label, tone, testId }: { href: string; value: string; label: string; tone: Tone; testId: string }) {
  return (
    <li>
      <Link
        href={href}
        data-testid={testId}
        className={`flex h-full flex-col rounded-lg border px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-1 ${TONES[tone]}`}
      >
        <span className="text-lg font-semibold tabular-nums leading-tight">{value}</span>{" "}
        <span className="text-xs leading-snug">{label}</span>
      </Link>
    </li>
  );
}

export function StatusStrip({ initial }: { initial: SupportStatus | null }) {
  const { data, isError } = useQuery({
    queryKey: ["support-status"],
    queryFn: ({ signal }) => fetchJson<SupportStatus>("/api/support/status", signal),
    initialData: initial ?? undefined,
    refetchInterval: useLivePollInterval(REFRESH_MS) || CLOCK_REFRESH_MS,
  });
  const status = data ?? null;
  if (!status) {
    return (
      <p role="status" className="mb-6 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-600">
        {isError ? "The service status could not be loaded; it is retried every half minute." : "Loading the service status…"}
      </p>
    );
  }
  const oldest = status.oldestPending;
  const oldestTone: Tone = !oldest ? "ok" : oldest.seconds > 3_600 ? "alert" : oldest.seconds > 600 ? "warn" : "ok";
  return (
    <nav aria-label="Service status" className="mb-6">
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Item
          href="/support"
          testId="status-overdue"
          value={String(status.overdue)}
          label={status.overdue === 1 ? "open request waiting past its time" : "open requests waiting past their time"}
          tone={status.overdue > 0 ? "warn" : "ok"}
        />
        <Item
          href="/support/callbacks"
          testId="status-callbacks"
          value={String(status.failingCallbacks)}
          label={status.failingCallbacks === 1 ? "failing callback (24 h)" : "failing callbacks (24 h)"}
          tone={status.failingCallbacks > 0 ? "alert" : "ok"}
        />
        <Item
          href="/support/outbox"
          testId="status-emails"
          value={String(status.emailsNotSent)}
          label={status.emailsNotSent === 1 ? "email not sent (24 h)" : "emails not sent (24 h)"}
          tone={status.emailsNotSent > 0 ? "warn" : "ok"}
        />
        <Item
          href={oldest?.kind === "email" ? "/support/outbox?state=pending" : "/support/callbacks?state=retrying"}
          testId="status-oldest"
          value={oldest ? formatAge(oldest.seconds) : "none"}
          label={oldest ? `oldest pending delivery (${oldest.kind === "email" ? "email" : "callback"})` : "pending deliveries"}
          tone={oldestTone}
        />
      </ul>
    </nav>
  );
}

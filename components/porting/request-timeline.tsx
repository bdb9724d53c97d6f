import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { LiveRequest } from "./live-data";

type PortingRequestHistoryEntry = LiveRequest["history"][number];
import { statusLabel } from "@/lib/porting/statuses";
import { ACTOR_ROLE_LABELS, formatCalendarDate } from "@/components/shared/format";

// Every status change of the request, newest first: the new status, the reason, who and when.

function who(entry: PortingRequestHistoryEntry): string {
  if (entry.actor.role === "system") return entry.actor.name ? `System (${entry.actor.name})` : "System";
  return `${entry.actor.name} (${ACTOR_ROLE_LABELS[entry.actor.role].toLowerCase()})`;
}

export function RequestTimeline({ history, renderedAt }: { history: PortingRequestHistoryEntry[]; renderedAt: number }) {
  const entries = [...history].reverse();
  return (
    <ol className="relative space-y-5">
      {entries.map((entry, index) => (
        <li key={`${entry.at}-${index}`} className="relative pl-7">
          {index < entries.length - 1 ? (
            <span aria-hidden className="absolute top-5 bottom-[-1.25rem] left-[7px] w-px bg-slate-200" />
          ) : null}
          <span
            aria-hidden
            className={`absolute top-1 left-0 h-[15px] w-[15px] rounded-full border-2 border-white ring-1 ${
              index === 0 ? "bg-brand-600 ring-brand-600" : "bg-slate-300 ring-slate-300"
            }`}
          />
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <StatusBadge status={entry.to} />
            {entry.from && entry.from !== entry.to ? (
              <span className="text-xs text-slate-500">from {statusLabel(entry.from)}</span>
            ) : entry.from === entry.to ? (
              <span className="text-xs text-slate-500">new date</span>
            ) : (
              <span className="text-xs text-slate-500">request created</span>
            )}
          </div>
          <p className="mt-1 text-sm text-slate-900">{entry.reason}</p>
          {entry.firstPossiblePortingDate ? (
            <p className="mt-1 text-sm text-slate-700">
              First possible porting date: <strong>{formatCalendarDate(entry.firstPossiblePortingDate)}</strong>
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-500">
            {who(entry)} · <RelativeTime iso={entry.at} now={renderedAt} />
          </p>
        </li>
      ))}
    </ol>
  );
}

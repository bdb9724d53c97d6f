"use client";

import { waitState, formatWait, type WaitItem } from "@/lib/support/wait-thresholds";
import { formatDateTimeUtc } from "@/components/shared/format";

/** How long a request has waited in its status; past the status's threshold it says "Overdue" (in words, not only colour). */
export function WaitAge({ item, now }: { item: WaitItem; now: number }) {
  const { overdue, threshold } = waitState(item, now);
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <time
        dateTime={item.statusChangedAt}
        title={`In this status since ${formatDateTimeUtc(item.statusChangedAt)}`}
        className={`tabular-nums ${overdue ? "font-semibold text-red-700" : "text-slate-700"}`}
      >
        {formatWait(item.statusChangedAt, now)}
      </time>
      {overdue ? (
        <span
          title={threshold?.description}
          className="inline-flex items-center gap-1 rounded-full bg-red-50 px-1.5 py-0.5 text-xs font-medium text-red-700 ring-1 ring-red-200 ring-inset"
        >
          <svg aria-hidden viewBox="0 0 20 20" fill="currentColor" className="h-3 w-3">
            <path
              fillRule="evenodd"
              d="M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-12.25a.75.75 0 0 0-1.5 0v4.5c0 .2.08.39.22.53l2.5 2.5a.75.75 0 1 0 1.06-1.06l-2.28-2.28V5.75Z"
              clipRule="evenodd"
            />
          </svg>
          Overdue
        </span>
      ) : null}
    </span>
  );
}

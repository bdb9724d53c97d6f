import { z } from "zod";
import { PREFERRED_DATE_EARLIEST_HOUR_UTC, PREFERRED_DATE_LATEST_HOUR_UTC, withinPortingWindow } from "./schemas";
import { findTransition } from "./transitions";
import type { PortingStatus } from "./values";

// Completion on the agreed date outside the Netherlands (issue 14 item 5): support confirms a
// porting moment with the current provider, and the request completes by itself then
// (lib/porting/scheduled-completions.ts). The rules live here, client-safe, so the support dialog,
// the verb and the API say the same thing.
//
// When: exactly when support may complete the request by hand, so the transition table stays the
// one place that says so (today: a non-NL request In progress; an NL request never: the customer
// performs the porting once it is Ready to be ported).

/** A moment more than this far ahead is almost certainly a typo (2062 for 2026). */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

const DAY_MS = 86_400_000;

export const PORTING_MOMENT_FORMAT = "Give the porting moment in ISO 8601 UTC, such as 2030-05-14T09:00:00Z.";

export const scheduleCompletionSchema = z.object({
  id: z.string(),
  portingAt: z.iso.datetime({ offset: true, error: PORTING_MOMENT_FORMAT }),
  /** The version the agent looked at: a change made meanwhile is a conflict, never overwritten. */
  expectedVersion: z.number().int().nullish(),
});

export type ScheduleCompletionInput = z.input<typeof scheduleCompletionSchema>;

export const cancelScheduleSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().nullish(),
});

export type CancelScheduleInput = z.input<typeof cancelScheduleSchema>;

/** Whether support may confirm a porting moment for a request in this state: when it may complete it. */
export function completionMayBeScheduled(request: { status: PortingStatus; country: string }): boolean {
  return findTransition("complete", request.status, request.country, "support") !== undefined;
}

const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;

/** What is wrong with this porting moment, or null: in the 06:00–20:00 UTC window, in the future, within a year. */
export function portingMomentProblem(at: Date, now: number = Date.now()): string | null {
  if (Number.isNaN(at.getTime())) return PORTING_MOMENT_FORMAT;
  if (!withinPortingWindow(at)) {
    return `Choose a moment between ${hour(PREFERRED_DATE_EARLIEST_HOUR_UTC)} and ${hour(PREFERRED_DATE_LATEST_HOUR_UTC)} UTC: ports are carried out in that window.`;
  }
  if (at.getTime() <= now) return "Choose a moment in the future: this one has passed.";
  if (at.getTime() > now + MAX_SCHEDULE_AHEAD_DAYS * DAY_MS) return "Choose a moment within a year from now.";
  return null;
}

/** "Tue, 1 Dec 2026, 09:00 UTC": how a porting moment reads in pages, emails and history. */
export function formatPortingMoment(at: Date | string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  const text = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "UTC",
  }).format(date);
  return `${text} UTC`;
}

import type { PortingStatus } from "@/lib/porting/values";

// How long a request may wait in each open status before the queue flags it: one table, so the
// service levels change in one place. Pure: the server render and the polling client compute the
// same answer from the same data. Safe to import from client components.

export type WaitThreshold =
  /** Overdue after this many business days (Monday to Friday) in the status. */
  | { kind: "business_days"; days: number; description: string }
  /** Overdue after this many calendar days in the status. */
  | { kind: "days"; days: number; description: string }
  /** Overdue once the first possible porting date has passed and the request is still waiting. */
  | { kind: "past_first_possible_date"; description: string }
  /** Overdue this many hours after the agreed porting moment, never before it. */
  | { kind: "past_agreed_date"; graceHours: number; description: string };

export const WAIT_THRESHOLDS: Partial<Record<PortingStatus, WaitThreshold>> = {
  requested: {
    kind: "business_days",
    days: 1,
    description: "New requests are accepted or rejected within 1 business day.",
  },
  in_progress: {
    kind: "days",
    days: 5,
    description: "A request in progress gets an update (delay, ready or rejection) within 5 days.",
  },
  delayed: {
    kind: "past_first_possible_date",
    description: "A delayed request moves on once its first possible porting date has come.",
  },
  ready_to_be_ported: {
    kind: "days",
    days: 3,
    description: "A request ready to be ported waits for the customer; after 3 days, remind them.",
  },
};

const DAY = 86_400_000;

/** The calendar date in Amsterdam (YYYY-MM-DD): NL porting dates are Dutch dates. */
export function amsterdamDate(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** `from` plus `days` business days, skipping Saturdays and Sundays (in UTC; holidays are not modelled). */
export function addBusinessDays(from: Date, days: number): Date {
  let at = from.getTime();
  let left = days;
  while (left > 0) {
    at += DAY;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(at);
}

export type WaitItem = {
  status: PortingStatus;
  statusChangedAt: string;
  firstPossiblePortingDate: string | null;
  /** Outside NL: the customer's preferred moment and the moment support confirmed (ISO), when known. */
  preferredPortingDate?: string | null;
  scheduledPortingAt?: string | null;
};

/**
 * The porting date agreed for a non-NL request: the moment support confirmed, else the customer's
 * preferred one. Null for NL requests (their date is the first possible porting date) and for
 * "as soon as possible".
 */
export function agreedPortingAt(item: WaitItem): string | null {
  return item.scheduledPortingAt ?? item.preferredPortingDate ?? null;
}

/**
 * A request In progress with an agreed date waits for that date, not for support: the queue
 * counts from it (issue 14 item 5). Before the date it is never overdue; a confirmed moment that
 * has not completed the request an hour after it is.
 */
export const AGREED_DATE_THRESHOLD = {
  kind: "past_agreed_date",
  graceHours: 1,
  description: "A request with an agreed porting date is completed on that date; an hour past it, it is overdue.",
} as const satisfies WaitThreshold;

export type WaitState = { overdue: boolean; threshold: WaitThreshold | null };

export function waitState(item: WaitItem, now: number): WaitState {
  const agreed = item.status === "in_progress" ? agreedPortingAt(item) : null;
  const threshold: WaitThreshold | null = agreed ? AGREED_DATE_THRESHOLD : (WAIT_THRESHOLDS[item.status] ?? null);
  if (!threshold) return { overdue: false, threshold };
  const since = new Date(item.statusChangedAt);
  switch (threshold.kind) {
    case "business_days":
      return { overdue: now > addBusinessDays(since, threshold.days).getTime(), threshold };
    case "days":
      return { overdue: now > since.getTime() + threshold.days * DAY, threshold };
    case "past_first_possible_date":
      return {
        overdue: item.firstPossiblePortingDate !== null && amsterdamDate(new Date(now)) > item.firstPossiblePortingDate,
        threshold,
      };
    case "past_agreed_date":
      return { overdue: agreed !== null && now > new Date(agreed).getTime() + threshold.graceHours * 3_600_000, threshold };
  }
}

/** "under 1 min", "12 min", "5 h", "3 days": how long the request has been in its status. */
export function formatWait(sinceIso: string, now: number): string {
  const ms = Math.max(0, now - new Date(sinceIso).getTime());
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return "under 1 min";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

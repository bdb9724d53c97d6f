// Retry schedules. A schedule lists the waits after the 1st, 2nd, … failed attempt; when it runs
// out, the delivery has failed for good. Injectable (the worker takes one), so tests run the real
// retry path on a schedule of milliseconds instead of hours.

export type RetrySchedule = {
  /** Wait after the n-th failed attempt, n = 1…; its length + 1 is the number of attempts. */
  delaysMs: readonly number[];
  /** ± this fraction of random spread, so many receivers coming back at once are not hit together. */
  jitter: number;
};

const s = 1_000;
const m = 60 * s;
const h = 60 * m;

/**
 * Callbacks: 10 attempts over about 32 hours (at least 25 h with the jitter): the first at once,
 * then after 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h and 16 h.
 */
export const CALLBACK_SCHEDULE: RetrySchedule = { delaysMs: [30 * s, 2 * m, 10 * m, 30 * m, 1 * h, 2 * h, 4 * h, 8 * h, 16 * h], jitter: 0.2 };

/** Email while the SMTP server is unreachable: 9 attempts over about 23 hours. */
export const EMAIL_SCHEDULE: RetrySchedule = { delaysMs: [30 * s, 2 * m, 10 * m, 30 * m, 1 * h, 3 * h, 6 * h, 12 * h], jitter: 0.2 };

export function maxAttempts(schedule: RetrySchedule): number {
  return schedule.delaysMs.length + 1;
}

/** The wait before the next attempt after `attemptsMade` attempts have failed; null when none is left. */
export function nextDelayMs(schedule: RetrySchedule, attemptsMade: number, random: () => number = Math.random): number | null {
  const base = schedule.delaysMs[attemptsMade - 1];
  if (base === undefined) return null;
  const spread = 1 + schedule.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base * spread));
}

/** Total span of a schedule at its shortest (every wait jittered down): what "about a day" promises. */
export function minimumSpanMs(schedule: RetrySchedule): number {
  return schedule.delaysMs.reduce((sum, d) => sum + d * (1 - schedule.jitter), 0);
}

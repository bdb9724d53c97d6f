"use client";

import { formatDateTimeUtc } from "@/components/shared/format";
import { useNow } from "@/components/shared/use-now";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function formatRelative(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** "3 hours ago", with the exact time on hover and for screen readers; ticks every minute. */
export function RelativeTime({ iso, now: serverNow }: { iso: string; now: number }) {
  // The server's clock renders the first HTML (so hydration matches); the browser's ticks after.
  const now = useNow(serverNow, 60_000);
  return (
    <time dateTime={iso} title={formatDateTimeUtc(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

"use client";

import { formatDateTimeUtc } from "@/components/shared/format";
import { useNow } from "@/components/shared/use-now";
import { formatRelative } from "@/components/ui/relative-time";

/** "in 2 minutes", or "due now" once the time has come (the worker picks it up within seconds). */
export function NextAttempt({ iso, now: serverNow }: { iso: string; now: number }) {
  const now = useNow(serverNow, 15_000);
  const due = new Date(iso).getTime() <= now;
  return (
    <time dateTime={iso} title={formatDateTimeUtc(iso)}>
      {due ? "due now" : formatRelative(iso, now)}
    </time>
  );
}

/** An error as a sentence: ends with a full stop, so "Next attempt …" can follow it. */
export function sentence(text: string | null): string {
  if (!text) return "";
  return /[.!?…)]$/.test(text) ? text : `${text}.`;
}

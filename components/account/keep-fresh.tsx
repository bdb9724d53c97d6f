"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useLiveChanges, useLivePollInterval } from "@/components/shared/live-updates";
import { isStatusEvent } from "@/lib/events/types";

/**
 * Re-renders the server page when a porting request changes status (numbers arrive on their own
 * when one completes), when the tab becomes visible again and, only while the event stream is
 * down, every `intervalMs`. The page's own server render is refreshed (rather than polling the
 * API's JSON) because it carries the filters in its URL and the group names the list shows;
 * client state such as an unsaved selection stays.
 */
export function KeepFresh({ intervalMs: whileDown = 60_000 }: { intervalMs?: number }) {
  const router = useRouter();
  const intervalMs = useLivePollInterval(whileDown);
  useLiveChanges((change) => {
    if (isStatusEvent(change.type) || change.type === "resync") router.refresh();
  });
  useEffect(() => {
    if (intervalMs === false) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      clearInterval(timer);
      timer = setInterval(() => router.refresh(), intervalMs);
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        router.refresh();
        start();
      } else clearInterval(timer);
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [router, intervalMs]);
  return null;
}

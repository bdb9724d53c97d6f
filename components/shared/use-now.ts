"use client";

import { useEffect, useState } from "react";

/** The current time: the server's reading for the first render (so hydration matches), then the browser's, every `everyMs`. */
export function useNow(serverNow: number, everyMs = 30_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

"use client";

import { useRouter } from "next/navigation";
import { startTransition, useCallback, useEffect, useState } from "react";

// What a page shows when rendering it failed on the server, most often because the database is
// unreachable for a moment (a restart, a failover): a calm note that retries by itself, every
// few seconds for about two minutes, then leaves it to the reader. The details stay in the server
// log; the reference (digest) lets support find them.

const RETRY_SECONDS = 5;
const AUTOMATIC_RETRIES = 24;

// A failed retry mounts this page afresh: the count lives beside it, and starts over once the
// trouble is a few minutes old.
const retries = { count: 0, since: 0 };

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [secondsLeft, setSecondsLeft] = useState(RETRY_SECONDS);
  const [automatic] = useState(() => {
    if (Date.now() - retries.since > 5 * 60_000) retries.count = 0;
    if (retries.count === 0) retries.since = Date.now();
    return retries.count < AUTOMATIC_RETRIES;
  });

  const retry = useCallback(() => {
    retries.count++;
    startTransition(() => {
      // Render the page on the server again, then leave this boundary.
      router.refresh();
      reset();
    });
  }, [router, reset]);

  useEffect(() => {
    if (!automatic) return;
    const timer = setInterval(() => setSecondsLeft((s) => Math.max(0, s - 1)), 1000);
    return () => clearInterval(timer);
  }, [automatic]);

  useEffect(() => {
    if (automatic && secondsLeft === 0) retry();
  }, [automatic, secondsLeft, retry]);

  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <h1 className="text-2xl font-semibold">We are having trouble loading this page</h1>
      <p className="text-slate-600">
        This is usually over in a few seconds, for example while the service restarts. Nothing you saved is lost.
      </p>
      <p className="text-slate-600" aria-live="polite">
        {automatic
          ? secondsLeft > 0
            ? `Trying again in ${secondsLeft} s…`
            : "Trying again…"
          : "It has not worked for a few minutes. Try again later, or contact support with the reference below."}
      </p>
      <button
        type="button"
        onClick={retry}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
      >
        Try again now
      </button>
      {error.digest ? <p className="text-xs text-slate-500">Reference: {error.digest}</p> : null}
    </main>
  );
}

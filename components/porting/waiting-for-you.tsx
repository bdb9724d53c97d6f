import { Pill } from "@/components/ui/pill";

// "Waiting for you": support asked the customer for information and waits for the reply. A flag
// beside the status (DESIGN.md: conversation is not status), shown on the customer's list and
// request page until the customer answers with a comment or a document. Server and client safe.

/** On the request page, above the status: what support waits for, and where to answer. */
export function WaitingForYouBanner({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl border border-amber-300 bg-amber-50 px-4 py-3" data-testid="waiting-for-you">
      <div className="min-w-0">
        <p className="text-sm font-semibold text-amber-950">Waiting for you</p>
        <p className="mt-0.5 text-sm text-amber-900">Support asked you for information. The request continues once you answer.</p>
      </div>
      <a
        href="#conversation"
        className="inline-flex shrink-0 items-center rounded-md border border-amber-400 bg-white px-3 py-1.5 text-sm font-medium text-amber-950 shadow-sm hover:bg-amber-100"
      >
        Answer support
      </a>
    </div>
  );
}

/** In the list, next to the status. */
export function WaitingForYouBadge({ show }: { show: boolean }) {
  if (!show) return null;
  return (
    <span className="mt-1 block" data-testid="row-waiting-for-you">
      <Pill tone="amber">Waiting for you</Pill>
    </span>
  );
}

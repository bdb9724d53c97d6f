import { destinationKind, formatDestination } from "@/lib/distribution-groups/destinations";

/** A group's destinations in ring order, each marked as a SIP URI or a phone number. */
export function DestinationList({ destinations, className = "" }: { destinations: readonly string[]; className?: string }) {
  return (
    <ol className={`space-y-1.5 text-sm ${className}`} aria-label="Destinations in ring order">
      {destinations.map((destination, index) => {
        const kind = destinationKind(destination);
        return (
          <li key={`${index}-${destination}`} className="flex min-w-0 items-center gap-2">
            <span aria-hidden className="grid h-6 w-6 shrink-0 place-items-center rounded-full bg-slate-100 text-xs font-semibold text-slate-600">
              {index + 1}
            </span>
            <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide text-slate-600">
              {kind === "sip" ? "SIP" : "Phone"}
            </span>
            <span className="min-w-0 truncate font-mono text-[13px] text-slate-900" title={destination}>
              {formatDestination(destination)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

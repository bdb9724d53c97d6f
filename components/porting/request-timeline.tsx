import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { ACTOR_ROLE_LABELS, formatBytes, formatCalendarDate } from "@/components/shared/format";
import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";
import { statusLabel } from "@/lib/porting/statuses";
import type { RequestDocumentJson } from "./conversation-data";
import type { LiveRequest } from "./live-data";

// The request's timeline, newest first: every status change (the new status, the reason, who and
// when) and every document added after the creation (issue 14: each addition is on the timeline,
// while the GET JSON's `history` stays the status changes).

type PortingRequestHistoryEntry = LiveRequest["history"][number];

type Entry =
  | { kind: "status"; at: string; status: PortingRequestHistoryEntry }
  | { kind: "document"; at: string; document: RequestDocumentJson };

function who(actor: { role: PortingRequestHistoryEntry["actor"]["role"]; name: string }): string {
  if (actor.role === "system") return actor.name ? `System (${actor.name})` : "System";
  return `${actor.name} (${ACTOR_ROLE_LABELS[actor.role].toLowerCase()})`;
}

/** Status changes and document additions in one list, newest first (a tie keeps the status change later). */
export function timelineEntries(history: readonly PortingRequestHistoryEntry[], documents: readonly RequestDocumentJson[] = []): Entry[] {
  const entries: Entry[] = [
    ...history.map((status) => ({ kind: "status" as const, at: status.at, status })),
    ...documents.filter((d) => d.addedAfterCreation).map((document) => ({ kind: "document" as const, at: document.createdAt, document })),
  ];
  // Stable: equal times keep their order (history before documents), then the whole is reversed.
  return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).reverse();
}

export function RequestTimeline({
  history,
  documents = [],
  renderedAt,
}: {
  history: PortingRequestHistoryEntry[];
  /** The request's documents; those added after the creation appear as entries. */
  documents?: readonly RequestDocumentJson[];
  renderedAt: number;
}) {
  const entries = timelineEntries(history, documents);
  const newestStatus = entries.find((e) => e.kind === "status");
  return (
    <ol className="relative space-y-5">
      {entries.map((entry, index) => (
        <li key={entry.kind === "status" ? `status-${entry.at}-${index}` : `document-${entry.document.id}`} className="relative pl-7">
          {index < entries.length - 1 ? (
            <span aria-hidden className="absolute top-5 bottom-[-1.25rem] left-[7px] w-px bg-slate-200" />
          ) : null}
          {entry.kind === "status" ? (
            <StatusEntry entry={entry.status} current={entry === newestStatus} renderedAt={renderedAt} />
          ) : (
            <DocumentEntry document={entry.document} renderedAt={renderedAt} />
          )}
        </li>
      ))}
    </ol>
  );
}

function StatusEntry({ entry, current, renderedAt }: { entry: PortingRequestHistoryEntry; current: boolean; renderedAt: number }) {
  return (
    <>
      <span
        aria-hidden
        className={`absolute top-1 left-0 h-[15px] w-[15px] rounded-full border-2 border-white ring-1 ${
          current ? "bg-brand-600 ring-brand-600" : "bg-slate-300 ring-slate-300"
        }`}
      />
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <StatusBadge status={entry.to} />
        {entry.from && entry.from !== entry.to ? (
          <span className="text-xs text-slate-500">from {statusLabel(entry.from)}</span>
        ) : entry.from === entry.to ? (
          <span className="text-xs text-slate-500">new date</span>
        ) : (
          <span className="text-xs text-slate-500">request created</span>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-900">{entry.reason}</p>
      {entry.firstPossiblePortingDate ? (
        <p className="mt-1 text-sm text-slate-700">
          First possible porting date: <strong>{formatCalendarDate(entry.firstPossiblePortingDate)}</strong>
        </p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">
        {who(entry.actor)} · <RelativeTime iso={entry.at} now={renderedAt} />
      </p>
    </>
  );
}

function DocumentEntry({ document, renderedAt }: { document: RequestDocumentJson; renderedAt: number }) {
  return (
    <div data-testid="timeline-document">
      <span aria-hidden className="absolute top-1 left-0 flex h-[15px] w-[15px] items-center justify-center rounded-sm bg-white ring-1 ring-slate-300">
        <span className="h-[7px] w-[5px] rounded-[1px] bg-slate-400" />
      </span>
      <p className="text-sm font-medium text-slate-900">Document added: {DOCUMENT_KIND_LABELS[document.kind]}</p>
      <p className="mt-0.5 truncate text-sm text-slate-700" title={document.fileName}>
        {document.fileName} · {formatBytes(document.size)}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        {document.uploadedBy ? `${who(document.uploadedBy)} · ` : ""}
        <RelativeTime iso={document.createdAt} now={renderedAt} />
      </p>
    </div>
  );
}

import { FINAL_STATUSES, PORTING_STATUSES, type PortingStatus } from "@/lib/porting/values";

// The support queue's tabs as data: which statuses each shows and in which order. Open work is
// shown oldest waiting first (the longest wait is the most urgent); finished work newest first
// (what just happened is what an agent looks for). Pure: the page, the JSON route and the query
// read this one table. Safe to import from client components.

export type QueueOrder = "oldest_first" | "newest_first";

export type QueueView = {
  id: QueueViewId;
  label: string;
  statuses: readonly PortingStatus[];
  order: QueueOrder;
  /** New work: drawn with an accent so it is seen first. */
  emphasis: boolean;
};

export const OPEN_STATUSES = PORTING_STATUSES.filter(
  (s) => !(FINAL_STATUSES as readonly PortingStatus[]).includes(s),
) as readonly PortingStatus[];

export const QUEUE_VIEW_IDS = ["open", ...PORTING_STATUSES, "all"] as const;
export type QueueViewId = (typeof QUEUE_VIEW_IDS)[number];

export const DEFAULT_QUEUE_VIEW: QueueViewId = "open";

const single = (status: PortingStatus, label: string, emphasis = false): QueueView => ({
  id: status,
  label,
  statuses: [status],
  order: OPEN_STATUSES.includes(status) ? "oldest_first" : "newest_first",
  emphasis,
});

export const QUEUE_VIEWS: Record<QueueViewId, QueueView> = {
  open: { id: "open", label: "Open", statuses: OPEN_STATUSES, order: "oldest_first", emphasis: false },
  requested: single("requested", "Requested", true),
  in_progress: single("in_progress", "In progress"),
  delayed: single("delayed", "Delayed"),
  ready_to_be_ported: single("ready_to_be_ported", "Ready to be ported"),
  blocked: single("blocked", "Blocked"),
  cancelled: single("cancelled", "Cancelled"),
  completed: single("completed", "Completed"),
  all: { id: "all", label: "All", statuses: PORTING_STATUSES, order: "newest_first", emphasis: false },
};

export const QUEUE_VIEW_LIST: readonly QueueView[] = QUEUE_VIEW_IDS.map((id) => QUEUE_VIEWS[id]);

/** Tab counts from per-status counts. */
export function viewCounts(counts: Record<PortingStatus, number>): Record<QueueViewId, number> {
  return Object.fromEntries(
    QUEUE_VIEW_LIST.map((view) => [view.id, view.statuses.reduce((sum, s) => sum + (counts[s] ?? 0), 0)]),
  ) as Record<QueueViewId, number>;
}

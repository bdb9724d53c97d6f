// The account event record's names (DESIGN.md, Events; docs/events.md). Client-safe: the pages'
// live updates read the types too.

export const EVENT_TYPES = {
  created: "porting_request.created",
  statusChanged: "porting_request.status_changed",
  commentAdded: "porting_request.comment_added",
  documentAdded: "porting_request.document_added",
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export const EVENT_TYPE_VALUES = Object.values(EVENT_TYPES) as readonly EventType[];

/** Status changes (the creation included): the only events the per-request callback URL receives. */
export function isStatusEvent(type: string): boolean {
  return type === EVENT_TYPES.created || type === EVENT_TYPES.statusChanged;
}

/**
 * pg_notify channel for committed events; the payload is the event's account id. Separate from the
 * workers' channel (lib/porting/outbox.ts), which wakes delivery, not the pages.
 */
export const EVENTS_CHANNEL = "voice_porting_events";

/** How long events are kept for Last-Event-ID (at least the 24 hours DESIGN promises). */
export const EVENT_RETENTION_HOURS = 7 * 24;

/**
 * pg_notify channel for the pages' hints (payload "<account id>:<porting request id>[:<hint>]"):
 * changes that are not events, so nothing is kept and integrators never see them. `delivery`
 * (the default): the worker recorded a delivery attempt (notification panels, support's outbox);
 * `internal_note`: support added an internal note (support's pages only, never the account's).
 */
export const DELIVERIES_CHANNEL = "voice_porting_deliveries";

export const PAGE_HINTS = ["delivery", "internal_note"] as const;
export type PageHint = (typeof PAGE_HINTS)[number];

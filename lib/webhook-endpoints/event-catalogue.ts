import { EVENT_TYPES, type EventType } from "@/lib/events/types";

// The catalogue webhook endpoints subscribe from (GET /api/v1/event-types): every type the event
// record holds (lib/events/types.ts), each with what it means for a receiver. A Record over
// EventType, so a type added there fails to compile here until it is described. Client-safe: the
// Settings page lists it.

const DESCRIPTIONS: Record<EventType, string> = {
  [EVENT_TYPES.created]:
    "A porting request was created (status `requested`). The body is the request exactly as Get Porting Request answers it.",
  [EVENT_TYPES.statusChanged]:
    "A porting request changed status (accepted, delayed, ready, performed, completed, cancelled, blocked). The body is the request after the change, exactly as Get Porting Request answers it.",
  [EVENT_TYPES.commentAdded]:
    "A comment was added to a porting request's conversation (by you or by support; never support's internal notes). Body: `{ portingRequestId, reference, comment }`.",
  [EVENT_TYPES.documentAdded]:
    "A document was added to a porting request. Body: `{ portingRequestId, reference, document }` (the file itself: Get Document).",
};

export type EventTypeInfo = { type: EventType; description: string };

export const EVENT_CATALOGUE: readonly EventTypeInfo[] = (Object.keys(DESCRIPTIONS) as EventType[]).map((type) => ({ type, description: DESCRIPTIONS[type] }));

export const EVENT_CATALOGUE_TYPES = EVENT_CATALOGUE.map((e) => e.type) as [EventType, ...EventType[]];

/**
 * What POST …/{id}/test sends. Not an event: it is never in the event stream or the record, and
 * not in the catalogue (nobody subscribes to it); every endpoint receives it when asked, enabled or not.
 */
export const TEST_EVENT_TYPE = "webhook_endpoint.test";

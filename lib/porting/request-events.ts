import "server-only";
import type { Executor } from "@/db";
import { recordEvent } from "@/lib/events/record";
import { EVENT_TYPES } from "@/lib/events/types";
import type { CommentDto } from "./comments";
import type { RequestDocumentDto } from "./documents";

// What happens beside a request's status (DESIGN.md, "Events"): a comment or a document added is an
// event of the account, for its webhook endpoints and its event stream, and never for the
// request's own callback URL, which keeps receiving status changes only (the spec's callback).
// Recorded in the caller's transaction, so the event exists exactly when the comment or document
// does. Internal notes are never an event: the verb does not call this for them.

export const REQUEST_EVENT_TYPES = {
  commentAdded: EVENT_TYPES.commentAdded,
  documentAdded: EVENT_TYPES.documentAdded,
} as const;

export type RequestEvent =
  | {
      type: typeof REQUEST_EVENT_TYPES.commentAdded;
      accountId: string;
      portingRequestId: string;
      reference: string;
      comment: CommentDto;
    }
  | {
      type: typeof REQUEST_EVENT_TYPES.documentAdded;
      accountId: string;
      portingRequestId: string;
      reference: string;
      document: RequestDocumentDto;
    };

/** The event's public body, as documented in the OpenAPI document (lib/api/conversation-schemas.ts `CommentAddedEvent`, `DocumentAddedEvent`). */
export function requestEventData(event: RequestEvent) {
  // `portingRequestId` at the top, as every event that is not a status change names its request
  // (the pages' live updates read it there; a status change's body is the request itself).
  const request = { portingRequestId: event.portingRequestId, reference: event.reference };
  if (event.type === REQUEST_EVENT_TYPES.commentAdded) {
    if (event.comment.internal) throw new Error("requestEventData: an internal note is never an event");
    const { internal: _internal, ...comment } = event.comment;
    return { ...request, comment };
  }
  return { ...request, document: event.document };
}

/** Records the event in the caller's transaction (lib/events/record.ts): the event stream and the account's webhook endpoints read it. */
export async function recordRequestEvent(tx: Executor, event: RequestEvent): Promise<void> {
  await recordEvent(tx, {
    accountId: event.accountId,
    portingRequestId: event.portingRequestId,
    type: event.type,
    body: requestEventData(event),
  });
}

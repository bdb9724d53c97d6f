import { z } from "zod";
import { EVENT_RETENTION_HOURS, EVENT_TYPES } from "@/lib/events/types";
import { portingRequestExample } from "./examples";

// GET /api/v1/events in the OpenAPI document and on the reference page: the query it takes, what
// a stream looks like, and what each event carries (docs/events.md says why it is built this way).

export const EventsQuery = z
  .strictObject({
    lastEventId: z
      .string()
      .trim()
      .min(1, "Give the id of the last event you received (msg_…), or leave lastEventId out.")
      .max(200, "An event id is at most 200 characters.")
      .optional()
      .describe("For clients that cannot set the Last-Event-ID header: resume after this event. The header wins when both are sent."),
  })
  .describe("Where to resume.");

export const LAST_EVENT_ID_HEADER = {
  name: "Last-Event-ID",
  description: `The \`id\` of the last event you received: the stream starts with the events after it (kept ${EVENT_RETENTION_HOURS / 24} days), then goes on live. Browsers' EventSource sends it by itself when it reconnects. Without it, the stream starts with the next event. An id that is not kept, or not yours, is a 410.`,
  example: "msg_2tq9ZPxkVY6wKxRDTjSKvA",
};

export const EVENT_KINDS = [
  {
    type: EVENT_TYPES.created,
    when: "A porting request was created (through the API or the app).",
    data: "The request's JSON exactly as Get Porting Request answered right after the change; the same body the request's `callbackUrl` receives.",
  },
  {
    type: EVENT_TYPES.statusChanged,
    when: "A porting request changed status (support accepted, delayed, blocked…; you performed or cancelled).",
    data: "The request's JSON exactly as Get Porting Request answered right after the change, as the callback. `version` orders the changes of one request.",
  },
  {
    type: EVENT_TYPES.commentAdded,
    when: "A comment was added to a request by you or by support (never support's internal notes).",
    data: "`{ portingRequestId, reference, comment }`: the comment as List Comments returns it.",
  },
  {
    type: EVENT_TYPES.documentAdded,
    when: "A document was added to a request after it was created.",
    data: "`{ portingRequestId, reference, document }`: the document as List Documents returns it (without the file; download it by its URL).",
  },
] as const;

const exampleFrame = (id: string, type: string, data: unknown) => `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

export const eventStreamExample =
  "retry: 3000\n\n: connected\n\n" +
  exampleFrame("msg_2tq9ZPxkVY6wKxRDTjSKvA", EVENT_TYPES.statusChanged, { ...portingRequestExample, status: "in_progress", statusLabel: "In progress", version: 2 }) +
  ": heartbeat\n\n";

// Plain sentences: the reference page renders `code` and nothing else of Markdown.
export const EVENTS_DESCRIPTION = [
  "Your account's events as Server-Sent Events (`text/event-stream`), live: one event per status change (the creation included), comment and document addition. A support key gets every account's. The connection stays open; read it with any SSE client (a browser's `EventSource`, `curl -N`).",
  "Each event has `id:` (its message id, `msg_…`: for a status change the same `webhook-id` its callback carries, so one change is one id everywhere), `event:` (its type) and `data:` (one line of JSON). Events come in the order they were committed, each once per connection.",
  `Types: ${EVENT_KINDS.map((k) => `\`${k.type}\` (${k.when.replace(/\.$/, "")})`).join("; ")}. A status change's data is the request's JSON as Get Porting Request answers right after it (the callback's body); a comment's or document's is \`{ portingRequestId, reference, comment | document }\`.`,
  `Reconnect with \`Last-Event-ID\` (header, or the \`lastEventId\` query parameter) set to the last \`id\` you received, and the stream resumes right after it from the same records that feed the callbacks, kept ${EVENT_RETENTION_HOURS / 24} days; nothing is lost or repeated. An id that is not kept any more, or not yours, is a 410: read the current state (List Porting Requests) and reconnect without it. A comment line (\`: heartbeat\`) comes every 20 seconds so proxies keep the connection open; the server ends a stream whose key is revoked or whose user is disabled. Opening a stream counts as one request against the key's rate limit.`,
].join(" ");

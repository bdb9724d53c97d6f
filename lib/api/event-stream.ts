import "server-only";
import { getDb, type Executor } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { currentSessionVersion, invalidStreamCredentials } from "@/lib/auth/stream-credentials";
import { env } from "@/lib/env";
import { framesOf, getEventHub, type EventHub, type HubMessage, type StreamCredential, type Subscriber } from "@/lib/events/hub";
import { comparePositions, findEventPosition, readEvents, type EventPosition } from "@/lib/events/read";
import { commentFrame, retryFrame, SSE_HEADERS } from "@/lib/events/sse";
import { EVENT_RETENTION_HOURS } from "@/lib/events/types";
import { parseStrict } from "./body";
import { EventsQuery } from "./event-docs";
import { queryOf } from "./json";
import { HttpProblem } from "./problem";

// An open event stream (GET /api/v1/events for integrators, GET /api/live for the app's pages):
// the events after Last-Event-ID read from the record, then the live ones from the process's hub,
// in one order with no gap and no repeat (docs/events.md).
//
// The stream subscribes to the hub BEFORE it reads the backlog and holds live events back
// meanwhile: every event is then either in the backlog read or among the held ones (both in the
// record's order), and those at or before the last one sent are dropped.

/** Bytes a client may leave unread before its stream is ended (it reconnects with Last-Event-ID). */
const MAX_UNREAD_BYTES = 1024 * 1024;
const BACKLOG_PAGE = 500;
/** How long a browser waits before it reconnects (EventSource's retry). */
const RETRY_MS = 3_000;

export type StreamOptions = {
  /** The app's own pages: slim events (id, type, request) and delivery hints. */
  page: boolean;
  apiKeyId: string | null;
  hub?: EventHub;
  db?: Executor;
};

/** The Last-Event-ID a client sent: the header EventSource sets, or `lastEventId` for clients that cannot set headers. */
export function lastEventIdOf(request: Request): string | null {
  const query = parseStrict(EventsQuery, queryOf(request));
  const header = request.headers.get("last-event-id")?.trim();
  return header || query.lastEventId || null;
}

export function processEventHub(): EventHub {
  return getEventHub(() => ({
    heartbeatMs: env.EVENTS_HEARTBEAT_SECONDS * 1000,
    revalidate: (credentials) => invalidStreamCredentials(credentials),
  }));
}

export async function openEventStream(request: Request, actor: Actor, options: StreamOptions): Promise<Response> {
  const hub = options.hub ?? processEventHub();
  const db = options.db ?? getDb();
  const accountId = actor.role === "support" ? null : actor.accountId;
  // A key's stream is its side of the account; a session's API stream is live; the account's own
  // pages (a session) hear both, since a sandbox request's page follows its changes too.
  const sandbox = actor.role === "support" ? false : (actor.sandbox ?? (options.page ? null : false));

  const lastEventId = lastEventIdOf(request);
  let after: EventPosition | null = null;
  if (lastEventId) {
    after = await findEventPosition(db, lastEventId, accountId, sandbox);
    // Another account's id is answered exactly as an unknown one.
    if (!after) {
      throw new HttpProblem(
        410,
        `Event ${JSON.stringify(lastEventId.slice(0, 100))} is not kept (events are kept ${EVENT_RETENTION_HOURS / 24} days) or is not one of yours, so the stream cannot resume after it. Read the current state (GET /api/v1/porting-requests) and reconnect without Last-Event-ID.`,
      );
    }
  }
  await hub.start();

  const credential: StreamCredential = {
    userId: actor.userId,
    sessionVersion: options.apiKeyId ? null : await currentSessionVersion(actor.userId, db),
    apiKeyId: options.apiKeyId,
    accountId,
  };

  let unsubscribe: (() => void) | null = null;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let live = false;
  const held: HubMessage[] = [];
  let last = after;
  let drained: (() => void) | null = null;

  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe?.();
    request.signal.removeEventListener("abort", close);
    drained?.();
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  };
  const write = (frame: Uint8Array) => {
    if (closed) return;
    try {
      controller.enqueue(frame);
    } catch {
      return close();
    }
    // A client that stopped reading would make the server keep its events for ever.
    if ((controller.desiredSize ?? 0) < -MAX_UNREAD_BYTES) close();
  };
  const send = (message: HubMessage) => {
    if (message.kind === "event") {
      if (last && comparePositions(message.position, last) <= 0) return;
      last = message.position;
    }
    write(message.kind === "event" ? (options.page ? message.frames.slim() : message.frames.full()) : message.frame);
  };

  const subscriber: Subscriber = {
    accountId,
    sandbox,
    page: options.page,
    credential,
    receive: (message) => (live ? send(message) : void held.push(message)),
    write,
    end: (reason) => {
      if (reason === "credential") write(commentFrame("the credential of this stream is no longer valid"));
      close();
    },
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        drained?.();
        drained = null;
      },
      cancel: close,
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );

  request.signal.addEventListener("abort", close);
  unsubscribe = hub.subscribe(subscriber);
  write(retryFrame(RETRY_MS));
  write(commentFrame("connected"));

  // The backlog is sent while the response streams; the client sees the first bytes at once.
  void (async () => {
    try {
      if (after) {
        for (;;) {
          const page = await readEvents(db, { after: last, accountId, sandbox, limit: BACKLOG_PAGE });
          for (const event of page.events) {
            if (closed) return;
            send({ kind: "event", event, position: { txId: event.txId, id: event.id }, frames: framesOf(event) });
            // Waits for the client to read before the next page, however long the backlog.
            while (!closed && (controller.desiredSize ?? 1) <= 0) await new Promise<void>((r) => (drained = r));
          }
          // Held-back events come through the hub once their turn comes.
          if (page.events.length < BACKLOG_PAGE || page.heldBack) break;
        }
      }
      for (const message of held.splice(0)) send(message);
      live = true;
    } catch {
      // The database went away mid-backlog: the client reconnects with the last id it got.
      close();
    }
  })();

  return new Response(stream, { status: 200, headers: SSE_HEADERS });
}

import "server-only";
import postgres from "postgres";
import { databaseUrl, getDb, type Executor } from "@/db";
import { assertPostgresPatched } from "@/db/postgres-patch";
import { getLogger } from "@/lib/observability/logger";
import { reportEventStreams } from "@/lib/observability/metrics";
import { poolApplicationName } from "@/lib/observability/pool";
import { latestPosition, positionOf, readEvents, type EventPosition, type StoredEvent } from "./read";
import { commentFrame, eventFrame } from "./sse";
import { DELIVERIES_CHANNEL, EVENTS_CHANNEL, PAGE_HINTS } from "./types";

// One per server process (docs/events.md): ONE LISTEN connection, whatever the number of open
// streams. A notification only says "something committed"; the hub then reads the event record
// from where it stopped (one query, whatever the number of streams) and hands each event, framed
// once, to the streams of its account and to support's. The record, not the notification, is
// the source: a notification lost while the connection was down costs nothing, because the
// reconnect (with backoff) reads on from the same position, and a backstop read every few seconds
// covers a connection that died without saying so.
//
// Pages get each event slim (its id, type and request: a page refetches what changed, and a
// thousand open pages then cost a thousand small writes, not a thousand copies of the request),
// and hints that are not events (a delivery attempt was recorded: the request page's
// notifications and support's outbox refresh); integrators get the whole body and no hints.

export type EventFrames = {
  /** `id:`, `event:` and the body: the event stream of GET /api/v1/events. */
  full(): Uint8Array;
  /** `id:`, `event:` and `{"portingRequestId":…}`: the pages' stream. */
  slim(): Uint8Array;
};

/** An event's frames, each made once however many streams send it. */
export function framesOf(event: StoredEvent): EventFrames {
  let full: Uint8Array | null = null;
  let slim: Uint8Array | null = null;
  return {
    full: () => (full ??= eventFrame({ id: event.messageId, event: event.type, data: event.body })),
    slim: () => (slim ??= eventFrame({ id: event.messageId, event: event.type, data: JSON.stringify({ portingRequestId: event.portingRequestId }) })),
  };
}

export type HubMessage =
  | { kind: "event"; event: StoredEvent; position: EventPosition; frames: EventFrames }
  | { kind: "hint"; accountId: string; frame: Uint8Array };

/** Who a stream was opened as; checked again every `revalidateMs` (a revoked key or an ended session ends it). */
export type StreamCredential = {
  userId: string;
  /** The session's version (sessions); null for an API key. */
  sessionVersion: number | null;
  apiKeyId: string | null;
  /** The account the stream reads (null: support, every account). */
  accountId: string | null;
};

export type Subscriber = {
  /** One account's events, or every account's (support): null. */
  accountId: string | null;
  /**
   * Which side of the account (DESIGN.md, Sandbox): the sandbox's events only (a test key), both
   * (null: the account's own pages in a browser), or, when false or absent, the live ones only
   * (live keys, sessions' API streams and support, who never sees a sandbox event).
   */
  sandbox?: boolean | null;
  /** A page of the app: slim events and the delivery hints. */
  page: boolean;
  credential: StreamCredential;
  receive(message: HubMessage): void;
  /** A frame for every stream (heartbeats). */
  write(frame: Uint8Array): void;
  /** The hub ends this stream (its credential is no longer valid, or the hub stops). */
  end(reason: string): void;
};

export type HubOptions = {
  databaseUrl: string;
  db: Executor;
  /** A comment line to every stream this often, so proxies keep idle streams open. */
  heartbeatMs?: number;
  /** A read of the record this often whatever the notifications say. */
  backstopMs?: number;
  /** How often open streams' credentials are checked again. */
  revalidateMs?: number;
  /** The credentials (of those given) that are no longer valid. */
  revalidate?: (credentials: StreamCredential[]) => Promise<Set<StreamCredential>>;
};

const READ_BATCH = 1_000;

export class EventHub {
  private readonly all = new Set<Subscriber>();
  private readonly byAccount = new Map<string, Set<Subscriber>>();
  private readonly everyAccount = new Set<Subscriber>();
  private cursor: EventPosition | null = null;
  private startPromise: Promise<void> | null = null;
  private listenClient: postgres.Sql | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private heldBackTimer: NodeJS.Timeout | null = null;
  private heldBackDelay = 0;
  private failures = 0;
  private readonly timers: NodeJS.Timeout[] = [];
  private reading = false;
  private again = false;
  private stopped = false;
  /** Counters for tests, the bench and GET /api/metrics-style checks. */
  readonly stats = { reads: 0, events: 0, notifications: 0, connects: 0 };

  constructor(private readonly options: HubOptions) {}

  /** Reports this hub's streams and connection to GET /api/metrics (the process's hub does). */
  reportMetrics(): this {
    reportEventStreams(() => ({ open: this.all.size, listening: this.connected }));
    return this;
  }

  /** Connects (once; later calls wait for the same start) and starts from the newest event. */
  start(): Promise<void> {
    // A database that is away at the first stream fails that stream (503); the next one tries again.
    this.startPromise ??= this.begin().catch((error: unknown) => {
      this.startPromise = null;
      throw error;
    });
    return this.startPromise;
  }

  private async begin(): Promise<void> {
    this.cursor = await latestPosition(this.options.db);
    await this.connectListener(true);
    const every = (ms: number, fn: () => void) => {
      const timer = setInterval(fn, ms);
      timer.unref();
      this.timers.push(timer);
    };
    const heartbeat = commentFrame("heartbeat");
    every(this.options.heartbeatMs ?? 20_000, () => {
      for (const s of this.all) s.write(heartbeat);
    });
    every(this.options.backstopMs ?? 5_000, () => this.wake());
    if (this.options.revalidate) every(this.options.revalidateMs ?? 60_000, () => void this.revalidate());
  }

  get size(): number {
    return this.all.size;
  }

  get connected(): boolean {
    return this.listenClient !== null;
  }

  /** Adds a stream; the returned function removes it (idempotent). */
  subscribe(subscriber: Subscriber): () => void {
    this.all.add(subscriber);
    if (subscriber.accountId === null) this.everyAccount.add(subscriber);
    else {
      let set = this.byAccount.get(subscriber.accountId);
      if (!set) this.byAccount.set(subscriber.accountId, (set = new Set()));
      set.add(subscriber);
    }
    return () => this.unsubscribe(subscriber);
  }

  private unsubscribe(subscriber: Subscriber): void {
    this.all.delete(subscriber);
    this.everyAccount.delete(subscriber);
    if (subscriber.accountId !== null) {
      const set = this.byAccount.get(subscriber.accountId);
      set?.delete(subscriber);
      if (set?.size === 0) this.byAccount.delete(subscriber.accountId);
    }
  }

  /** Reads the record from the hub's position (coalesced: one read at a time, one more if woken meanwhile). */
  wake(): void {
    if (this.stopped || !this.startPromise) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    void this.readOn();
  }

  private async readOn(): Promise<void> {
    this.reading = true;
    try {
      do {
        this.again = false;
        let heldBack = false;
        for (;;) {
          this.stats.reads += 1;
          const page = await readEvents(this.options.db, { after: this.cursor, limit: READ_BATCH });
          for (const event of page.events) this.dispatch(event);
          heldBack = page.heldBack;
          if (page.events.length < READ_BATCH || heldBack) break;
        }
        if (heldBack) this.retryHeldBack();
        else this.heldBackDelay = 0;
      } while (this.again && !this.stopped);
    } catch (error) {
      // The database is away; the backstop read or the listener's reconnect tries again.
      getLogger().debug({ err: error }, "event hub: could not read the event record");
    } finally {
      this.reading = false;
    }
  }

  /** A committed event waits behind an older transaction still running: look again soon. */
  private retryHeldBack(): void {
    if (this.heldBackTimer) return;
    this.heldBackDelay = Math.min(Math.max(this.heldBackDelay * 2, 20), 500);
    this.heldBackTimer = setTimeout(() => {
      this.heldBackTimer = null;
      this.wake();
    }, this.heldBackDelay);
    this.heldBackTimer.unref();
  }

  private dispatch(event: StoredEvent): void {
    const position = positionOf(event);
    this.cursor = position;
    this.stats.events += 1;
    const targets = this.byAccount.get(event.accountId);
    if (!targets && this.everyAccount.size === 0) return;
    // Framed once for every stream that gets it.
    const message: HubMessage = { kind: "event", event, position, frames: framesOf(event) };
    for (const s of targets ?? []) if (sees(s, event)) deliver(s, message);
    for (const s of this.everyAccount) if (sees(s, event)) deliver(s, message);
  }

  private hint(payload: string): void {
    // "<account id>:<porting request id>[:<kind>]" (lib/events/types.ts, PAGE_HINTS): a delivery
    // attempt the worker recorded, or an internal note, which only support's pages may hear of.
    const [accountId, portingRequestId, kind = "delivery"] = payload.split(":");
    if (!accountId || !(PAGE_HINTS as readonly string[]).includes(kind)) return;
    const supportOnly = kind === "internal_note";
    const targets = [...(supportOnly ? [] : (this.byAccount.get(accountId) ?? [])), ...this.everyAccount].filter((s) => s.page);
    if (targets.length === 0) return;
    const message: HubMessage = { kind: "hint", accountId, frame: eventFrame({ event: kind, data: JSON.stringify({ portingRequestId: portingRequestId || null }) }) };
    for (const s of targets) deliver(s, message);
  }

  // ---- the LISTEN connection ----------------------------------------------------------------------

  private async connectListener(first: boolean): Promise<void> {
    if (this.stopped) return;
    const client = postgres(this.options.databaseUrl, {
      max: 1,
      // Never closed for being idle or old: it is the instance's ear.
      idle_timeout: 0,
      max_lifetime: 0,
      fetch_types: false,
      connect_timeout: 10,
      onnotice: () => {},
      connection: { application_name: poolApplicationName("events") },
      onclose: () => {
        if (this.listenClient === client) this.listenerLost(client, null);
      },
      // postgres.js calls it for every NOTIFY on this connection; its types do not declare it.
      ...({
        onnotify: (channel: string, payload: string) => {
          this.stats.notifications += 1;
          if (channel === EVENTS_CHANNEL) this.wake();
          else if (channel === DELIVERIES_CHANNEL) this.hint(payload);
        },
      } as object),
    });
    try {
      await client.unsafe(`listen ${EVENTS_CHANNEL}`);
      await client.unsafe(`listen ${DELIVERIES_CHANNEL}`);
      if (this.stopped) return void client.end({ timeout: 0 });
      this.listenClient = client;
      this.stats.connects += 1;
      if (this.failures > 0) getLogger().info({ failures: this.failures }, "event hub: listening again");
      this.failures = 0;
      // Whatever committed while nobody listened.
      if (!first) this.wake();
    } catch (error) {
      void client.end({ timeout: 0 }).catch(() => {});
      if (first && this.failures === 0) getLogger().warn({ err: error }, "event hub: could not listen; retrying");
      this.scheduleReconnect();
    }
  }

  private listenerLost(client: postgres.Sql, error: unknown): void {
    this.listenClient = null;
    void client.end({ timeout: 0 }).catch(() => {});
    getLogger().warn({ err: error ?? undefined }, "event hub: the LISTEN connection closed; reconnecting");
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    // 100 ms, doubling to 10 s, ±20 %: a restarting database is not hammered by every instance at once.
    const delay = Math.min(100 * 2 ** this.failures, 10_000) * (0.8 + Math.random() * 0.4);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connectListener(false);
    }, delay);
    this.reconnectTimer.unref();
  }

  // ---- credentials ----------------------------------------------------------------------------------

  private async revalidate(): Promise<void> {
    if (!this.options.revalidate || this.all.size === 0) return;
    const subscribers = [...this.all];
    try {
      const invalid = await this.options.revalidate(subscribers.map((s) => s.credential));
      for (const s of subscribers) if (invalid.has(s.credential)) s.end("credential");
    } catch (error) {
      getLogger().debug({ err: error }, "event hub: could not check the streams' credentials");
    }
  }

  /** Ends every stream and closes the connection (tests; a process that stops). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.heldBackTimer) clearTimeout(this.heldBackTimer);
    for (const s of [...this.all]) s.end("stopping");
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end({ timeout: 1 });
  }
}

function sees(subscriber: Subscriber, event: StoredEvent): boolean {
  return subscriber.sandbox === null || event.sandbox === (subscriber.sandbox ?? false);
}

function deliver(subscriber: Subscriber, message: HubMessage): void {
  try {
    subscriber.receive(message);
  } catch (error) {
    // One broken stream never stops the others.
    subscriber.end("error");
    getLogger().debug({ err: error }, "event hub: a stream refused a message");
  }
}

// The process's hub, kept on globalThis: a dev-mode reload (HMR) re-evaluates this module, and a
// second hub would open a second LISTEN connection and deliver every event twice.
const holder = globalThis as unknown as { __portingEventHub?: EventHub };

export function getEventHub(configure?: () => Omit<HubOptions, "databaseUrl" | "db">): EventHub {
  if (!holder.__portingEventHub) {
    assertPostgresPatched();
    holder.__portingEventHub = new EventHub({ databaseUrl: databaseUrl(), db: getDb(), ...configure?.() }).reportMetrics();
  }
  return holder.__portingEventHub;
}

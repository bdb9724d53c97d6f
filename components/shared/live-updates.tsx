"use client";

import { useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { EVENT_TYPES, EVENT_TYPE_VALUES, isStatusEvent, PAGE_HINTS } from "@/lib/events/types";
import { POLL_INTERVAL_MS } from "./fetch-json";

// Pushed, not polled (issue 13): one EventSource per tab on GET /api/live, opened while a live
// query is on the page. Each event invalidates exactly the react-query keys it changes; only the
// queries on screen refetch. Pages poll (slowly, POLL_INTERVAL_MS) only while the stream is down:
// every live query takes its refetchInterval from useLivePollInterval().
//
// The browser's EventSource reconnects by itself with Last-Event-ID, so a short drop loses
// nothing. A refused stream (401: signed out, 410: too long away, 5xx) closes for good: it is
// opened again, fresh, with a growing delay, and everything on screen is refetched when it opens.

/**
 * What an event or hint says changed. `resync`: the stream (re)opened and anything may have
 * changed meanwhile (the queries on screen are refetched; pages that show server-rendered data
 * refresh it).
 */
export type LiveChange = { type: string; portingRequestId: string | null };

/** The keys a change makes stale; one place for every page (add yours here). */
export function keysToInvalidate(change: LiveChange): QueryKey[] {
  const id = change.portingRequestId;
  // Support added an internal note (support's pages only hear of it): the conversation.
  if (change.type === "internal_note") return id ? [["porting-request-comments", id]] : [];
  if (change.type === "delivery") {
    // A delivery attempt was recorded (not an event): the notification panels and support's lists of them.
    // Webhook endpoint attempts come as hints without a request: the Webhooks page's delivery lists.
    return [...(id ? [["porting-request-notifications", id]] : []), ["support-outbox"], ["support-callbacks"], ["support-status"], ["webhook-deliveries"]];
  }
  // Every event may have queued deliveries to the account's webhook endpoints (Settings → Webhooks).
  const keys: QueryKey[] = [["porting-requests"], ["support-queue"], ["webhook-deliveries"]];
  if (id) keys.push(["porting-request", id]);
  // The conversation panel and the documents list of the request (lib/events/types.ts).
  if (id && change.type === EVENT_TYPES.commentAdded) keys.push(["porting-request-comments", id]);
  if (id && change.type === EVENT_TYPES.documentAdded) keys.push(["porting-request-documents", id]);
  if (isStatusEvent(change.type)) {
    // A status change also queues its email and callback.
    if (id) keys.push(["porting-request-notifications", id]);
    keys.push(["support-status"], ["support-outbox"], ["support-callbacks"]);
  }
  return keys;
}

type Listener = (change: LiveChange) => void;

class LiveConnection {
  connected = false;
  private readonly subscribers = new Set<() => void>();
  private readonly listeners = new Set<Listener>();
  private users = 0;
  private source: EventSource | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(private readonly client: QueryClient) {}

  subscribe = (onChange: () => void) => {
    this.subscribers.add(onChange);
    return () => this.subscribers.delete(onChange);
  };

  getSnapshot = () => this.connected;

  /** A live query is on the page: the stream is needed. */
  use(): () => void {
    this.users += 1;
    if (this.users === 1) this.open();
    return () => {
      this.users -= 1;
      // Navigations unmount one page's queries before the next page's mount: close a moment later.
      if (this.users === 0) setTimeout(() => this.users === 0 && this.close(), 1_000);
    };
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setConnected(value: boolean) {
    if (this.connected === value) return;
    this.connected = value;
    for (const s of this.subscribers) s();
  }

  private open() {
    if (this.source || typeof EventSource === "undefined") return;
    const source = new EventSource("/api/live");
    this.source = source;
    source.onopen = () => {
      this.failures = 0;
      this.setConnected(true);
      // Whatever changed between the server's render (or the drop) and now: refetch what is on screen, once.
      void this.client.invalidateQueries({ type: "active" });
      for (const listener of this.listeners) listener({ type: "resync", portingRequestId: null });
    };
    source.onerror = () => {
      this.setConnected(false);
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects with Last-Event-ID
      source.close();
      this.source = null;
      const delay = Math.min(1_000 * 2 ** this.failures, 30_000);
      this.failures += 1;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        if (this.users > 0) this.open();
      }, delay);
    };
    const onMessage = (type: string) => (message: MessageEvent<string>) => this.handle(type, message.data);
    for (const type of [...EVENT_TYPE_VALUES, ...PAGE_HINTS]) source.addEventListener(type, onMessage(type));
  }

  private handle(type: string, data: string) {
    let portingRequestId: string | null = null;
    try {
      // The pages' stream says which request changed (GET /api/live); the data comes by refetching.
      const id = (JSON.parse(data) as { portingRequestId?: unknown }).portingRequestId;
      portingRequestId = typeof id === "string" ? id : null;
    } catch {
      // Not JSON: refresh the lists anyway.
    }
    const change = { type, portingRequestId };
    for (const key of keysToInvalidate(change)) void this.client.invalidateQueries({ queryKey: key });
    for (const listener of this.listeners) listener(change);
  }

  private close() {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
    this.setConnected(false);
  }
}

const LiveContext = createContext<LiveConnection | null>(null);

export function LiveUpdatesProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [connection] = useState(() => new LiveConnection(client));
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

/**
 * The refetchInterval of a live query: none while the stream is up (changes arrive by it), slow
 * polling while it is down. Using it opens the tab's stream.
 */
export function useLivePollInterval(whileDown: number = POLL_INTERVAL_MS): number | false {
  const connection = useContext(LiveContext);
  useEffect(() => connection?.use(), [connection]);
  const connected = useSyncExternalStore(
    connection?.subscribe ?? noSubscribe,
    connection?.getSnapshot ?? notConnected,
    notConnected,
  );
  return connected ? false : whileDown;
}

/** Calls `onChange` for every change the stream reports (a page that needs more than invalidation). */
export function useLiveChanges(onChange: Listener): void {
  const connection = useContext(LiveContext);
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });
  useEffect(() => connection?.listen((change) => latest.current(change)), [connection]);
}

const noSubscribe = () => () => {};
const notConnected = () => false;

import type { ActorRole } from "./values";

// Each request's public JSON (lib/porting/serialize.ts, as text), kept in this process until the
// request changes: a list of fifty that changed in none of its requests is one cheap query for
// the page's ids and their content versions, then fifty strings joined (bench/README.md). Building
// the JSON again cost the database the numbers, history and links of every row and this server
// their parse, the DTOs and a stringify: half of the list's price.
//
// When a kept JSON is still right is decided by the database, never by the app: a request's
// `content_version` moves with every write to anything its JSON is built from, its own row and
// every part in other tables (triggers, migration 0015; lib/porting/request-json-cache.test.ts
// holds each part to it). Beyond that the JSON depends on:
// - the caller's role (`allowedActions`): part of the key;
// - the account's name, read with the page and compared;
// - this build's code (labels, rejection code texts): the cache lives and dies with the process.
// Nothing here is shared between processes: each instance fills its own, and a stale entry is
// impossible rather than short-lived, so none needs telling about another's writes.

type Entry = { version: number; accountName: string; json: string };

export class RequestJsonCache {
  readonly #entries = new Map<string, Entry>();

  constructor(readonly capacity: number) {}

  /** The kept JSON when it was built from this content version and account name; else undefined. */
  get(role: ActorRole, id: string, version: number, accountName: string): string | undefined {
    const key = `${role}:${id}`;
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version || entry.accountName !== accountName) return undefined;
    // Least recently used goes first: a Map iterates in insertion order, so a hit moves to the end.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.json;
  }

  set(role: ActorRole, id: string, version: number, accountName: string, json: string): void {
    const key = `${role}:${id}`;
    this.#entries.delete(key);
    this.#entries.set(key, { version, accountName, json });
    if (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/**
 * The process's cache: a few pages of every account an instance serves (a request's JSON is about
 * 1 kB, so 10,000 of them hold about 10 MB).
 */
export const requestJsonCache = new RequestJsonCache(10_000);

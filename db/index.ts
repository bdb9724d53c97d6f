import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import { poolApplicationName, WEB_POOL_MAX } from "@/lib/observability/pool";
import { assertPostgresPatched } from "./postgres-patch";
import { isConnectionLost } from "./unavailable";
import * as schema from "./schema";

// No "server-only" here: scripts (npm start, npm run worker, api-key) load this under plain Node,
// where that import throws. test/architecture.test.ts keeps the list of such modules.

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the pool or an open transaction. */
export type Executor = Db | Tx;

type Client = { db: Db; sql: postgres.Sql };

// Created on first use, never at import: `next build` imports this module while collecting page
// data and must not connect anywhere. Kept on globalThis so dev-mode reloads reuse one pool.
const holder = globalThis as unknown as { __portingDb?: Client };

export function databaseUrl(): string {
  if (!env.DATABASE_URL) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides one.");
  }
  return env.DATABASE_URL;
}

export function getClient(): Client {
  if (!holder.__portingDb) {
    // Unpatched, a backend killed under load would end the whole server (docs/postgres-patch.md).
    assertPostgresPatched();
    const sql = postgres(databaseUrl(), {
      max: WEB_POOL_MAX,
      // pg_stat_activity tells this pool's connections apart by it (lib/notifications/queue-metrics.ts).
      connection: { application_name: poolApplicationName("web") },
      onnotice: () => {},
      // Keeps a dead backend from hanging a request forever.
      connect_timeout: 10,
      backoff: reconnectDelaySeconds,
    });
    holder.__portingDb = { sql, db: drizzle(retryingReads(sql), { schema }) };
  }
  return holder.__portingDb;
}

/**
 * Seconds before a connection that closed with an error connects again. postgres.js's default
 * (3^n / 100 s, up to 20 s) counts n across the whole pool: when all its backends are killed at
 * once (a failover, a restart), the tenth connection to notice waited 20 s before reconnecting,
 * and the queries given to it with it. Short and capped at 1 s instead; a reconnect only happens
 * for a waiting query, so a database that stays down is not hammered.
 */
export function reconnectDelaySeconds(retries: number): number {
  return Math.min(0.05 * 2 ** retries, 1);
}

/** A plain read: no locks, no side effects, so running it twice is the same as once. */
export function isRetryableRead(query: string): boolean {
  return (
    /^\s*select\b/i.test(query) &&
    !/\b(pg_notify|pg_advisory\w*|nextval|setval|set_config|pg_terminate_backend|pg_cancel_backend)\b|\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(query)
  );
}

type Pending = PromiseLike<unknown> & { values: () => PromiseLike<unknown> };

/**
 * The pool as Drizzle sees it, with one change: a read outside a transaction whose connection is
 * lost mid-flight (a killed backend, a restarted server) runs once more, on a fresh connection,
 * before it fails. Writes never run twice: whether the lost one committed is unknown (a client
 * retries a create with its Idempotency-Key). Transactions use their own connection (`begin`),
 * which this leaves alone.
 */
function retryingReads(sql: postgres.Sql): postgres.Sql {
  const unsafe = sql.unsafe.bind(sql) as unknown as (...args: unknown[]) => Pending;
  const retrying = (...args: unknown[]) => {
    if (typeof args[0] !== "string" || !isRetryableRead(args[0])) return unsafe(...args);
    const run = (asValues: boolean) => {
      const once = () => {
        const query = unsafe(...args);
        return asValues ? query.values() : query;
      };
      return Promise.resolve(once()).catch((error: unknown) => {
        if (!isConnectionLost(error)) throw error;
        return once();
      });
    };
    return {
      values: () => run(true),
      then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => run(false).then(onFulfilled, onRejected),
    };
  };
  return new Proxy(sql, { get: (target, key, receiver) => (key === "unsafe" ? retrying : Reflect.get(target, key, receiver)) });
}

export function getDb(): Db {
  return getClient().db;
}

export async function closeDb(): Promise<void> {
  const client = holder.__portingDb;
  holder.__portingDb = undefined;
  await client?.sql.end({ timeout: 5 });
}

export { schema };

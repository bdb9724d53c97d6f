import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { onceMoreIfLost } from "@/db/unavailable";
import { env } from "@/lib/env";

// Per API key, fixed one-minute windows (aligned to the clock minute) in api_rate_limits, so every
// app instance counts against the same number. One upsert per request, inside the statement that
// reads the key (lib/auth/api-keys.ts): the row lock serialises concurrent requests of one key, so
// the count is exact under load, and the limit costs no round trip of its own.

export type RateLimitState = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
};

export function rateLimitPerMinute(): number {
  return env.API_RATE_LIMIT_PER_MINUTE;
}

/**
 * The statement that counts one request of the key whose id `keyId` yields (nothing when it
 * yields null), returning the window's count and the seconds left. `now` is the moment it counts
 * for: the database's clock (one clock for every app instance) unless a test picks the moment.
 */
export function countRequestStatement(keyId: SQL, now: SQL = sql`now()`): SQL {
  return sql`
    insert into api_rate_limits as r (api_key_id, window_started_at, count)
    select id, date_trunc('minute', ${now}), 1 from (select ${keyId} as id) as k where id is not null
    on conflict (api_key_id) do update set
      count = case when r.window_started_at = date_trunc('minute', ${now}) then r.count + 1 else 1 end,
      window_started_at = date_trunc('minute', ${now})
    returning count, ceil(extract(epoch from (window_started_at + interval '1 minute' - ${now})))::int as reset`;
}

export type CountedRequest = { count: number; reset: number };

export function rateLimitState(counted: CountedRequest | null | undefined, limit: number = rateLimitPerMinute()): RateLimitState {
  const count = counted?.count ?? 1;
  return {
    allowed: count <= limit,
    limit,
    remaining: Math.max(0, limit - count),
    resetSeconds: Math.max(1, counted?.reset ?? 60),
  };
}

/**
 * Counts one request of the key, on its own. (Route handlers count in the statement that reads
 * the key: lib/api/route.ts.) Tests pass `at`, so a window boundary falls exactly where they say.
 */
export async function consumeRateLimit(
  apiKeyId: string,
  limit: number = rateLimitPerMinute(),
  db: Executor = getDb(),
  at?: Date,
): Promise<RateLimitState> {
  const now = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  // Counting a request twice when the connection broke mid-statement is harmless; a 503 is not.
  const rows = await onceMoreIfLost(() => db.execute<CountedRequest>(countRequestStatement(sql`${apiKeyId}::uuid`, now)));
  return rateLimitState(rows[0], limit);
}

/** The headers every keyed response carries (IETF draft RateLimit fields, as GitHub and others send them). */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.resetSeconds),
  };
}

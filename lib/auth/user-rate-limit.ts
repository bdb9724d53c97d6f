import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { RateLimitedError } from "@/lib/errors";

// Per-user limits on server actions that are cheap to call and costly to allow in bulk (the number
// check answers for up to 500 numbers a call). Fixed windows in PostgreSQL, so every app instance
// counts together; one upsert per call, whose row lock makes the count exact under parallel calls.
// The rows live in sign_in_throttle (a plain key → count-in-window table) under `user:` keys, apart
// from the sign-in keys (`email:`, `ip:`). API keys have their own limiter (lib/api/rate-limit.ts).

export type UserLimit = { name: string; max: number; windowSeconds: number };

/** The number checks of the new-request and Check numbers pages, counted together: generous for a person typing, not for a scraper. */
export const NUMBER_CHECK_LIMIT: UserLimit = { name: "check-numbers", max: 60, windowSeconds: 5 * 60 };

/** Counts one call; throws RateLimitedError (nothing else happens) when the window is used up. */
export async function consumeUserLimit(userId: string, limit: UserLimit, db: Executor = getDb()): Promise<void> {
  const key = `user:${userId}:${limit.name}`;
  const [row] = await db.execute<{ failures: number; wait: number }>(sql`
    insert into sign_in_throttle as t (key, failures, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when t.window_started_at <= now() - make_interval(secs => ${limit.windowSeconds}) then 1
                      else least(t.failures + 1, ${limit.max + 1}::int) end,
      window_started_at = case when t.window_started_at <= now() - make_interval(secs => ${limit.windowSeconds}) then now()
                               else t.window_started_at end
    returning failures,
      greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => ${limit.windowSeconds}) - now()))))::int as wait`);
  if (row && row.failures > limit.max) {
    const minutes = Math.max(1, Math.ceil(row.wait / 60));
    throw new RateLimitedError(
      row.wait,
      `Numbers were checked too often. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and check again; a porting request's numbers are always checked again when it is submitted.`,
    );
  }
}

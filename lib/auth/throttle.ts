import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";

// Failed sign-ins per email address, kept in PostgreSQL so that every app instance counts
// together. Five failures within fifteen minutes lock that address for the rest of the window.
export const MAX_FAILURES = 5;
export const WINDOW_SECONDS = 15 * 60;

function key(email: string) {
  return `email:${email.trim().toLowerCase()}`;
}

/** Seconds until the address may try again, or 0 when it may try now. */
export async function lockedForSeconds(db: Executor, email: string): Promise<number> {
  const rows = await db.execute<{ wait: number }>(sql`
    select greatest(0, ceil(extract(epoch from (window_started_at + make_interval(secs => ${WINDOW_SECONDS}) - now()))))::int as wait
    from sign_in_throttle where key = ${key(email)} and failures >= ${MAX_FAILURES}`);
  return rows[0]?.wait ?? 0;
}

export async function recordFailure(db: Executor, email: string): Promise<void> {
  await db.execute(sql`
    insert into sign_in_throttle (key, failures, window_started_at) values (${key(email)}, 1, now())
    on conflict (key) do update set
      failures = case when sign_in_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_SECONDS})
                      then 1 else sign_in_throttle.failures + 1 end,
      window_started_at = case when sign_in_throttle.window_started_at < now() - make_interval(secs => ${WINDOW_SECONDS})
                      then now() else sign_in_throttle.window_started_at end`);
}

export async function clearFailures(db: Executor, email: string): Promise<void> {
  await db.execute(sql`delete from sign_in_throttle where key = ${key(email)}`);
}

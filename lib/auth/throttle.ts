import "server-only";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";

// Failed sign-ins, kept in PostgreSQL so that every app instance counts together, under two keys:
// the email address (guessing one person's password) and the client address (one machine trying a
// common password against many emails: password spraying). Within a fifteen-minute window an email
// gets MAX_FAILURES attempts and an address MAX_ADDRESS_FAILURES.
//
// The check and the count are one step: an attempt first *reserves* a slot under both keys in one
// statement, and only a reserved attempt may hash the password. Parallel attempts queue on the
// rows' locks, so twenty at once still get five guesses, not twenty. A right password gives its
// slots back (the email's count is cleared, the address's slot returned); a wrong one keeps them.
export const MAX_FAILURES = 5;
export const MAX_ADDRESS_FAILURES = 30;
export const WINDOW_SECONDS = 15 * 60;

export type Reservation = { ok: true; keys: string[] } | { ok: false; retryAfterSeconds: number };

function emailKey(email: string) {
  return `email:${email.trim().toLowerCase()}`;
}

function addressKey(address: string) {
  return `ip:${address.trim().toLowerCase()}`;
}

/**
 * Reserves one attempt for this email and client address, or refuses when either has used up its
 * window. A refused attempt changes no count. The answer is the same for an email with or without
 * a user: nothing here knows which emails exist.
 */
export async function reserveAttempt(db: Executor, email: string, address: string | null): Promise<Reservation> {
  const keys = [emailKey(email), ...(address ? [addressKey(address)] : [])].sort();
  const refused = new Refused();
  try {
    return await db.transaction(async (tx) => {
      // One statement for both rows, taken in key order (two attempts never wait on each other in
      // a cycle). A count stops one past its limit, so "count > limit" means "not granted".
      const rows = await tx.execute<{ key: string; failures: number; wait: number }>(sql`
        insert into sign_in_throttle as t (key, failures, window_started_at)
        values ${sql.join(
          keys.map((k) => sql`(${k}, 1, now())`),
          sql`, `,
        )}
        on conflict (key) do update set
          failures = case when t.window_started_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) then 1
                          else least(t.failures + 1, case when t.key like 'ip:%' then ${MAX_ADDRESS_FAILURES + 1}::int
                                                          else ${MAX_FAILURES + 1}::int end) end,
          window_started_at = case when t.window_started_at <= now() - make_interval(secs => ${WINDOW_SECONDS}) then now()
                                   else t.window_started_at end
        returning key, failures,
          greatest(1, ceil(extract(epoch from (window_started_at + make_interval(secs => ${WINDOW_SECONDS}) - now()))))::int as wait`);
      const over = rows.filter((r) => r.failures > limitOf(r.key));
      if (over.length > 0) {
        // Undo the whole step: a refused attempt is no guess and must not count against the other key.
        refused.retryAfterSeconds = Math.max(...over.map((r) => r.wait));
        throw refused;
      }
      return { ok: true as const, keys };
    });
  } catch (error) {
    if (error === refused) return { ok: false, retryAfterSeconds: refused.retryAfterSeconds };
    throw error;
  }
}

class Refused extends Error {
  retryAfterSeconds = 0;
}

function limitOf(key: string) {
  return key.startsWith("ip:") ? MAX_ADDRESS_FAILURES : MAX_FAILURES;
}

/** Gives back the slots of an attempt whose password was right. */
export async function releaseAttempt(db: Executor, email: string, address: string | null): Promise<void> {
  await db.execute(sql`delete from sign_in_throttle where key = ${emailKey(email)}`);
  if (address) {
    await db.execute(sql`
      update sign_in_throttle set failures = greatest(0, failures - 1) where key = ${addressKey(address)}`);
  }
}

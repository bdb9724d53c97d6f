import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { users } from "@/db/schema";
import type { StreamCredential } from "@/lib/events/hub";

/**
 * The credentials (of those given) that no longer speak for their streams: the user is gone or
 * disabled, the session's version was bumped (password change, "sign out everywhere"), the API
 * key was revoked, or the user moved to another account or role. One query for every open stream
 * of the process, however many, so event streams end as a page request would be refused.
 */
export async function invalidStreamCredentials(credentials: readonly StreamCredential[], db: Executor = getDb()): Promise<Set<StreamCredential>> {
  const invalid = new Set<StreamCredential>();
  if (credentials.length === 0) return invalid;
  // Streams of one user share a credential shape: ask once per distinct one.
  const distinct = new Map<string, StreamCredential[]>();
  for (const c of credentials) {
    const key = `${c.userId}|${c.sessionVersion ?? ""}|${c.apiKeyId ?? ""}|${c.accountId ?? ""}`;
    const list = distinct.get(key);
    if (list) list.push(c);
    else distinct.set(key, [c]);
  }
  const groups = [...distinct.values()];
  const firsts = groups.map((g) => g[0]!);
  const rows = await db.execute<{ n: string | number }>(sql`
    select c.n
      from unnest(
        ${pgArray(firsts.map((c) => c.userId))}::uuid[],
        ${pgArray(firsts.map((c) => (c.sessionVersion === null ? null : String(c.sessionVersion))))}::int[],
        ${pgArray(firsts.map((c) => c.apiKeyId))}::uuid[],
        ${pgArray(firsts.map((c) => c.accountId))}::uuid[]
      ) with ordinality as c(user_id, session_version, key_id, account_id, n)
      left join users u on u.id = c.user_id
      left join api_keys k on k.id = c.key_id
     where u.id is null or u.disabled
        or (c.session_version is not null and u.session_version <> c.session_version)
        or u.account_id is distinct from c.account_id
        or (c.key_id is not null and (k.id is null or k.revoked_at is not null or k.user_id <> c.user_id))`);
  for (const row of rows) for (const c of groups[Number(row.n) - 1] ?? []) invalid.add(c);
  return invalid;
}

/** A PostgreSQL array literal of text values (nulls allowed), passed as one parameter. */
function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

/**
 * The session version a stream opened with a session is checked against later. The caller was
 * just let in with its session's version (lib/auth/session.ts compares them), so it is the
 * user's current one; a bump in the milliseconds between is the only case this misses.
 */
export async function currentSessionVersion(userId: string, db: Executor = getDb()): Promise<number | null> {
  const [row] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.version ?? null;
}

import "server-only";
import type postgres from "postgres";
import { getClient } from "@/db";
import committedJournal from "@/db/migrations/meta/_journal.json";

// GET /api/ready: is this instance fit to take traffic? The database answers within a couple of
// seconds, and it carries every migration this build was made with (an instance of a newer
// release in front of a database not yet migrated must be kept out of the load balancer).
// drizzle records each applied migration in drizzle.__drizzle_migrations with the `when` of its
// journal entry as created_at, and applies the ones newer than the last recorded; the same
// comparison tells whether anything is left to apply.

export type Journal = { entries: { idx: number; when: number; tag: string }[] };

export type Readiness =
  | { ready: true; migrations: number }
  | { ready: false; reason: string };

const TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export async function checkReadiness(options: { sql?: postgres.Sql; journal?: Journal; timeoutMs?: number } = {}): Promise<Readiness> {
  const journal = options.journal ?? (committedJournal as Journal);
  const last = journal.entries.at(-1);
  let lastApplied: number | null;
  try {
    const sql = options.sql ?? getClient().sql;
    const rows = await withTimeout(sql<{ last: string | null }[]>`select max(created_at)::text as last from drizzle.__drizzle_migrations`, options.timeoutMs ?? TIMEOUT_MS);
    lastApplied = rows[0]?.last ? Number(rows[0].last) : null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // undefined_table: the database answers but was never migrated.
    if (code === "42P01") lastApplied = null;
    // The reason names what failed, never a host name or credentials.
    else return { ready: false, reason: `The database does not answer (${code ?? (error instanceof Error && error.message.startsWith("no answer") ? error.message : "connection failed")}).` };
  }
  if (!last) return { ready: true, migrations: 0 };
  if (lastApplied === null || lastApplied < last.when) {
    return { ready: false, reason: `The database is not migrated to this release: ${last.tag} is not applied yet (npm start applies migrations).` };
  }
  return { ready: true, migrations: journal.entries.length };
}

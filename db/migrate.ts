import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

// No "server-only" here: scripts/start.ts runs the migrations under plain Node, where that import throws.

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/** Applies the committed drizzle-kit migrations; safe to run at every start. */
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Two instances starting at once must not both migrate: hold an advisory lock meanwhile.
    await sql`select pg_advisory_lock(7263540001)`;
    await migrate(drizzle(sql), { migrationsFolder });
    await sql`select pg_advisory_unlock(7263540001)`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

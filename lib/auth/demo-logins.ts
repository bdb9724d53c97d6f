import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema, type Executor } from "@/db";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/db/seed";
import { env } from "@/lib/env";
import { verifyPassword } from "./password";

// The sign-in page lists the demo logins while they work, so a newcomer need not open the README
// (issue 12 item 7). Shown only where demo data can exist at all (the embedded database, or
// DEMO_DATA=true: scripts/start.ts passes DEMO_DATA to the web server when it seeds), and then only
// the demo users that still exist, are enabled and still have the published password. The check
// is cheap: one indexed select per page view; the Argon2 verification runs once per distinct
// stored hash (the seed gives every demo user the same one) and is remembered by that hash, so a
// changed password is noticed at once and costs one verification.

export type DemoLogin = { email: string; name: string; role: string; account: string | null };
export type DemoLogins = { password: string; logins: DemoLogin[] };

const verified = new Map<string, Promise<boolean>>();

function isDemoHash(hash: string): Promise<boolean> {
  let result = verified.get(hash);
  if (!result) {
    result = verifyPassword(hash, DEMO_PASSWORD);
    if (verified.size > 50) verified.clear();
    verified.set(hash, result);
  }
  return result;
}

/** The working demo logins, or null when there are none (or this deployment never has any). */
export async function demoLogins(options: { demoData?: boolean; db?: Executor } = {}): Promise<DemoLogins | null> {
  const demoData = options.demoData ?? (env.DEMO_DATA || !env.DATABASE_URL);
  if (!demoData) return null;
  const db = options.db ?? getDb();
  const emails = DEMO_LOGINS.map((l) => l.email);
  const rows = await db
    .select({
      email: schema.users.email,
      name: schema.users.name,
      role: schema.users.role,
      accountRole: schema.users.accountRole,
      account: schema.accounts.name,
      passwordHash: schema.users.passwordHash,
    })
    .from(schema.users)
    .leftJoin(schema.accounts, eq(schema.accounts.id, schema.users.accountId))
    .where(and(inArray(sql`lower(${schema.users.email})`, emails), eq(schema.users.disabled, false)));
  const logins: DemoLogin[] = [];
  for (const login of DEMO_LOGINS) {
    const row = rows.find((r) => r.email.toLowerCase() === login.email);
    if (!row?.passwordHash || !(await isDemoHash(row.passwordHash))) continue;
    const role = row.role === "support" ? "support" : `${row.accountRole ?? "member"}`;
    logins.push({ email: row.email, name: row.name, role, account: row.account ?? null });
  }
  return logins.length > 0 ? { password: DEMO_PASSWORD, logins } : null;
}

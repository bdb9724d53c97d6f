import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

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
    const sql = postgres(databaseUrl(), {
      max: 10,
      onnotice: () => {},
      // Keeps a dead backend from hanging a request forever.
      connect_timeout: 10,
    });
    holder.__portingDb = { sql, db: drizzle(sql, { schema }) };
  }
  return holder.__portingDb;
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

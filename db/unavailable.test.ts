import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { startEmbeddedPostgres, type EmbeddedServer } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";

// The database going away under the app: a PostgreSQL of this file's own, stopped, killed with
// SIGKILL and restarted, behind the real pool (db/index.ts) and the real route handlers.

let server: EmbeddedServer;
let tmp: string;
let admin: postgres.Sql;
let key: string;
let db: typeof import("@/db");
let client: typeof import("@/test/api/client");
let drizzleSql: typeof import("drizzle-orm").sql;
let port: number;

async function startServer() {
  server = await startEmbeddedPostgres({ dataDir: tmp, port, reclaimOrphan: true });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "vp-unavailable-"));
  server = await startEmbeddedPostgres({ dataDir: tmp });
  port = server.port;
  await runMigrations(server.url);
  // test/setup.ts pointed DATABASE_URL at the shared test database; this file's pool uses its own.
  process.env.DATABASE_URL = server.url;
  db = await import("@/db");
  client = await import("@/test/api/client");
  drizzleSql = (await import("drizzle-orm")).sql;
  const { createTenant } = await import("@/test/factories");
  const { customer } = await createTenant("NL");
  key = await client.keyFor(customer);
  admin = postgres(server.url, { max: 1, onnotice: () => {} });
}, 90_000);

afterAll(async () => {
  await admin?.end({ timeout: 1 }).catch(() => {});
  await db?.closeDb().catch(() => {});
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

/** Terminates the backend running a query that contains `marker`, once it is running; returns how many. */
async function terminateWhenRunning(marker: string): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const killed = await admin<{ ok: boolean }[]>`
      select pg_terminate_backend(pid) as ok from pg_stat_activity
      where query like ${`%${marker}%`} and pid <> pg_backend_pid() and state = 'active'`;
    if (killed.length > 0) return killed.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`No query with ${marker} ran.`);
}

test("a read whose connection is lost mid-flight runs once more on a fresh connection and succeeds", async () => {
  const marker = `read_probe_${Date.now()}`;
  // .then() starts the (lazy) query.
  const read = db
    .getDb()
    .execute(drizzleSql.raw(`select pg_sleep(0.5), 42 as answer, '${marker}' as marker`))
    .then((rows) => rows);
  expect(await terminateWhenRunning(marker)).toBe(1);
  const rows = await read;
  expect(rows[0]).toMatchObject({ answer: 42 });
});

test("a write whose connection is lost mid-flight is never run again: it fails, as a database error", async () => {
  await admin`create table if not exists write_probe (n int)`;
  const marker = `write_probe_${Date.now()}`;
  const write = db.getDb().execute(drizzleSql.raw(`insert into write_probe select 1 from pg_sleep(0.5) where '${marker}' <> ''`));
  const failure = write.then(
    () => null,
    (error: unknown) => error,
  );
  await terminateWhenRunning(marker);
  const error = await failure;
  expect(error).toBeTruthy();
  const { isDatabaseUnavailable } = await import("@/db/unavailable");
  expect(isDatabaseUnavailable(error)).toBe(true);
  // Killed before commit and not retried: the row is not there (a retry would have inserted it).
  await new Promise((resolve) => setTimeout(resolve, 800));
  expect((await admin`select count(*)::int as n from write_probe`)[0]!.n).toBe(0);
});

test("while PostgreSQL is stopped or killed, the API answers 503 problem+json with Retry-After; afterwards 200 again", { timeout: 90_000 }, async () => {
  expect((await client.callJson("GET", "/porting-requests", { key })).status).toBe(200);

  for (const how of ["stopped", "killed"] as const) {
    await admin.end({ timeout: 1 });
    if (how === "stopped") await server.stop();
    else {
      process.kill(server.pid, "SIGKILL");
      await server.exited;
    }
    for (const [method, route, json] of [
      ["GET", "/porting-requests", undefined],
      ["GET", "/numbers", undefined],
      ["POST", "/company-profiles", { name: "Acme" }],
    ] as const) {
      const { status, headers, body } = await client.callJson(method, route, { key, json });
      expect({ how, method, route, status }).toEqual({ how, method, route, status: 503 });
      expect(headers.get("content-type")).toBe("application/problem+json");
      expect(headers.get("retry-after")).toBe("5");
      expect(body).toMatchObject({ status: 503, title: "Service unavailable", type: "/docs/api#problem-unavailable" });
      expect(String(body.detail)).toMatch(/cannot reach its database right now\. Try again in 5 s/);
      // Nothing internal leaks.
      expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres/i);
    }
    await startServer();
    admin = postgres(server.url, { max: 1, onnotice: () => {} });
    expect((await client.callJson("GET", "/porting-requests", { key })).status).toBe(200);
  }
});

test("onceMoreIfLost runs a statement that may run twice once more after a lost connection; other errors once", async () => {
  const { onceMoreIfLost } = await import("@/db/unavailable");
  await admin`create table if not exists counter_probe (n int)`;
  const marker = `counter_probe_${Date.now()}`;
  let runs = 0;
  const counted = onceMoreIfLost(() => {
    runs++;
    return db
      .getDb()
      .execute(drizzleSql.raw(`insert into counter_probe select ${runs} from pg_sleep(0.5) where '${marker}_${runs}' <> ''`))
      .then(() => runs);
  });
  await terminateWhenRunning(`${marker}_1`);
  expect(await counted).toBe(2);
  expect(await admin`select n from counter_probe order by n`).toEqual([{ n: 2 }]);

  let tries = 0;
  const failed = await onceMoreIfLost(() => {
    tries++;
    return db.getDb().execute(drizzleSql.raw("select * from no_such_table"));
  }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(failed).toBeTruthy();
  expect(tries).toBe(1);
});

test("after PostgreSQL was down for a while, the pool reconnects within a second of its return, not after postgres.js's backoff of up to 20 s", { timeout: 60_000 }, async () => {
  const read = () => db.getDb().execute(drizzleSql.raw("select 1 as one")).then(() => "ok", () => "failed");
  expect(await read()).toBe("ok");
  await admin.end({ timeout: 1 });
  process.kill(server.pid, "SIGKILL");
  await server.exited;
  // Requests keep coming while it is down: each failed connect counts towards the backoff.
  for (let i = 0; i < 20; i++) {
    expect(await Promise.all(Array.from({ length: 5 }, read))).toContain("failed");
  }
  await startServer();
  admin = postgres(server.url, { max: 1, onnotice: () => {} });
  const started = Date.now();
  expect(await Promise.all(Array.from({ length: 10 }, read))).toEqual(Array(10).fill("ok"));
  expect(Date.now() - started).toBeLessThan(3_000);
});

test("other failures are still a 500", async () => {
  const { problemFromError } = await import("@/lib/api/problem");
  const response = problemFromError(new TypeError("x is undefined"));
  expect(response.status).toBe(500);
  expect(response.headers.get("retry-after")).toBeNull();
  // A query error (not a lost connection) is not mistaken for an outage.
  const error = await db
    .getDb()
    .execute(drizzleSql.raw("select * from no_such_table"))
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(problemFromError(error).status, String((error as { cause?: unknown }).cause)).toBe(500);
});

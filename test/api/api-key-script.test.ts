import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { runningPostmaster, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { apiKeys, users } from "@/db/schema";
import { authenticateApiKey, hashApiKey } from "@/lib/auth/api-keys";
import { createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { call } from "./client";

// `npm run api-key` as a child process, the way people run it: against DATABASE_URL, against the
// running embedded PostgreSQL of a data directory, and against a stopped one (which it starts and
// stops again). The last line of its output must be a working key.

const run = promisify(execFile);
const root = process.cwd();

async function apiKeyScript(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", path.join(root, "scripts/api-key.ts"), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";

describe("against DATABASE_URL", () => {
  test("a customer's email gives a working customer key, printed as the last line and stored only as a hash", async () => {
    const { customer } = await createTenant("NL", "Script B.V.");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    const result = await apiKeyScript(["--email", customer.email.toUpperCase(), "--name", "my script"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(result.code, result.stderr).toBe(0);
    const key = lastLine(result.stdout);
    expect(key).toMatch(/^vp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain("customer API key “my script”");

    const auth = await authenticateApiKey(key);
    expect(auth).toMatchObject({ ok: true, actor: { role: "customer", userId: customer.userId, accountId: customer.accountId } });
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.hash, hashApiKey(key)));
    expect(row).toMatchObject({ name: "my script", accountId: customer.accountId, prefix: key.slice(0, 11) });
    const stored = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from api_keys where hash = ${key} or name = ${key} or prefix = ${key}`);
    expect(stored[0]?.n).toBe(0);

    const response = await call("GET", `/porting-requests/${request.id}`, { key });
    expect(response.status).toBe(200);
  });

  test("a support user's email gives a support key, which may change statuses", async () => {
    const support = await createSupport("Sam Script");
    const { customer } = await createTenant();
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    const result = await apiKeyScript(["--email", support.email, "--name", "support bot"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(result.code, result.stderr).toBe(0);
    const key = lastLine(result.stdout);
    expect(await authenticateApiKey(key)).toMatchObject({ ok: true, actor: { role: "support", userId: support.userId } });
    const [row] = await getDb().select().from(apiKeys).where(eq(apiKeys.hash, hashApiKey(key)));
    expect(row?.accountId).toBeNull();
    const response = await call("POST", `/porting-requests/${request.id}/transitions`, { key, json: { to: "in_progress", reason: "Looking into it." } });
    expect(response.status).toBe(200);
  });

  test("--test gives a test key that acts in the account's sandbox; a support user's email with --test is refused", async () => {
    const { customer } = await createTenant("NL", "Sandbox Script B.V.");
    const live = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
    const result = await apiKeyScript(["--email", customer.email, "--name", "sandbox script", "--test"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(result.code, result.stderr).toBe(0);
    const key = lastLine(result.stdout);
    expect(key).toMatch(/^vp_test_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(result.stderr).toContain("test (sandbox) API key “sandbox script”");
    expect(await authenticateApiKey(key)).toMatchObject({ ok: true, actor: { role: "customer", accountId: customer.accountId, sandbox: true } });
    // The account's live request is not the sandbox's.
    expect((await call("GET", `/porting-requests/${live.id}`, { key })).status).toBe(404);

    const support = await createSupport("Sam Sandbox");
    const refused = await apiKeyScript(["--email", support.email, "--test"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("support keys are live keys only");
    const [none] = await getDb().select({ n: sql<number>`count(*)::int` }).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId)).where(eq(users.email, support.email));
    expect(none?.n).toBe(0);
  });

  test("an unknown email or a missing --email is refused, and creates nothing", async () => {
    const before = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from api_keys`);
    const unknown = await apiKeyScript(["--email", "nobody@nowhere.test"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No user with the email nobody@nowhere.test");
    expect(unknown.stdout).toBe("");
    const missing = await apiKeyScript(["--name", "x"], { DATABASE_URL: process.env.DATABASE_URL! });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--email is required");
    const after = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from api_keys`);
    expect(after[0]?.n).toBe(before[0]?.n);
  });
});

describe("against the embedded PostgreSQL of a data directory", () => {
  test("finds the running server through the recorded port, or starts and stops it itself", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "vp-api-key-"));
    const env = { DATABASE_URL: "", EMBEDDED_PG_PORT: "", VOICE_PORTING_DATA_DIR: dataDir };
    let server = await startEmbeddedPostgres({ dataDir });
    try {
      await runMigrations(server.url);
      const sql1 = postgres(server.url, { max: 1, onnotice: () => {} });
      const [account] = await drizzle(sql1, { schema })
        .insert(schema.accounts)
        .values({ name: "Embedded B.V.", country: "NL", signingSecret: "whsec_test" })
        .returning();
      await drizzle(sql1, { schema })
        .insert(users)
        .values({ email: "emma@embedded.test", name: "Emma", role: "customer", accountId: account!.id, accountRole: "admin", passwordHash: "x" });
      await sql1.end();

      // 1. The app (here: the server) is running: the script uses it and leaves it running.
      const whileRunning = await apiKeyScript(["--email", "emma@embedded.test", "--name", "running"], env);
      expect(whileRunning.code, whileRunning.stderr).toBe(0);
      expect(whileRunning.stderr).toContain("the running embedded PostgreSQL");
      expect(await runningPostmaster(dataDir)).not.toBeNull();

      // 2. Not running: the script starts it, creates the key, and stops it again.
      await server.stop();
      expect(await runningPostmaster(dataDir)).toBeNull();
      const whileStopped = await apiKeyScript(["--email", "emma@embedded.test", "--name", "stopped"], env);
      expect(whileStopped.code, whileStopped.stderr).toBe(0);
      expect(whileStopped.stderr).toContain("started for this command");
      expect(await runningPostmaster(dataDir)).toBeNull();

      server = await startEmbeddedPostgres({ dataDir });
      const check = postgres(server.url, { max: 1, onnotice: () => {} });
      const rows = await check<{ name: string; hash: string }[]>`select name, hash from api_keys order by created_at`;
      await check.end();
      expect(rows.map((r) => r.name)).toEqual(["running", "stopped"]);
      expect(rows.map((r) => r.hash)).toEqual([hashApiKey(lastLine(whileRunning.stdout)), hashApiKey(lastLine(whileStopped.stdout))]);
    } finally {
      await server.stop().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

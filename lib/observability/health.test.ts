import net from "node:net";
import postgres from "postgres";
import { afterEach, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { closeDb } from "@/db";
import journal from "@/db/migrations/meta/_journal.json";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { env } from "@/lib/env";
import { checkReadiness } from "./readiness";

// The load balancer's two probes, against the real database of this test file, and against a
// port where nothing listens.

async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const realUrl = env.DATABASE_URL;
afterEach(async () => {
  if (env.DATABASE_URL !== realUrl) {
    await closeDb();
    env.DATABASE_URL = realUrl;
  }
});

test("GET /api/health answers 200 {status: ok} with a request id, and needs no database", async () => {
  await closeDb();
  env.DATABASE_URL = `postgres://nobody@127.0.0.1:${await deadPort()}/none`;
  const response = await health(new Request("http://localhost/api/health"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
  expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
});

test("GET /api/ready answers 200 while the database answers and is migrated", async () => {
  const response = await ready(new Request("http://localhost/api/ready", { headers: { "x-request-id": "lb-probe-0001" } }));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ready", migrations: journal.entries.length });
  expect(response.headers.get("x-request-id")).toBe("lb-probe-0001");
});

test("GET /api/ready answers 503 problem+json when the database cannot be reached", async () => {
  await closeDb();
  env.DATABASE_URL = `postgres://app:s3cret-pw@127.0.0.1:${await deadPort()}/voice`;
  const response = await ready(new Request("http://localhost/api/ready"));
  expect(response.status).toBe(503);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("retry-after")).toBe("5");
  const body = (await response.json()) as { status: number; detail: string };
  expect(body.status).toBe(503);
  expect(body.detail).toBe("The database does not answer (ECONNREFUSED).");
  expect(JSON.stringify(body)).not.toContain("s3cret");
});

test("readiness is refused while a migration of this release is not applied", async () => {
  const future = { idx: journal.entries.length, version: "7", when: Date.now() + 86_400_000, tag: "9999_not_yet", breakpoints: true };
  const result = await checkReadiness({ journal: { entries: [...journal.entries, future] } });
  expect(result).toEqual({ ready: false, reason: "The database is not migrated to this release: 9999_not_yet is not applied yet (npm start applies migrations)." });
  expect(await checkReadiness()).toEqual({ ready: true, migrations: journal.entries.length });
});

test("readiness gives up after its timeout when the database hangs", async () => {
  // A listener that accepts and never answers: what a stuck database looks like.
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const sql = postgres(`postgres://x@127.0.0.1:${port}/x`, { max: 1, connect_timeout: 30 });
  const started = Date.now();
  const result = await checkReadiness({ sql, timeoutMs: 300 });
  expect(result).toEqual({ ready: false, reason: "The database does not answer (no answer within 0.3 s)." });
  expect(Date.now() - started).toBeLessThan(2_000);
  for (const socket of sockets) socket.destroy();
  await sql.end({ timeout: 0 });
  await new Promise((resolve) => server.close(resolve));
});

import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "vitest";

// postgres.js 3.4.9 ends the whole Node process when a backend is killed mid-transaction under load
// (porsager/postgres#1066, #1208, #1223); scripts/patch-postgres.mjs fixes it at install time
// (docs/postgres-patch.md). The repro runs in a child process, so a crash is a failed exit code
// here rather than a dead test runner.

const root = path.resolve(import.meta.dirname, "..");

test("the installed postgres.js carries the crash patch", () => {
  const check = spawnSync(process.execPath, ["scripts/patch-postgres.mjs", "--check"], { cwd: root, encoding: "utf8" });
  expect(check.status, check.stdout + check.stderr).toBe(0);
});

test("the process survives pg_terminate_backend under load, and the pool recovers", async () => {
  const databaseUrl = process.env.DATABASE_URL;
  expect(databaseUrl, "test/setup.ts sets DATABASE_URL").toBeTruthy();

  const child = spawn(process.execPath, ["--import", "tsx", "test/fixtures/terminate-backends.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, TERMINATE_DURATION_MS: "4000" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 80_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on("close", (c, s) => resolve([c, s])),
  );
  clearTimeout(killTimer);

  expect({ code, signal }, output).toEqual({ code: 0, signal: null });
  expect(output).toMatch(/OK: the process survived and the pool recovered/);
}, 90_000);

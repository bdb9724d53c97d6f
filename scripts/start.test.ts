import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import postgres from "postgres";
import { embeddedUrl, freePort } from "@/db/embedded";

// `npm start` (scripts/start.ts) as an operator meets it: real processes, a real embedded
// PostgreSQL, real signals. The web server is a small stand-in for `next start`
// (test/fixtures/web-stand-in.mjs: it listens on the port and queries the database), so that this
// needs no production build; the chaos suite (npm run chaos) does the same with Next.js itself.

const root = path.resolve(import.meta.dirname, "..");
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "vp-start-"));
});
afterAll(async () => {
  for (const pid of processesUsing(dataDir)) kill(pid, "SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

type Supervisor = { child: ChildProcess; port: number; output: () => string; exit: Promise<{ code: number | null; at: number }> };

function startSupervisor(port: number, extraEnv: Record<string, string> = {}): Supervisor {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: root,
    // Its own process group, as under a terminal or systemd: the test can signal the whole group.
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      VOICE_PORTING_DATA_DIR: dataDir,
      VOICE_PORTING_TEST_WEB_SERVER: path.join(root, "test", "fixtures", "web-stand-in.mjs"),
      PORT: String(port),
      DATABASE_URL: "",
      EMBEDDED_PG_PORT: "",
      HOST: "",
      SMTP_URL: "",
      RUN_WORKER: "true",
      NODE_ENV: "production",
      ...extraEnv,
    },
  });
  let output = "";
  child.stdout!.on("data", (c: Buffer) => (output += c));
  child.stderr!.on("data", (c: Buffer) => (output += c));
  const exit = new Promise<{ code: number | null; at: number }>((resolve) => child.on("exit", (code) => resolve({ code, at: Date.now() })));
  return { child, port, output: () => output, exit };
}

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, supervisor?: Supervisor): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.${supervisor ? `\nOutput:\n${supervisor.output()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function get(port: number, route: string): Promise<{ status: number; body: string } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${route}`, { signal: AbortSignal.timeout(3_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return null;
  }
}

function kill(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (exited, not yet reaped by its parent) has ended all the same.
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

/** Live processes started by the supervisor `pid` whose command line matches. */
function childOf(pid: number, match: RegExp): number | undefined {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .find((p) => parentOf(p) === pid && match.test(commandLine(p)) && alive(p));
}

/** Every live process whose command line names the data directory (the postmaster) or runs from it. */
function processesUsing(dir: string): number[] {
  const postmasters = readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((p) => commandLine(p).includes(dir) && alive(p));
  // PostgreSQL's backends are the postmaster's children.
  const backends = readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((p) => postmasters.includes(parentOf(p)) && alive(p));
  return [...postmasters, ...backends];
}

const WEB = /web-stand-in\.mjs/;
const WORKER = /scripts\/worker\.ts/;
const POSTMASTER = /postgres -D /;

test(
  "a lock whose pid now belongs to another process is stale; a live one refuses a second start; SIGINT to the supervisor alone stops all; .data/ is private",
  { timeout: 180_000 },
  async () => {
    // Left by a start that died (an older version wrote the bare pid): its pid now belongs to
    // another process, here this test runner. (scripts/lib/process-identity.test.ts: the current format.)
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, "start.lock"), String(process.pid));
    chmodSync(dataDir, 0o755);

    const supervisor = startSupervisor(await freePort(), { RUN_WORKER: "false" });
    const pid = supervisor.child.pid!;
    try {
      await until("the app to answer", async () => (await get(supervisor.port, "/db"))?.status === 200, 150_000, supervisor);
      expect(statSync(path.join(dataDir, "embedded-postgres.json")).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(process.getuid?.() === 0 ? 0o710 : 0o700);

      // The demo data's callbacks go to hosts of example domains: retired, so that the worker of
      // the next test never looks them up (tests reach loopback addresses only).
      const recorded = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")) as { port: number; password: string };
      const sql = postgres(embeddedUrl(recorded), { max: 1, onnotice: () => {} });
      await sql`update callback_deliveries set state = 'failed' where state = 'pending'`;
      await sql.end();

      const second = startSupervisor(await freePort());
      expect((await second.exit).code).toBe(1);
      expect(second.output()).toMatch(/already running from this folder/);

      const children = [childOf(pid, WEB)!, childOf(pid, POSTMASTER)!];
      const sent = Date.now();
      kill(pid, "SIGINT");
      const { code, at } = await supervisor.exit;
      expect(code).toBe(0);
      expect(at - sent).toBeLessThan(10_000);
      await until("every child to be gone", () => children.every((c) => !alive(c)) && processesUsing(dataDir).length === 0, 2_000, supervisor);
    } finally {
      kill(-pid, "SIGKILL");
    }
  },
);

test(
  "kill -9 of the web server, the embedded PostgreSQL or the worker is recovered from; SIGTERM to the group ends everything within 10 s, even a stopped child",
  { timeout: 240_000 },
  async () => {
    // As an older version left them: a readable folder and password file, fixed at start.
    chmodSync(dataDir, 0o755);
    chmodSync(path.join(dataDir, "embedded-postgres.json"), 0o644);
    const supervisor = startSupervisor(await freePort());
    const { port } = supervisor;
    const pid = supervisor.child.pid!;
    try {
      await until("the app to answer", async () => (await get(port, "/db"))?.status === 200, 150_000, supervisor);
      expect(supervisor.output()).toMatch(/Voice Porting on http:\/\/localhost:\d+/);
      expect(statSync(path.join(dataDir, "embedded-postgres.json")).mode & 0o777).toBe(0o600);
      expect(statSync(dataDir).mode & 0o777).toBe(process.getuid?.() === 0 ? 0o710 : 0o700);

      // The web server.
      const web = childOf(pid, WEB)!;
      expect(web).toBeTruthy();
      // The embedded demo listens on loopback only (HOST unset).
      expect(commandLine(web)).toMatch(/--hostname 127\.0\.0\.1/);
      kill(web, "SIGKILL");
      await until("the web server's restart", () => {
        const next = childOf(pid, WEB);
        return next && next !== web;
      }, 20_000, supervisor);
      await until("/login again", async () => (await get(port, "/login"))?.status === 200, 20_000, supervisor);
      expect(supervisor.output()).toMatch(/The web server stopped \(killed by SIGKILL\); restarting it in 0\.5 s/);
      expect(supervisor.output()).toMatch(/The web server restarted \(pid \d+\)/);

      // The embedded PostgreSQL: the web server keeps running and reaches it again once restarted.
      const postmaster = childOf(pid, POSTMASTER)!;
      expect(postmaster).toBeTruthy();
      kill(postmaster, "SIGKILL");
      await until("the PostgreSQL restart", () => {
        const next = childOf(pid, POSTMASTER);
        return next && next !== postmaster;
      }, 30_000, supervisor);
      await until("/db again", async () => (await get(port, "/db"))?.status === 200, 30_000, supervisor);
      expect(supervisor.output()).toMatch(/The embedded PostgreSQL stopped \(killed by SIGKILL\); restarting it/);

      // The worker.
      const worker = await until("the worker", () => childOf(pid, WORKER), 20_000, supervisor);
      kill(worker, "SIGKILL");
      await until("the worker's restart", () => {
        const next = childOf(pid, WORKER);
        return next && next !== worker;
      }, 20_000, supervisor);
      expect(supervisor.output()).toMatch(/The notification worker stopped \(killed by SIGKILL\); restarting it/);

      // A stopped web server (SIGSTOP) and SIGTERM to the whole group, as systemd stops a service.
      await until("the worker to be up", () => childOf(pid, WORKER), 20_000, supervisor);
      const children = [childOf(pid, WEB)!, childOf(pid, WORKER)!, childOf(pid, POSTMASTER)!];
      expect(children.every(Boolean)).toBe(true);
      kill(children[0]!, "SIGSTOP");
      const sent = Date.now();
      process.kill(-pid, "SIGTERM");
      const { code, at } = await supervisor.exit;
      expect(at - sent).toBeLessThan(10_000);
      expect(code).toBe(0);
      await until("every child to be gone", () => children.every((c) => !alive(c)) && processesUsing(dataDir).length === 0, 2_000, supervisor);
      expect(existsSync(path.join(dataDir, "start.lock"))).toBe(false);
      // No restart after the signal.
      expect(supervisor.output().split(/SIGTERM: stopping/)[1] ?? "").not.toMatch(/restart/);
    } finally {
      kill(-pid, "SIGKILL");
    }
  },
);

test("a web server that keeps crashing makes npm start give up with exit code 1, and stop PostgreSQL", { timeout: 180_000 }, async () => {
  // Something else holds the port: every start of the web server fails at once.
  const blocker: Server = createServer();
  const port = await freePort();
  await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
  mkdirSync(dataDir, { recursive: true });
  const supervisor = startSupervisor(port, { RUN_WORKER: "false" });
  try {
    const { code } = await supervisor.exit;
    expect(code, supervisor.output()).toBe(1);
    expect(supervisor.output()).toMatch(/The web server stopped \(exit code 1\); it crashed 5 times within 60 s: giving up\./);
    expect(supervisor.output()).toMatch(/The web server keeps crashing: stopping everything \(exit code 1\)\./);
    await until("PostgreSQL to be gone", () => processesUsing(dataDir).length === 0, 5_000, supervisor);
  } finally {
    kill(-supervisor.child.pid!, "SIGKILL");
    blocker.close();
  }
});

test.each([
  { demoData: "true", listens: "on loopback only: demo data means published demo logins", hostname: /--hostname 127\.0\.0\.1/ },
  { demoData: "", listens: "on every interface (a real deployment)", hostname: null },
])("with DATABASE_URL and DEMO_DATA=$demoData, the web server listens $listens", { timeout: 120_000 }, async ({ demoData, hostname }) => {
  const supervisor = startSupervisor(await freePort(), { DATABASE_URL: process.env.DATABASE_URL!, DEMO_DATA: demoData, RUN_WORKER: "false" });
  const pid = supervisor.child.pid!;
  try {
    const web = await until("the web server to start", () => childOf(pid, WEB), 90_000, supervisor);
    if (hostname) expect(commandLine(web)).toMatch(hostname);
    else expect(commandLine(web)).not.toMatch(/--hostname/);
    kill(pid, "SIGTERM");
    expect((await supervisor.exit).code).toBe(0);
  } finally {
    kill(-pid, "SIGKILL");
  }
});

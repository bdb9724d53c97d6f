// npm run bench:sse — what open pages cost when changes are pushed (issue 13 item 1), over HTTP
// against the production build:
//
//   1. N idle signed-in pages' streams (GET /api/live with the session cookie, what every open list
//      or detail page holds): the web server's and PostgreSQL's CPU over a quiet minute, per minute
//      and as a share of one core;
//   2. then K status changes made through the API (a support key accepting requests): how long
//      each takes to reach every one of the N streams (p50, p99, max), measured from the moment
//      the change's request was sent;
//   3. for comparison, the polling this replaced: P pages asking for the list every 4 s, the same
//      CPU measure (the issue's 0.33 CPU-seconds per page per minute).
//
//   npm run bench:sse                 N = 1,000 streams, 60 s idle, 50 changes, 20 polling pages
//   npm run bench:sse -- --quick      N = 200, 15 s idle, 20 changes, 10 polling pages
//   npm run bench:sse -- --app DIR    measures the app built in DIR (a clean clone) instead of this folder
//
// Its own embedded PostgreSQL in a temporary directory (CPU is read from /proc for the postmaster
// and its backends; with DATABASE_URL the database's share cannot be seen and is left out), and
// `next start` on 127.0.0.1:BENCH_PORT (default 4150). Loopback only. BENCH_STREAMS,
// BENCH_IDLE_SECONDS, BENCH_CHANGES and BENCH_POLLERS override the sizes.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { runningPostmaster, startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { insertApiKey } from "@/lib/auth/api-key-tokens";
import { hashPassword } from "@/lib/auth/password";
import { cpuSeconds, used } from "./cpu";
import { createBenchAccount, seedRequests } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const appIndex = args.indexOf("--app");
const appDir = appIndex >= 0 ? path.resolve(args[appIndex + 1] ?? "") : root;
const STREAMS = Number(process.env.BENCH_STREAMS ?? (quick ? 200 : 1_000));
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? (quick ? 15 : 60));
const CHANGES = Number(process.env.BENCH_CHANGES ?? (quick ? 20 : 50));
const POLLERS = Number(process.env.BENCH_POLLERS ?? (quick ? 10 : 20));
const POLL_SECONDS = Number(process.env.BENCH_POLL_SECONDS ?? (quick ? 15 : 60));
const PORT = Number(process.env.BENCH_PORT ?? 4150);
const DIST = process.env.NEXT_DIST_DIR || ".next-bench-sse";
const PASSWORD = "bench-password";
// ---- HTTP ------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

type Answer = { status: number; body: Buffer; headers: http.IncomingHttpHeaders };

function request(pathname: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: PORT, path: pathname, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** One open page's stream: when each event id arrived. */
type Stream = { arrivals: Map<string, number>; close: () => void; heartbeats: number };

function openStream(cookie: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    // Its own connection: a stream holds one for as long as the page is open.
    const req = http.request({ host: "127.0.0.1", port: PORT, path: "/api/live", headers: { cookie, accept: "text/event-stream" }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`/api/live answered ${res.statusCode}`));
      const stream: Stream = { arrivals: new Map(), close: () => req.destroy(), heartbeats: 0 };
      let buffer = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        const now = performance.now();
        buffer += chunk;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (.*)$/m.exec(frame)?.[1];
          if (id) stream.arrivals.set(id, now);
          else if (frame.startsWith(": heartbeat")) stream.heartbeats++;
        }
      });
      res.on("error", () => {});
      resolve(stream);
    });
    req.on("error", reject);
    req.end();
  });
}

// ---- the app server --------------------------------------------------------------------------------

function ensureBuild(dir: string, dist: string) {
  const result = spawnSync(process.execPath, [path.join(dir, "scripts", "bootstrap.mjs"), "build"], { cwd: dir, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: dist } });
  if (result.status !== 0) throw new Error(`The build in ${dir} failed`);
}

async function startServer(dir: string, dist: string, databaseUrl: string): Promise<ChildProcess> {
  const log = createWriteStream(path.join(os.tmpdir(), `bench-sse-${PORT}.log`));
  const child = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: dist,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString("hex"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      LOG_LEVEL: "warn",
      DEMO_DATA: "",
    },
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}; see ${log.path}`);
    try {
      if ((await request("/api/health")).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s; see ${log.path}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function signIn(email: string): Promise<string> {
  const csrf = await request("/api/auth/csrf");
  const token = (JSON.parse(csrf.body.toString()) as { csrfToken: string }).csrfToken;
  const jar = new Map<string, string>();
  const keep = (answer: Answer) => {
    for (const c of ([] as string[]).concat(answer.headers["set-cookie"] ?? [])) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const form = new URLSearchParams({ csrfToken: token, email, password: PASSWORD, callbackUrl: "/porting-requests" }).toString();
  keep(await request("/api/auth/callback/credentials", { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(form)), cookie: cookie() }, "POST", form));
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error("Sign-in failed");
  return cookie();
}

// ---- the run ---------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  console.log(`Building ${appDir} into ${DIST} (skipped when up to date)…`);
  ensureBuild(appDir, DIST);

  let tmp: string | undefined;
  let stopDb = async () => {};
  let url = process.env.DATABASE_URL;
  let postmaster: number | null = null;
  if (!url) {
    tmp = await mkdtemp(path.join(os.tmpdir(), "voice-porting-bench-sse-"));
    const server = await startEmbeddedPostgres({ dataDir: tmp });
    url = server.url;
    stopDb = server.stop;
    postmaster = await runningPostmaster(tmp);
  }
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  let server: ChildProcess | null = null;
  const streams: Stream[] = [];
  // Everything this run started is stopped whatever fails, the database included.
  const cleanup = async () => {
    for (const s of streams) s.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await exited;
    }
    await sql.end();
    await stopDb();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  };
  try {
    await runMigrations(url);
    const account = await createBenchAccount(sql, await hashPassword(PASSWORD));
    const [support] = await sql`insert into users (email, name, role, password_hash) values ('agent@bench.test', 'Agent', 'support', ${await hashPassword(PASSWORD)}) returning id`;
    const { key: supportKey } = await insertApiKey(drizzle(sql, { schema }), { id: support!.id as string, accountId: null }, "bench support");
    // Enough requests in Requested for every change to accept one.
    await seedRequests(sql, account, 0, Math.max(1_000, CHANGES * 7 * 2));
    const requested = (await sql<{ id: string }[]>`select id from porting_requests where status = 'requested' order by created_at limit ${CHANGES}`).map((r) => r.id);
    server = await startServer(appDir, DIST, url);
    const cookie = await signIn(account.email);

    const cpu = () => ({ web: cpuSeconds(server!.pid!), db: postmaster ? cpuSeconds(postmaster) : null });
    const idle = async (seconds: number) => {
      const before = cpu();
      const started = performance.now();
      await sleep(seconds * 1000);
      const after = cpu();
      const minutes = (performance.now() - started) / 60_000;
      return { web: used(before.web, after.web) / minutes, db: before.db && after.db ? used(before.db, after.db) / minutes : null };
    };

    // 0. The same server with no stream open: what it costs anyway.
    await sleep(3_000);
    console.log(`Idle with no stream for ${IDLE_SECONDS / 2} s…`);
    const baseline = await idle(IDLE_SECONDS / 2);

    // 1. N idle pages.
    console.log(`Opening ${STREAMS} streams…`);
    for (let i = 0; i < STREAMS; i += 50) {
      streams.push(...(await Promise.all(Array.from({ length: Math.min(50, STREAMS - i) }, () => openStream(cookie)))));
    }
    await sleep(3_000); // let the opening settle (auth, catch-up, JIT)
    console.log(`Idle with ${STREAMS} streams for ${IDLE_SECONDS} s…`);
    const open = await idle(IDLE_SECONDS);
    const webPerMinute = open.web;
    const dbPerMinute = open.db;
    const heartbeats = streams.reduce((n, s) => n + s.heartbeats, 0);

    // 2. K changes, one at a time, each until it reached every stream (or 10 s).
    console.log(`Making ${CHANGES} status changes…`);
    const latencies: number[] = [];
    const slowest: number[] = [];
    const afterAnswer: number[] = [];
    const answers: number[] = [];
    let missed = 0;
    for (const id of requested) {
      const sent = performance.now();
      const answer = await request(`/api/v1/porting-requests/${id}/transitions`, { authorization: `Bearer ${supportKey}`, "content-type": "application/json" }, "POST", JSON.stringify({ to: "in_progress", reason: "Accepted by the benchmark" }));
      if (answer.status !== 200) throw new Error(`transition answered ${answer.status}: ${answer.body.toString().slice(0, 300)}`);
      const answered = performance.now();
      answers.push(answered - sent);
      const [event] = await sql<{ message_id: string }[]>`select message_id from events where porting_request_id = ${id} and type = 'porting_request.status_changed' order by id desc limit 1`;
      const messageId = event!.message_id;
      const deadline = performance.now() + 10_000;
      while (streams.some((s) => !s.arrivals.has(messageId)) && performance.now() < deadline) await sleep(5);
      const arrived = streams.map((s) => s.arrivals.get(messageId));
      missed += arrived.filter((t) => t === undefined).length;
      const each = arrived.filter((t): t is number => t !== undefined).map((t) => t - sent);
      latencies.push(...each);
      slowest.push(Math.max(...each));
      // The change is committed before its answer is sent: from the answer on is the push alone (0 when the event came first).
      afterAnswer.push(...arrived.filter((t): t is number => t !== undefined).map((t) => Math.max(0, t - answered)));
      await sleep(100);
    }
    for (const s of streams.splice(0)) s.close();
    for (const list of [latencies, slowest, afterAnswer, answers]) list.sort((a, b) => a - b);

    // 3. The polling this replaces: P pages asking for the list every 4 s.
    console.log(`Polling: ${POLLERS} pages, the list every 4 s, for ${POLL_SECONDS} s…`);
    await sleep(2_000);
    const pollBefore = cpu();
    const pollStarted = performance.now();
    const pollUntil = pollStarted + POLL_SECONDS * 1000;
    let polls = 0;
    await Promise.all(
      Array.from({ length: POLLERS }, async (_, i) => {
        await sleep((4_000 * i) / POLLERS);
        while (performance.now() < pollUntil) {
          const answer = await request("/api/v1/porting-requests?limit=25", { cookie });
          if (answer.status !== 200) throw new Error(`list answered ${answer.status}`);
          polls++;
          await sleep(4_000);
        }
      }),
    );
    const pollAfter = cpu();
    const pollMinutes = (performance.now() - pollStarted) / 60_000;
    const pollWeb = used(pollBefore.web, pollAfter.web) / pollMinutes;
    const pollDb = pollBefore.db && pollAfter.db ? used(pollBefore.db, pollAfter.db) / pollMinutes : null;

    const share = (cpuPerMinute: number) => `${((cpuPerMinute / 60) * 100).toFixed(2)} %`;
    const baseTotal = baseline.web + (baseline.db ?? 0);
    const total = webPerMinute + (dbPerMinute ?? 0);
    const pollTotal = pollWeb + (pollDb ?? 0);
    console.log("");
    console.log(`Date: ${new Date().toISOString().slice(0, 10)}; machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log("");
    console.log(`| measure | figure | goal |`);
    console.log(`|---|---:|---:|`);
    console.log(`| no stream open (the server's own idle cost): server + database | ${baseTotal.toFixed(2)} s/min (${share(baseTotal)}) | |`);
    console.log(`| ${STREAMS} idle streams: web server CPU | ${webPerMinute.toFixed(2)} s/min (${share(webPerMinute)} of a core) | |`);
    console.log(`| ${STREAMS} idle streams: PostgreSQL CPU | ${dbPerMinute === null ? "n/a (DATABASE_URL)" : `${dbPerMinute.toFixed(2)} s/min (${share(dbPerMinute)})`} | |`);
    console.log(`| ${STREAMS} idle streams: server + database | ${total.toFixed(2)} s/min (**${share(total)}** of a core) | < 5 % |`);
    console.log(`| heartbeats received (all streams) | ${heartbeats} | |`);
    console.log(`| change sent → every stream, p50 (of ${CHANGES} changes × ${STREAMS} streams) | ${percentile(latencies, 50).toFixed(0)} ms | |`);
    console.log(`| change sent → every stream, p99 | **${percentile(latencies, 99).toFixed(0)} ms** | < 1,000 ms |`);
    console.log(`| the change's own request (POST …/transitions), p50 / p99 | ${percentile(answers, 50).toFixed(0)} / ${percentile(answers, 99).toFixed(0)} ms | |`);
    console.log(`| change answered (committed) → every stream, p50 / p99 | ${percentile(afterAnswer, 50).toFixed(0)} / ${percentile(afterAnswer, 99).toFixed(0)} ms | |`);
    console.log(`| change → the last of ${STREAMS} streams, p99 of ${CHANGES} changes (max) | ${percentile(slowest, 99).toFixed(0)} ms (${Math.max(...slowest).toFixed(0)} ms) | |`);
    console.log(`| events never received | ${missed} | 0 |`);
    console.log(`| before: ${POLLERS} pages polling the list every 4 s (${polls} requests) | ${pollTotal.toFixed(2)} s/min, ${(pollTotal / POLLERS).toFixed(3)} CPU-s per page per minute | |`);
    console.log(`| idle stream, per page per minute (above the no-stream cost) | ${(Math.max(0, total - baseTotal) / STREAMS).toFixed(4)} CPU-s | |`);
    if (missed > 0) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// npm run bench:http — the API and the customer list page over HTTP, against the production build,
// with one account at 1,000 requests and again at 1,000,000 (issue 13, items 3 and 4).
//
//   npm run bench:http                  1k → 1M, 8 s a row
//   npm run bench:http -- --quick       1k → 100k, 3 s a row (for trying things)
//   npm run bench:http -- --app DIR     measures the app in DIR (a clone, built there) instead of
//                                       this folder: a clean checkout when this one has half-done edits
//   npm run bench:http -- --before DIR  also serves DIR (a clone at an older commit, built) on the
//                                       next port against the same database and measures the
//                                       API rows on both, taking turns: before and after, one run
//
// It builds this folder when its sources changed (NEXT_DIST_DIR, default .next-bench), starts its
// own embedded PostgreSQL in a temporary directory (or uses DATABASE_URL: a throwaway one!),
// seeds in SQL (generate_series), runs `next start` on 127.0.0.1:BENCH_PORT (default 4160) and
// loads it from this process: BENCH_CONNECTIONS keep-alive connections (default 8) each sending
// the next request as soon as the last answer is read. Loopback only. Ratios from one run on one
// machine are what count: these machines are shared and noisy, absolute figures mean little.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createWriteStream } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { startEmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { insertApiKey } from "@/lib/auth/api-key-tokens";
import { hashPassword } from "@/lib/auth/password";
import { cpuSeconds, used } from "./cpu";
import { createBenchAccount, seedRequests, type BenchAccount } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const beforeIndex = args.indexOf("--before");
const beforeDir = beforeIndex >= 0 ? path.resolve(args[beforeIndex + 1] ?? "") : null;
const appIndex = args.indexOf("--app");
const appDir = appIndex >= 0 ? path.resolve(args[appIndex + 1] ?? "") : root;
const SMALL = Number(process.env.BENCH_SMALL ?? 1_000);
const LARGE = Number(process.env.BENCH_LARGE ?? (quick ? 100_000 : 1_000_000));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (quick ? 3 : 8));
const WARMUP_SECONDS = quick ? 1 : 2;
/** The API rows of issue 13 item 3 get this many times SECONDS each (they are the ones compared closely). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 4160);
const DIST = process.env.NEXT_DIST_DIR || ".next-bench";
const PASSWORD = "bench-password";

// ---- the load generator --------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS * 2 });

type Answer = { status: number; body: Buffer; headers: http.IncomingHttpHeaders };

function request(port: number, pathname: string, headers: Record<string, string> = {}, method = "GET", body?: string): Promise<Answer> {
  return once(port, pathname, headers, method, body).catch((error: NodeJS.ErrnoException & { reused?: boolean }) => {
    // A kept-alive connection the server closed as idle just as it was reused: send it again
    // (what Node's documentation advises; never counted as an answer).
    if (error.reused && error.code === "ECONNRESET") return once(port, pathname, headers, method, body);
    throw error;
  });
}

function once(port: number, pathname: string, headers: Record<string, string>, method: string, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: pathname, method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", (error) => reject(Object.assign(error, { reused: req.reusedSocket })));
    req.end(body);
  });
}

type Target = { name: string; path: string; headers: Record<string, string>; expect: number };

/** Sends `target` from CONNECTIONS loops for `seconds`; any other status than expected aborts the run. */
async function hammer(port: number, target: Target, seconds: number): Promise<{ count: number; seconds: number }> {
  let count = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const answer = await request(port, target.path, target.headers);
        if (answer.status !== target.expect) {
          throw new Error(`${target.name}: ${target.path} answered ${answer.status}, not ${target.expect}: ${answer.body.toString().slice(0, 300)}`);
        }
        count++;
      }
    }),
  );
  return { count, seconds: (performance.now() - started) / 1000 };
}

type Job = { port: number; target: Target };

/** Where each request's CPU goes: the web server serving `port`, PostgreSQL (null: not ours to see), this process. */
type CpuMeter = { servers: Map<number, number>; postmaster: number | null };
type Measured = { rate: number; cpu: { server: number; db: number | null; client: number } | null };

/**
 * Requests a second for each job, measured in turns: one second of each, then the next second of
 * each, … `seconds` times, after a warm-up second of each. Others' work on a shared machine comes
 * in bursts; taking turns spreads a burst over every row instead of landing it on one. With a
 * meter, also the CPU milliseconds per request of the job's web server, of PostgreSQL and of this
 * load generator (each turn runs one job alone, so its CPU is that job's).
 */
async function interleaved(jobs: Job[], seconds = SECONDS, meter?: CpuMeter): Promise<Measured[]> {
  for (const job of jobs) await hammer(job.port, job.target, WARMUP_SECONDS);
  const totals = jobs.map(() => ({ count: 0, seconds: 0, server: 0, db: 0, client: 0 }));
  const reading = (port: number) =>
    meter ? { server: cpuSeconds(meter.servers.get(port)!), db: meter.postmaster ? cpuSeconds(meter.postmaster) : null, client: process.cpuUsage() } : null;
  for (let slice = 0; slice < seconds; slice++) {
    for (const [i, job] of jobs.entries()) {
      const before = reading(job.port);
      const { count, seconds: took } = await hammer(job.port, job.target, 1);
      const after = reading(job.port);
      const total = totals[i]!;
      total.count += count;
      total.seconds += took;
      if (before && after) {
        total.server += used(before.server, after.server);
        if (before.db && after.db) total.db += used(before.db, after.db);
        const client = process.cpuUsage(before.client);
        total.client += (client.user + client.system) / 1e6;
      }
    }
  }
  return totals.map((t) => ({
    rate: t.count / t.seconds,
    cpu: meter ? { server: (t.server * 1000) / t.count, db: meter.postmaster ? (t.db * 1000) / t.count : null, client: (t.client * 1000) / t.count } : null,
  }));
}

// ---- the app server --------------------------------------------------------------------------------

function ensureBuild(dir: string, dist: string) {
  const result = spawnSync(process.execPath, [path.join(dir, "scripts", "bootstrap.mjs"), "build"], {
    cwd: dir,
    stdio: "inherit",
    env: { ...process.env, NEXT_DIST_DIR: dist },
  });
  if (result.status !== 0) throw new Error(`The build in ${dir} failed`);
}

async function startServer(dir: string, dist: string, port: number, databaseUrl: string): Promise<ChildProcess> {
  const log = createWriteStream(path.join(os.tmpdir(), `bench-http-${port}.log`));
  const child = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
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
      // The limit is counted on every request (that work is measured); it must just never refuse.
      API_RATE_LIMIT_PER_MINUTE: "100000000",
      DEMO_DATA: "",
    },
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start in ${dir} exited with ${child.exitCode}; see ${log.path}`);
    try {
      if ((await request(port, "/api/health")).status === 200) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start in ${dir} did not answer within 60 s; see ${log.path}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Signs in through next-auth's credentials callback, as the login form does; returns the Cookie header. */
async function signIn(port: number, email: string): Promise<string> {
  const csrf = await request(port, "/api/auth/csrf");
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
  const answer = await request(
    port,
    "/api/auth/callback/credentials",
    { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(form)), cookie: cookie() },
    "POST",
    form,
  );
  keep(answer);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Sign-in failed: ${answer.status} ${String(answer.headers.location)}`);
  return cookie();
}

/** The JavaScript a page loads (its <script src> chunks), gzipped as a server would send it. */
async function pageJavaScript(port: number, pathname: string, cookie: string): Promise<{ files: number; raw: number; gzip: number }> {
  const page = await request(port, pathname, { cookie });
  if (page.status !== 200) throw new Error(`${pathname} answered ${page.status}`);
  // Legacy browsers' polyfills (<script nomodule>) are skipped by every browser this app supports.
  const tags = [...page.body.toString().matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = [...new Set(tags.flatMap((tag) => /\bsrc="([^"]+\.js[^"]*)"/.exec(tag)?.[1] ?? []))];
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const file = await request(port, src);
    raw += file.body.length;
    gzip += gzipSync(file.body).length;
  }
  return { files: sources.length, raw, gzip };
}

// ---- the run ---------------------------------------------------------------------------------------

type Row = { name: string; small: number; large: number };

const fmt = (n: number, digits = 0) => n.toFixed(digits);

async function main() {
  const dist = DIST;
  console.log(`Building ${appDir} into ${dist} (skipped when up to date)…`);
  ensureBuild(appDir, dist);
  if (beforeDir) {
    console.log(`Building ${beforeDir} (the "before")…`);
    ensureBuild(beforeDir, ".next");
  }

  let tmp: string | undefined;
  let stopDb = async () => {};
  let url = process.env.DATABASE_URL;
  // Its backends' CPU is read from /proc; another database's (DATABASE_URL) is not ours to see.
  let postmaster: number | null = null;
  if (!url) {
    tmp = await mkdtemp(path.join(os.tmpdir(), "voice-porting-bench-http-"));
    const server = await startEmbeddedPostgres({ dataDir: tmp });
    url = server.url;
    stopDb = server.stop;
    postmaster = server.pid;
  }
  await runMigrations(url);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const account = await createBenchAccount(sql, await hashPassword(PASSWORD));
  const { key } = await insertApiKey(drizzle(sql, { schema }), { id: account.userId, accountId: account.accountId }, "bench");

  const servers: ChildProcess[] = [];
  let cleaned: Promise<void> | undefined;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await Promise.all(servers.map(stopServer));
      await sql.end({ timeout: 1 });
      await stopDb();
      if (tmp) await rm(tmp, { recursive: true, force: true });
    })());
  // Ctrl-C (or a SIGTERM) mid-run still stops the servers and the database it started.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers and the database…`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    console.log(`Seeding ${SMALL.toLocaleString("en")} requests…`);
    await seedRequests(sql, account, 0, SMALL);
    servers.push(await startServer(appDir, dist, PORT, url));
    if (beforeDir) servers.push(await startServer(beforeDir, ".next", PORT + 1, url));
    const cookie = await signIn(PORT, account.email);

    // What each row asks for, picked from the data as it stands (a request in the middle of the
    // account, its number and reference); the same rows before and after growing.
    const targets = (who: { account: BenchAccount; key: string; cookie: string }) => async (): Promise<Target[]> => {
      const { account, cookie } = who;
      const bearer = { authorization: `Bearer ${who.key}` };
      const [middle] = await sql<{ id: string; reference: string; number: string }[]>`
        select r.id, r.reference, n.number from porting_requests r join porting_request_numbers n on n.porting_request_id = r.id
        where r.account_id = ${account.accountId} and r.status = 'ready_to_be_ported'
        order by r.created_at desc offset ${Math.floor(SMALL / 14)} limit 1`;
      const byId = await request(PORT, `/api/v1/porting-requests/${middle!.id}`, bearer);
      const etag = String(byId.headers.etag ?? "");
      const national = `0${middle!.number.slice(3)}`;
      return [
        { name: "API statuses (the baseline)", path: "/api/v1/porting-requests/statuses", headers: bearer, expect: 200 },
        { name: "API GET by id", path: `/api/v1/porting-requests/${middle!.id}`, headers: bearer, expect: 200 },
        { name: "API GET by id, If-None-Match (304)", path: `/api/v1/porting-requests/${middle!.id}`, headers: { ...bearer, "if-none-match": etag }, expect: 304 },
        { name: "API list of 50", path: "/api/v1/porting-requests?limit=50", headers: bearer, expect: 200 },
        { name: "API list, default page (25)", path: "/api/v1/porting-requests", headers: bearer, expect: 200 },
        { name: "API search by number", path: `/api/v1/porting-requests?number=${encodeURIComponent(middle!.number)}`, headers: bearer, expect: 200 },
        { name: "API search by reference", path: `/api/v1/porting-requests?reference=${middle!.reference}`, headers: bearer, expect: 200 },
        { name: "API status tab (ready to be ported)", path: "/api/v1/porting-requests?status=ready_to_be_ported", headers: bearer, expect: 200 },
        { name: "page: request list (signed in)", path: "/porting-requests", headers: { cookie }, expect: 200 },
        { name: "page: request list, search by number", path: `/porting-requests?q=${national}`, headers: { cookie }, expect: 200 },
      ];
    };

    const bench = targets({ account, key, cookie });
    const measureAll = async (label: string) => {
      console.log(`\nMeasuring at ${label} (${CONNECTIONS} connections, ${SECONDS} s a row in 1 s turns)…`);
      const all = await bench();
      const rates = (await interleaved(all.map((target) => ({ port: PORT, target })))).map((m) => m.rate);
      const result = new Map<string, number>();
      for (const [i, target] of all.entries()) {
        result.set(target.name, rates[i]!);
        console.log(`  ${target.name.padEnd(40)} ${fmt(rates[i]!).padStart(6)} req/s`);
      }
      return result;
    };

    // Item 3: the API rows against the statuses baseline, in turns (and before/after when asked).
    const itemThree = async () => {
      const names = ["API statuses (the baseline)", "API GET by id", "API list of 50"];
      const rows = (await bench()).filter((t) => names.includes(t.name));
      const ports = beforeDir ? [PORT + 1, PORT] : [PORT];
      const jobs = ports.flatMap((port) => rows.map((target) => ({ port, target })));
      // servers[0] serves PORT, servers[1] (with --before) PORT + 1.
      const meter: CpuMeter = { servers: new Map(ports.map((port) => [port, servers[port - PORT]!.pid!])), postmaster };
      const measured = await interleaved(jobs, SECONDS * ROUNDS, meter);
      const out: string[] = [];
      const ms = (value: number | null | undefined) => (value === null || value === undefined ? "—" : fmt(value, 2));
      for (const port of ports) {
        const of = (name: string) => measured[jobs.findIndex((j) => j.port === port && j.target.name === name)]!;
        const base = of(names[0]!).rate;
        out.push(`\n${port === PORT ? `after (${appDir})` : `before (${beforeDir})`}: ${SMALL.toLocaleString("en")} requests, ${SECONDS * ROUNDS} s a row in 1 s turns`);
        out.push("| endpoint | req/s | ratio to statuses | goal | CPU ms per request: web server | PostgreSQL | load generator |", "|---|---:|---:|---:|---:|---:|---:|");
        for (const [name, goal] of [[names[0]!, "—"], [names[1]!, "≥ 0.85"], [names[2]!, "≥ 0.70"]] as const) {
          const { rate, cpu } = of(name);
          out.push(`| ${name} | ${fmt(rate)} | ${fmt(rate / base, 2)} | ${goal} | ${ms(cpu?.server)} | ${ms(cpu?.db)} | ${ms(cpu?.client)} |`);
        }
      }
      return out.join("\n");
    };

    console.log("\nIssue 13 item 3: the API against its baseline…");
    const itemThreeTable = await itemThree();
    console.log(itemThreeTable);

    const small = await measureAll(`${SMALL.toLocaleString("en")} requests`);

    const pages: [string, string][] = [["request list", "/porting-requests"], ["request detail", `/porting-requests/${(await sql<{ id: string }[]>`select id from porting_requests limit 1`)[0]!.id}`], ["new request", "/porting-requests/new"], ["settings", "/settings"]];
    const javascript: string[] = ["| page | script files | JavaScript (raw) | JavaScript (gzip) |", "|---|---:|---:|---:|"];
    for (const [name, pathname] of pages) {
      const js = await pageJavaScript(PORT, pathname, cookie);
      javascript.push(`| ${name} (\`${pathname.replace(/[0-9a-f-]{36}/, "{id}")}\`) | ${js.files} | ${fmt(js.raw / 1000, 1)} kB | ${fmt(js.gzip / 1000, 1)} kB |`);
    }
    const login = await pageJavaScript(PORT, "/login", "");
    javascript.push(`| sign-in (\`/login\`, signed out) | ${login.files} | ${fmt(login.raw / 1000, 1)} kB | ${fmt(login.gzip / 1000, 1)} kB |`);

    console.log(`\nGrowing the account to ${LARGE.toLocaleString("en")} requests…`);
    const t0 = performance.now();
    await seedRequests(sql, account, SMALL, LARGE);
    console.log(`  seeded in ${fmt((performance.now() - t0) / 1000)} s`);
    const large = await measureAll(`${LARGE.toLocaleString("en")} requests`);

    // The same question without the machine's drift between the two phases above (a shared
    // machine's load changes in minutes): a second account of SMALL requests beside the grown one,
    // in the same database, both measured in the same 1 s turns. What it answers: does a customer
    // with a million requests get the speed of one with a thousand?
    console.log(`\nA second account with ${SMALL.toLocaleString("en")} requests beside it, both in the same turns…`);
    const second = await createBenchAccount(sql, await hashPassword(PASSWORD), "small@bench.test", "Small B.V.");
    await seedRequests(sql, second, 0, SMALL, 3_000_000);
    const secondKey = (await insertApiKey(drizzle(sql, { schema }), { id: second.userId, accountId: second.accountId }, "bench")).key;
    const pair = [...(await targets({ account: second, key: secondKey, cookie: await signIn(PORT, second.email) })()), ...(await bench())];
    const pairRates = (await interleaved(pair.map((target) => ({ port: PORT, target })))).map((m) => m.rate);
    const half = pair.length / 2;

    const rows: Row[] = [...small.keys()].map((name) => ({ name, small: small.get(name)!, large: large.get(name)! }));
    const cpu = os.cpus();
    console.log(`\n${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model.trim() ?? "cpu"}, ${fmt(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map((l) => fmt(l, 1)).join(" ")}`);
    console.log(itemThreeTable);
    console.log(`\nreq/s, ${CONNECTIONS} connections, ${SECONDS} s a row; time ratio = ${LARGE.toLocaleString("en")} / ${SMALL.toLocaleString("en")} (goal ≤ 1.20)`);
    console.log(`| row | ${SMALL.toLocaleString("en")} | ${LARGE.toLocaleString("en")} | time ratio |`);
    console.log("|---|---:|---:|---:|");
    for (const row of rows) console.log(`| ${row.name} | ${fmt(row.small)} | ${fmt(row.large)} | ${fmt(row.small / row.large, 2)} |`);
    console.log(`\nSide by side, same database and turns: req/s of an account of ${SMALL.toLocaleString("en")} and one of ${LARGE.toLocaleString("en")}; time ratio = large / small (goal ≤ 1.20)`);
    console.log(`| row | ${SMALL.toLocaleString("en")} | ${LARGE.toLocaleString("en")} | time ratio |`);
    console.log("|---|---:|---:|---:|");
    for (let i = 0; i < half; i++) console.log(`| ${pair[i]!.name} | ${fmt(pairRates[i]!)} | ${fmt(pairRates[half + i]!)} | ${fmt(pairRates[i]! / pairRates[half + i]!, 2)} |`);
    console.log("\nJavaScript each page loads (its <script src> files but the nomodule polyfills, gzip level 6):");
    console.log(javascript.join("\n"));
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

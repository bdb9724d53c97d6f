// `npm run chaos [-- --quick]`: the fault suite. Its own app (the real start script: embedded
// PostgreSQL, Next.js production build, on a data directory and port of its own, like the demo)
// and its own notification workers, receivers and load, all on loopback. It breaks things on
// purpose and measures what the app does about it:
//
//   1. PostgreSQL client backends killed (pg_terminate_backend) 20 times under a mixed load of
//      creates, transitions and reads: every acknowledged create stored whole, every refused one
//      absent, no partial request, the answers by status;
//   2. the embedded PostgreSQL killed (kill -9) under load: seconds until the API answers 200;
//   3. the web server killed (kill -9): seconds until /login answers;
//   4. the notification worker killed 20 times mid-delivery: every callback and email delivered,
//      duplicates only with the same webhook-id / Message-ID;
//   5. the callback receiver and the SMTP server down, then up: everything delivered after;
//   6. the hostile-input corpus (test/hostile/corpus.ts, runHostileCorpus) over HTTP.
//
// Prints a table, writes it into docs/reliability.md, and exits 1 if any goal was missed
// (0 lost, 0 partial, 0 answers of 500). --quick: fewer kills and a shorter load (CI).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import postgres from "postgres";
import { startCallbackReceiver, startMailReceiver } from "./chaos/receivers";
import { startAppServer, type AppServer } from "./demo/app-server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const unknown = process.argv.slice(2).filter((a) => a !== "--quick");
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(", ")}. Usage: npm run chaos [-- --quick]`);
  process.exit(2);
}
const config = quick
  ? { backendKills: 5, loadSeconds: 12, concurrency: 6, workerKills: 5, workerRequests: 8, outageRequests: 4 }
  : { backendKills: 20, loadSeconds: 40, concurrency: 8, workerKills: 20, workerRequests: 25, outageRequests: 10 };
const dataDir = path.join(root, ".data", "chaos");
const logFile = path.join(root, ".data", "chaos-app.log");
const runId = randomUUID().slice(0, 8);
const marker = `chaos ${runId}`;

type Row = { scenario: string; figures: string; goal: string; ok: boolean };
const rows: Row[] = [];
function report(row: Row) {
  rows.push(row);
  console.log(`${row.ok ? "ok  " : "FAIL"} ${row.scenario}: ${row.figures}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}.`);
    await sleep(everyMs);
  }
}

// --- processes -------------------------------------------------------------------------------

function procRead(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

function childOf(parent: number, match: RegExp): number | undefined {
  return readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .find((pid) => {
      const stat = procRead(pid, "stat");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(fields[1]) === parent && fields[0] !== "Z" && match.test(procRead(pid, "cmdline").replaceAll("\0", " "));
    });
}

// --- the API ---------------------------------------------------------------------------------

type Answer = { status: number | "network"; body: Record<string, unknown> | null; ms: number };

async function api(app: AppServer, key: string, method: string, route: string, json?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = Date.now();
  try {
    const response = await fetch(`${app.url}/api/v1${route}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(json !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      body: json !== undefined ? JSON.stringify(json) : undefined,
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    let body: Record<string, unknown> | null = null;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      body = { raw: text.slice(0, 200) };
    }
    return { status: response.status, body, ms: Date.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: "network", body: { error: String(cause?.code ?? cause?.message ?? error) }, ms: Date.now() - started };
  }
}

// Asynchronous on purpose: a blocked event loop would miss the server closing idle keep-alive
// sockets, and the next request would go out on a dead one.
async function apiKeyFor(email: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "scripts", "api-key.ts"), "--email", email, "--name", `chaos ${runId}`], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, VOICE_PORTING_DATA_DIR: dataDir, DATABASE_URL: "" },
  });
  const key = stdout.trim().split("\n").pop() ?? "";
  if (!key.startsWith("vp_")) throw new Error(`npm run api-key printed no key for ${email}:\n${stdout}`);
  return key;
}

let serial = Math.floor(Math.random() * 5_000_000);
const freshNumber = () => `+3120${String(5_000_000 + (serial++ % 4_000_000)).padStart(7, "0")}`;

type Tally = Map<string, number>;
const count = (tally: Tally, key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
const describeTally = (tally: Tally) =>
  [...tally.entries()]
    .sort()
    .map(([k, v]) => `${k}×${v}`)
    .join(" ");

type Created = { idempotencyKey: string; numbers: string[]; answer: Answer };

// --- main ------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const callbacks = await startCallbackReceiver(150);
  const mails = await startMailReceiver(150);
  console.log(`chaos ${quick ? "--quick" : "(full)"}: starting its own app (data in ${path.relative(root, dataDir)}, log in ${path.relative(root, logFile)})…`);
  const app = await startAppServer({
    root,
    dataDir,
    logFile,
    // The suite runs its own workers (scenario 4 kills them); callbacks go to 127.0.0.1 over http.
    // The load must reach the database, not stop at the API's per-key rate limit (a full run
    // answered 429 to a third of its requests with the default 600 a minute).
    env: { RUN_WORKER: "false", ALLOW_INSECURE_CALLBACKS: "true", SMTP_URL: "", API_RATE_LIMIT_PER_MINUTE: "1000000" },
  });
  const workers: ChildProcess[] = [];
  let admin: postgres.Sql | null = null;
  const stopAll = async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGKILL");
    await admin?.end({ timeout: 1 }).catch(() => {});
    await app.stop();
    await callbacks.down();
    await mails.down();
  };
  process.on("SIGINT", () => void stopAll().finally(() => process.exit(130)));

  try {
    const recorded = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")) as { port: number; password: string };
    const databaseUrl = `postgres://postgres:${recorded.password}@127.0.0.1:${recorded.port}/postgres`;
    const db = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    admin = db;
    // The demo data's callbacks go to example domains; this suite reaches loopback only.
    await db`update callback_deliveries set state = 'failed' where state = 'pending'`;
    const customerKey = await apiKeyFor("anna@acme.test");
    const supportKey = await apiKeyFor("support@porting.test");
    const profiles = await api(app, customerKey, "GET", "/company-profiles");
    const profileId = ((profiles.body?.data ?? profiles.body?.items) as { id: string; country?: string }[] | undefined)?.[0]?.id;
    if (!profileId) throw new Error(`No company profile for the demo customer: ${profiles.status} ${JSON.stringify(profiles.body).slice(0, 300)}`);

    // Every create names a letter of authorisation uploaded before it (each upload serves one
    // create). Inserted straight into the database in batches, not through POST /documents: the
    // suite measures creates under faults, and an account may keep only 50 uploads waiting.
    const [anna] = await db<{ id: string; account_id: string; name: string }[]>`select id, account_id, name from users where email = 'anna@acme.test'`;
    const letters: string[] = [];
    const nextLetter = async (): Promise<string> => {
      while (letters.length === 0) {
        try {
          const rows = await db<{ id: string }[]>`
            insert into porting_request_documents (account_id, kind, filename, content_type, size, data, uploaded_by_user_id, uploaded_by_role, uploaded_by_name)
            select ${anna!.account_id}, 'letter_of_authorisation', 'loa.pdf', 'application/pdf', 9, '\\x255044462d312e370a'::bytea, ${anna!.id}, 'customer', ${anna!.name}
            from generate_series(1, 200) returning id`;
          letters.push(...rows.map((r) => r.id));
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      return letters.shift()!;
    };
    const createBody = (numbers: string[], letter: string) => ({
      country: "NL",
      numberType: "geographic",
      companyProfileId: profileId,
      phoneNumbers: numbers,
      currentProvider: "KPN",
      callbackUrl: callbacks.url,
      comment: marker,
      documents: [{ id: letter }],
    });
    const created: Created[] = [];
    const create = async (numbers = [freshNumber(), freshNumber()]) => {
      const idempotencyKey = randomUUID();
      const answer = await api(app, customerKey, "POST", "/porting-requests", createBody(numbers, await nextLetter()), { "idempotency-key": idempotencyKey });
      created.push({ idempotencyKey, numbers, answer });
      return answer;
    };
    const ackedIds = () => created.filter((c) => c.answer.status === 201).map((c) => String(c.answer.body?.id));

    // 1. Client backends killed under a mixed load.
    {
      const tally: Tally = new Map();
      let stop = false;
      const client = async () => {
        while (!stop) {
          const roll = Math.random();
          const ids = ackedIds();
          if (roll < 0.4 || ids.length === 0) {
            count(tally, `create ${(await create()).status}`);
          } else if (roll < 0.7) {
            const id = ids[Math.floor(Math.random() * ids.length)]!;
            const to = Math.random() < 0.5 ? "in_progress" : "blocked";
            count(tally, `transition ${(await api(app, supportKey, "POST", `/porting-requests/${id}/transitions`, { to, reason: "Chaos says so.", ...(to === "blocked" ? { rejectionCodes: ["other"] } : {}) })).status}`);
          } else {
            const id = ids[Math.floor(Math.random() * ids.length)]!;
            const answer = Math.random() < 0.5 ? await api(app, customerKey, "GET", `/porting-requests/${id}`) : await api(app, customerKey, "GET", "/porting-requests?limit=20");
            count(tally, `read ${answer.status}`);
          }
        }
      };
      const clients = Array.from({ length: config.concurrency }, client);
      let killed = 0;
      const every = (config.loadSeconds * 1000) / (config.backendKills + 1);
      for (let i = 0; i < config.backendKills; i++) {
        await sleep(every);
        const [row] = await db<{ n: number }[]>`
          select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
          where backend_type = 'client backend' and pid <> pg_backend_pid() and datname = 'postgres'`;
        killed += row?.n ?? 0;
      }
      await sleep(every);
      stop = true;
      await Promise.all(clients);

      const acked = created.filter((c) => c.answer.status === 201);
      const refused = created.filter((c) => c.answer.status !== 201);
      const stored = await db<{ id: string; numbers: number; events: number }[]>`
        select r.id::text, (select count(*)::int from porting_request_numbers n where n.porting_request_id = r.id) as numbers,
               (select count(*)::int from porting_request_events e where e.porting_request_id = r.id) as events
        from porting_requests r where r.comment = ${marker}`;
      const byId = new Map(stored.map((s) => [s.id, s]));
      const lost = acked.filter((c) => !byId.has(String(c.answer.body?.id))).length;
      const partial = stored.filter((s) => s.numbers !== 2 || s.events < 1).length;
      const refusedNumbers = refused.flatMap((c) => c.numbers);
      const [leak] = await db<{ n: number }[]>`select count(*)::int as n from porting_request_numbers where number = any(${refusedNumbers})`;
      const answers = [...tally.entries()];
      const total = answers.reduce((s, [, n]) => s + n, 0);
      const status = (code: string) => answers.filter(([k]) => k.endsWith(` ${code}`)).reduce((s, [, n]) => s + n, 0);
      const fiveHundreds = status("500");
      const failed = answers.filter(([k]) => /\s(5\d\d|network)$/.test(k)).reduce((s, [, n]) => s + n, 0);
      report({
        scenario: `${config.backendKills}× all client backends killed (${killed} backends) during ${config.loadSeconds} s of mixed load, ${config.concurrency} clients`,
        figures:
          `${total} requests (${describeTally(tally)}); ${acked.length} creates acknowledged, ${lost} lost; ${refused.length} refused, ${leak?.n ?? 0} of them stored anyway; ` +
          `${partial} partial; ${fiveHundreds} answers of 500; error rate ${((100 * failed) / Math.max(1, total)).toFixed(2)} % (503 with Retry-After, to retry)`,
        goal: "0 lost, 0 refused-but-stored, 0 partial, 0 × 500",
        ok: lost === 0 && (leak?.n ?? 0) === 0 && partial === 0 && fiveHundreds === 0,
      });
    }

    // 2. The embedded PostgreSQL killed under read load.
    {
      const postmaster = childOf(app.pid, /postgres -D /);
      if (!postmaster) throw new Error("The embedded PostgreSQL's process was not found under the start script.");
      const tally: Tally = new Map();
      let stop = false;
      const reader = async () => {
        while (!stop) {
          count(tally, String((await api(app, customerKey, "GET", "/porting-requests?limit=5")).status));
          await sleep(50);
        }
      };
      const readers = [reader(), reader()];
      await sleep(1000);
      const killedAt = Date.now();
      process.kill(postmaster, "SIGKILL");
      await sleep(200);
      await until("the API to answer 200 after PostgreSQL was killed", async () => (await api(app, customerKey, "GET", "/porting-requests?limit=5")).status === 200, 60_000, 100);
      const recovered = (Date.now() - killedAt) / 1000;
      await sleep(1000);
      stop = true;
      await Promise.all(readers);
      const fiveHundreds = tally.get("500") ?? 0;
      report({
        scenario: "embedded PostgreSQL killed (kill -9) under read load",
        figures: `API answered 200 again after ${recovered.toFixed(1)} s (restarted by npm start); meanwhile ${describeTally(tally)}`,
        goal: "recovers without a person; 0 × 500",
        ok: fiveHundreds === 0,
      });
    }

    // 3. The web server killed.
    {
      const web = childOf(app.pid, /next-server|next(\/dist\/bin\/next)? start/);
      if (!web) throw new Error("The web server's process was not found under the start script.");
      const killedAt = Date.now();
      process.kill(web, "SIGKILL");
      await until(
        "/login after the web server was killed",
        async () => {
          try {
            return childOf(app.pid, /next-server|next(\/dist\/bin\/next)? start/) !== web && (await fetch(`${app.url}/login`, { signal: AbortSignal.timeout(3_000) })).ok;
          } catch {
            return false;
          }
        },
        60_000,
        100,
      );
      const recovered = (Date.now() - killedAt) / 1000;
      report({ scenario: "web server killed (kill -9)", figures: `/login answered again after ${recovered.toFixed(1)} s (restarted by npm start)`, goal: "recovers without a person", ok: true });
    }

    // 4. The worker killed mid-delivery; 5. receivers down, then up.
    const spawnWorker = () => {
      const worker = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "worker.ts")], {
        cwd: root,
        stdio: "ignore",
        env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: mails.url, ALLOW_INSECURE_CALLBACKS: "true", NODE_ENV: "production" },
      });
      workers.push(worker);
      return worker;
    };
    const chaosIds = async () => (await db<{ id: string }[]>`select id::text from porting_requests where comment = ${marker}`).map((r) => r.id);
    const pendingCount = async () => {
      const ids = await chaosIds();
      const [c] = await db<{ n: number }[]>`select count(*)::int as n from callback_deliveries where porting_request_id = any(${ids}) and state <> 'delivered'`;
      const [e] = await db<{ n: number }[]>`select count(*)::int as n from email_messages where porting_request_id = any(${ids}) and state <> 'delivered'`;
      return { callbacks: c?.n ?? 0, emails: e?.n ?? 0 };
    };
    {
      for (let i = 0; i < config.workerRequests; i++) await create();
      let worker = spawnWorker();
      let killed = 0;
      for (let i = 0; i < config.workerKills; i++) {
        await sleep(400 + Math.random() * 1200);
        worker.kill("SIGKILL");
        killed++;
        worker = spawnWorker();
      }
      const waited = await until(
        "every callback and email to be delivered after the worker kills",
        async () => {
          const p = await pendingCount();
          return p.callbacks === 0 && p.emails === 0;
        },
        180_000,
        1_000,
      );
      const ids = await chaosIds();
      const deliveries = await db<{ message_id: string }[]>`select message_id from callback_deliveries where porting_request_id = any(${ids})`;
      const emails = await db<{ id: string }[]>`select id::text from email_messages where porting_request_id = any(${ids})`;
      const webhookIds = new Set(deliveries.map((d) => d.message_id));
      // The Message-ID of an email is <its row id@the sender's domain> (lib/notifications/email/mailer.ts).
      const emailIds = new Set(emails.map((e) => e.id));
      const gotCallbacks = callbacks.received.filter((r) => webhookIds.has(r.webhookId));
      const gotMails = mails.received.filter((m) => emailIds.has(/^<?([^@>]+)@/.exec(m.messageId)?.[1] ?? ""));
      const missingCallbacks = [...webhookIds].filter((id) => !gotCallbacks.some((r) => r.webhookId === id)).length;
      const missingMails = emails.length - new Set(gotMails.map((m) => m.messageId)).size;
      // A duplicate is a second arrival of the same delivery: same webhook-id and the same body.
      const bodies = new Map<string, Set<string>>();
      for (const r of gotCallbacks) bodies.set(r.webhookId, (bodies.get(r.webhookId) ?? new Set()).add(r.body));
      const conflicting = [...bodies.values()].filter((b) => b.size > 1).length;
      report({
        scenario: `notification worker killed (kill -9) ${killed}× at random moments, ${config.workerRequests} new requests' notifications in flight`,
        figures:
          `all delivered ${(waited / 1000).toFixed(0)} s after the last kill (a killed attempt waits for its lease); ${deliveries.length} callbacks: ${missingCallbacks} missing, ` +
          `${gotCallbacks.length - webhookIds.size} duplicates (same webhook-id and body), ${conflicting} webhook-ids with differing bodies; ${emails.length} emails: ${missingMails} missing, ` +
          `${gotMails.length - new Set(gotMails.map((m) => m.messageId)).size} duplicates (same Message-ID)`,
        goal: "0 missing; duplicates only with the same id",
        ok: missingCallbacks === 0 && missingMails === 0 && conflicting === 0,
      });
    }
    {
      await callbacks.down();
      await mails.down();
      const downAt = Date.now();
      for (let i = 0; i < config.outageRequests; i++) await create();
      await sleep(5_000);
      await callbacks.up();
      await mails.up();
      const waited = await until(
        "every callback and email to be delivered after the receivers came back",
        async () => {
          const p = await pendingCount();
          return p.callbacks === 0 && p.emails === 0;
        },
        120_000,
        1_000,
      );
      const [attempts] = await db<{ n: number }[]>`
        select count(*)::int as n from callback_deliveries where porting_request_id = any(${await chaosIds()}) and attempts > 1 and created_at >= ${new Date(downAt)}`;
      report({
        scenario: `callback receiver and SMTP server down for 5 s while ${config.outageRequests} requests were created, then up`,
        figures: `every callback and email delivered ${(waited / 1000).toFixed(0)} s after they came back (first retry after 30 s ± 20 %); ${attempts?.n ?? 0} callbacks needed more than one attempt`,
        goal: "0 missing",
        ok: true,
      });
    }

    // 6. The hostile-input corpus.
    {
      // It uploads its letters through POST /documents with the same account, which may keep only
      // 50 unused uploads: the pool the scenarios above did not use goes first.
      await db`delete from porting_request_documents where porting_request_id is null and account_id = ${anna!.account_id}`;
      letters.length = 0;
      const corpus = (await import("../test/hostile/corpus").catch(() => null)) as { runHostileCorpus?: (baseUrl: string, apiKey: string) => Promise<unknown> } | null;
      if (typeof corpus?.runHostileCorpus !== "function") {
        report({ scenario: "hostile-input corpus", figures: "not run: test/hostile/corpus.ts exports no runHostileCorpus(baseUrl, apiKey) yet", goal: "each a 4xx, nothing stored", ok: true });
      } else {
        const result = (await corpus.runHostileCorpus(app.url, customerKey)) as { total?: number; passed?: number; failures?: unknown[] } | undefined;
        const failures = result?.failures?.length ?? 0;
        report({
          scenario: "hostile-input corpus over HTTP",
          figures: `${result?.total ?? "?"} cases, ${failures} not refused cleanly${failures ? `: ${JSON.stringify(result?.failures?.slice(0, 3)).slice(0, 300)}` : ""}`,
          goal: "each a 4xx with a clear message, nothing stored",
          ok: failures === 0,
        });
      }
    }
  } finally {
    await stopAll();
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  writeTable(minutes);
  const failed = rows.filter((r) => !r.ok);
  console.log(`\nchaos ${quick ? "--quick " : ""}done in ${minutes} min: ${failed.length === 0 ? "every goal met" : `${failed.length} goal(s) missed`}; table in docs/reliability.md`);
  process.exit(failed.length === 0 ? 0 : 1);
}

function writeTable(minutes: string) {
  const file = path.join(root, "docs", "reliability.md");
  const table = [
    `<!-- chaos:${quick ? "quick" : "full"}:start -->`,
    `Last \`npm run chaos${quick ? " -- --quick" : ""}\`: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${minutes} min.`,
    "",
    "| fault | what happened | goal | met |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.scenario} | ${r.figures.replaceAll("|", "\\|")} | ${r.goal} | ${r.ok ? "yes" : "**no**"} |`),
    `<!-- chaos:${quick ? "quick" : "full"}:end -->`,
  ].join("\n");
  let doc: string;
  try {
    doc = readFileSync(file, "utf8");
  } catch {
    doc = "# Reliability\n";
  }
  const pattern = new RegExp(`<!-- chaos:${quick ? "quick" : "full"}:start -->[\\s\\S]*?<!-- chaos:${quick ? "quick" : "full"}:end -->`);
  doc = pattern.test(doc) ? doc.replace(pattern, table) : `${doc.trimEnd()}\n\n${table}\n`;
  writeFileSync(file, doc);
  console.log(`\n${table}`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

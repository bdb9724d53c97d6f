// `npm start`: the embedded PostgreSQL (or DATABASE_URL), migrations, demo data on an empty
// embedded database, then the Next.js server and the notification worker. It supervises what it
// started: a child that stops on its own is restarted (with a growing pause, a line in the log
// each time); one that keeps crashing stops everything with exit code 1. Ctrl-C, SIGTERM or
// SIGHUP, to this process or to its whole process group, stops everything within 10 s.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { acquireStartLock, dataDir, ensureAuthSecret, type StartLock } from "./lib/data-dir";
import { supervisorLog as log } from "./lib/log";
import { runningChild, supervise, type Running, type Supervised } from "./lib/supervise";
import { startWorkerProcess } from "./lib/worker-process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");
// Tests of this supervisor only: a small stand-in for `next start` (test/fixtures/web-stand-in.mjs),
// so that they need no production build. Everything else (PostgreSQL, worker, signals) is real.
const webStandIn = process.env.VOICE_PORTING_TEST_WEB_SERVER;

/** The web server and the worker get SIGTERM, then SIGKILL: with PostgreSQL's steps, within 10 s. */
const CHILD_STOP_STEPS = [
  ["SIGTERM", 4_000],
  ["SIGKILL", 1_000],
] as const;
/** If stopping still hangs (it should not), the supervisor kills what is left and exits anyway. */
const SHUTDOWN_DEADLINE_MS = 9_500;

async function loadEnv() {
  try {
    return (await import("@/lib/env")).env;
  } catch (error) {
    if (error instanceof Error && error.name === "EnvError") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

let lock: StartLock | null = null;
const services: { postgres?: Supervised; web?: Supervised; worker?: Supervised } = {};
let stopping = false;

const shutdown = async (code: number) => {
  if (stopping) return;
  stopping = true;
  const every = () => [services.web, services.worker, services.postgres].map((s) => s?.current()).filter((r): r is Running => !!r);
  const deadline = setTimeout(() => {
    log("error", "Stopping took too long; killing what is left.");
    for (const running of every()) {
      try {
        process.kill(running.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
    void lock?.release().finally(() => process.exit(code || 1));
  }, SHUTDOWN_DEADLINE_MS);
  // The web server and the worker use the database: they stop first.
  await Promise.all([services.web?.stop(), services.worker?.stop()]);
  await services.postgres?.stop();
  await lock?.release();
  clearTimeout(deadline);
  process.exit(code);
};
const giveUp = (reason: string) => {
  log("error", `${reason}: stopping everything (exit code 1).`);
  void shutdown(1);
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (!stopping) log("info", `${signal}: stopping…`);
    void shutdown(0);
  });
}

async function main() {
  const env = await loadEnv();
  const { assertPostgresPatched } = await import("@/db/postgres-patch");
  try {
    assertPostgresPatched(root);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const { startEmbeddedPostgres, EmbeddedAlreadyRunning, POSTMASTER_STOP_STEPS } = await import("@/db/embedded");
  const { runMigrations } = await import("@/db/migrate");

  let databaseUrl = env.DATABASE_URL;
  const embedded = !databaseUrl;
  if (embedded) {
    lock = await acquireStartLock();
    if (!lock) {
      console.error(
        "Voice Porting is already running from this folder (it holds .data/). Stop it first (Ctrl-C in its terminal),\n" +
          "or run a second copy from another clone, or against another database with DATABASE_URL=… npm start.",
      );
      process.exit(1);
    }
    let port = env.EMBEDDED_PG_PORT;
    services.postgres = supervise({
      name: "The embedded PostgreSQL",
      launch: async () => {
        const pg = await startEmbeddedPostgres({
          dataDir,
          port,
          reclaimOrphan: true,
          log: (line) => line.includes("orphaned") && log("warn", line),
        });
        // A restart keeps the port the web server and the worker already use.
        port = pg.port;
        databaseUrl = pg.url;
        return { pid: pg.pid, exited: pg.exited, stopSteps: POSTMASTER_STOP_STEPS };
      },
      onGiveUp: giveUp,
    });
    try {
      await services.postgres.start();
      log("info", `PostgreSQL (embedded) on 127.0.0.1:${port}, data in ${path.relative(root, path.join(dataDir, "pg")) || "."}`);
    } catch (error) {
      if (error instanceof EmbeddedAlreadyRunning) {
        console.error(`${error.message} Another npm start from this folder is using it; stop that one first.`);
      } else {
        console.error(error instanceof Error ? error.message : error);
      }
      await shutdown(1);
      return;
    }
  } else {
    log("info", "PostgreSQL from DATABASE_URL");
  }
  await runMigrations(databaseUrl!);
  if (stopping) return;
  if (embedded || env.DEMO_DATA) {
    const { seedDemoData } = await import("@/db/seed");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const postgres = (await import("postgres")).default;
    const schema = await import("@/db/schema");
    const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    const result = await seedDemoData(drizzle(sql, { schema }), { log: (line) => log("info", line) });
    await sql.end();
    log("info", result.seeded ? "Demo data seeded (logins in README.md)." : "Existing data kept; no demo data seeded.");
  }
  if (stopping) return;

  const authSecret = env.AUTH_SECRET ?? (await ensureAuthSecret());
  // Demo data (published demo logins: the embedded demo, or DEMO_DATA=true on an external
  // database) is reachable from this machine only, unless HOST says otherwise.
  const hostname = env.HOST ?? (embedded || env.DEMO_DATA ? "127.0.0.1" : undefined);
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const webArgs = [webStandIn ?? nextBin, ...(webStandIn ? [] : [dev ? "dev" : "start"]), "--port", String(env.PORT), ...(hostname ? ["--hostname", hostname] : [])];
  services.web = supervise({
    name: "The web server",
    launch: async () =>
      runningChild(
        spawn(process.execPath, webArgs, {
          cwd: root,
          stdio: "inherit",
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl,
            // Demo data may be present (seeded above): the sign-in page may then list the demo logins.
            DEMO_DATA: embedded || env.DEMO_DATA ? "true" : "",
            AUTH_SECRET: authSecret,
            AUTH_TRUST_HOST: "true",
            NEXT_TELEMETRY_DISABLED: "1",
          },
        }),
        CHILD_STOP_STEPS,
      ),
    onGiveUp: giveUp,
  });
  await services.web.start();
  if (env.RUN_WORKER && !stopping) {
    // Email and callback delivery (RUN_WORKER=false when workers run elsewhere: npm run worker).
    services.worker = startWorkerProcess({ root, env: { ...process.env, DATABASE_URL: databaseUrl }, stopSteps: CHILD_STOP_STEPS, onGiveUp: giveUp });
    await services.worker.start();
  }
  const shown = !hostname || ["0.0.0.0", "::", "127.0.0.1", "::1"].includes(hostname) ? "localhost" : hostname;
  log("info", `Voice Porting on http://${shown}:${env.PORT}`);
}

main().catch((error) => {
  // Stopping while starting (Ctrl-C during migrations): the shutdown in progress exits.
  if (stopping) return;
  console.error(error);
  void shutdown(1);
});

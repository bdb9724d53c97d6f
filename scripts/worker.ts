// `npm run worker`: the notification worker on its own, for scaling out (run as many as you like
// against one database; they never deliver one job twice at once). `npm start` runs one too
// unless RUN_WORKER=false. The database:
//   - DATABASE_URL when set;
//   - else the running embedded PostgreSQL of this folder (.data/, or VOICE_PORTING_DATA_DIR),
//     found through the port recorded in .data/embedded-postgres.json.
// Ctrl-C / SIGTERM: stop taking work, finish the attempts in flight (their results are
// recorded), exit 0. A second Ctrl-C exits at once; unfinished attempts are retried by any
// worker once their lease expires.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { dataDir } from "./lib/data-dir";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function loadEnv() {
  try {
    return (await import("@/lib/env")).env;
  } catch (error) {
    if (error instanceof Error && error.name === "EnvError") fail(error.message);
    throw error;
  }
}

async function databaseUrl(): Promise<string> {
  const env = await loadEnv();
  if (env.DATABASE_URL) return env.DATABASE_URL;
  const { embeddedUrl, readRecorded, runningPostmaster } = await import("@/db/embedded");
  const recorded = await readRecorded(dataDir);
  if (!recorded) fail(`No database found: ${dataDir} holds no embedded PostgreSQL. Start the app once (npm start), or set DATABASE_URL.`);
  if (!(await runningPostmaster(dataDir))) {
    fail(`The embedded PostgreSQL in ${dataDir} is not running. Start the app (npm start), or set DATABASE_URL.`);
  }
  return embeddedUrl(recorded);
}

async function main() {
  const { assertPostgresPatched } = await import("@/db/postgres-patch");
  try {
    assertPostgresPatched(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const url = await databaseUrl();
  // From here on every line is structured (lib/observability/logger.ts), as "process":"worker".
  const { getLogger, setLogProcess } = await import("@/lib/observability/logger");
  setLogProcess("worker");
  const log = getLogger();
  const { NotificationWorker } = await import("@/lib/notifications/worker");
  const worker = new NotificationWorker({ databaseUrl: url });
  // The same fleet completes requests at their confirmed porting moment (lib/porting/completion-worker.ts).
  const { CompletionWorker } = await import("@/lib/porting/completion-worker");
  const completions = new CompletionWorker({ databaseUrl: url });
  // And plays the sandbox's provider and support (lib/porting/sandbox-worker.ts).
  const { SandboxWorker } = await import("@/lib/porting/sandbox-worker");
  const sandbox = new SandboxWorker({ databaseUrl: url, stepSeconds: (await loadEnv()).SANDBOX_STEP_SECONDS });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // Under npm start, Ctrl-C reaches this process and the start script's SIGTERM follows:
      // only a second Ctrl-C means "now".
      if (signal !== "SIGINT") return;
      log.warn("SIGINT again: exiting now; unfinished attempts are retried after their lease.");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, `${signal}: finishing the deliveries in flight…`);
    Promise.all([worker.stop(), completions.stop(), sandbox.stop()]).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "the worker did not stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));

  await worker.start();
  await completions.start();
  sandbox.start();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

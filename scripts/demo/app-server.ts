import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

// The demo's own app: the real start script (embedded PostgreSQL, migrations, demo data, next
// start) as a child process, on its own data directory and a free port, like the e2e suite's
// webServer. So it works beside a running `npm start`, and every run starts from the demo data.

/** pid: the start script's (the supervisor of PostgreSQL, Next.js and the worker; the chaos suite kills those). */
export type AppServer = { url: string; pid: number; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function tail(file: string, lines = 25): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

export async function startAppServer(options: {
  root: string;
  dataDir: string;
  logFile: string;
  env: Record<string, string>;
  timeoutMs?: number;
}): Promise<AppServer> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  rmSync(path.resolve(options.root, options.dataDir), { recursive: true, force: true });
  // On a fresh clone .data/ does not exist yet: the start script makes it only once it runs.
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(options.root, "scripts", "start.ts")], {
    cwd: options.root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...options.env,
      PORT: String(port),
      VOICE_PORTING_DATA_DIR: options.dataDir,
      // Never the developer's database or embedded port: a fresh embedded one, seeded with the demo data.
      DATABASE_URL: "",
      EMBEDDED_PG_PORT: "",
      DEMO_DATA: "",
      APP_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      // The start script stops Next.js and PostgreSQL, then exits; give it time, then insist.
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  };

  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      await stop();
      throw new Error(`The app stopped while starting (exit code ${exitCode}). Its last lines (${options.logFile}):\n${tail(options.logFile)}`);
    }
    try {
      const response = await fetch(`${url}/login`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return { url, pid: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`The app did not answer ${url}/login in time. Its last lines (${options.logFile}):\n${tail(options.logFile)}`);
}

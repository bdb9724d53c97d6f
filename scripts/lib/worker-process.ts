import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

// The notification worker beside the web server under `npm start` (RUN_WORKER, default true): a
// child process running scripts/worker.ts, so a crash in a delivery can never take the web server
// down, and the web server's restarts never interrupt a delivery. Restarted with a growing pause
// if it dies; stopped (SIGTERM, it finishes what is in flight) when the app stops.

export type WorkerProcess = { stop: () => Promise<void> };

export function startWorkerProcess(options: { root: string; env: NodeJS.ProcessEnv }): WorkerProcess {
  let child: ChildProcess | null = null;
  let stopping = false;
  let restarts = 0;
  let timer: NodeJS.Timeout | null = null;

  const launch = () => {
    const startedAt = Date.now();
    child = spawn(process.execPath, ["--import", "tsx", path.join(options.root, "scripts", "worker.ts")], {
      cwd: options.root,
      stdio: "inherit",
      env: options.env,
    });
    child.on("exit", (code, signal) => {
      child = null;
      if (stopping) return;
      // A worker that ran for a while gets a fresh budget of quick restarts.
      if (Date.now() - startedAt > 60_000) restarts = 0;
      const pause = Math.min(30_000, 1_000 * 2 ** restarts++);
      console.error(`The notification worker stopped (${signal ?? `exit code ${code}`}); restarting in ${pause / 1000} s.`);
      timer = setTimeout(launch, pause);
    });
  };
  launch();

  return {
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      // Deliveries time out after 10 s; after 15 s something is stuck.
      const force = setTimeout(() => running.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}

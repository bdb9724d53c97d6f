import { spawn } from "node:child_process";
import path from "node:path";
import { runningChild, supervise, type Running, type Supervised } from "./supervise";

// The notification worker beside the web server under `npm start` (RUN_WORKER, default true): a
// child process running scripts/worker.ts, so a crash in a delivery can never take the web server
// down, and the web server's restarts never interrupt a delivery. Restarted like every child of
// npm start (scripts/lib/supervise.ts); stopped with SIGTERM (it finishes what is in flight), then
// SIGKILL if that takes too long (an unfinished attempt is retried once its lease expires).

export function startWorkerProcess(options: {
  root: string;
  env: NodeJS.ProcessEnv;
  stopSteps: Running["stopSteps"];
  onGiveUp: (reason: string) => void;
}): Supervised {
  return supervise({
    name: "The notification worker",
    launch: async () =>
      runningChild(
        spawn(process.execPath, ["--import", "tsx", path.join(options.root, "scripts", "worker.ts")], {
          cwd: options.root,
          stdio: "inherit",
          env: options.env,
        }),
        options.stopSteps,
      ),
    onGiveUp: options.onGiveUp,
  });
}

import type { ChildProcess } from "node:child_process";
import { supervisorLog } from "./log";

// Keeps one child of `npm start` running: the web server, the embedded PostgreSQL or the
// notification worker. A child that stops on its own is restarted after a pause that doubles
// with each recent crash; one that keeps crashing (`crashLimit` crashes within `windowMs`) makes
// the supervisor give up loudly, so that systemd, a container runtime or a person notices.
// Stopping sends the polite signal, then harder ones after their grace times, so a child that
// hangs, or was stopped with SIGSTOP, still ends.

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null };

/** One started instance of a child: its pid, its end, and how to make it end. */
export type Running = {
  pid: number;
  exited: Promise<ExitInfo>;
  /** Signals sent in turn by stop(), each followed by how long to wait for the exit (ms). */
  stopSteps: readonly (readonly [NodeJS.Signals, number])[];
};

export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/** A spawned ChildProcess as a Running; `exited` also settles when the spawn itself failed. */
export function runningChild(child: ChildProcess, stopSteps: Running["stopSteps"]): Running {
  const exited = new Promise<ExitInfo>((resolve) => {
    // exitCode/signalCode, not exitCode alone: a child killed by a signal has exitCode null.
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", () => {
      if (child.pid === undefined) resolve({ code: 127, signal: null });
    });
  });
  return { pid: child.pid ?? -1, exited, stopSteps };
}

/** Ends a running child: each step's signal (plus SIGCONT, for a stopped one), then its wait. */
export async function stopRunning(running: Running): Promise<ExitInfo | null> {
  let result: ExitInfo | null = null;
  void running.exited.then((info) => (result = info));
  await Promise.resolve();
  for (const [signal, waitMs] of running.stopSteps) {
    if (result) return result;
    try {
      process.kill(running.pid, signal);
      if (signal !== "SIGKILL") process.kill(running.pid, "SIGCONT");
    } catch {
      // already gone
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([running.exited, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }
  return result;
}

export type SuperviseOptions = {
  /** As people read it: "the web server", "the embedded PostgreSQL". */
  name: string;
  launch: () => Promise<Running>;
  /** The first restart waits this long; each further recent crash doubles it, up to maxPauseMs. */
  firstPauseMs?: number;
  maxPauseMs?: number;
  crashLimit?: number;
  windowMs?: number;
  /** After a (re)start and after a crash: e.g. to print where the service is. */
  onStarted?: (running: Running, restart: boolean) => void;
  /** The child keeps crashing (or cannot be started): the supervisor should stop everything and exit non-zero. */
  onGiveUp: (reason: string) => void;
  log?: typeof supervisorLog;
};

export type Supervised = {
  /** Launches the first instance; rejects when that fails (nothing is retried at first start). */
  start: () => Promise<Running>;
  current: () => Running | null;
  stop: () => Promise<void>;
};

export function supervise(options: SuperviseOptions): Supervised {
  const log = options.log ?? supervisorLog;
  const firstPauseMs = options.firstPauseMs ?? 500;
  const maxPauseMs = options.maxPauseMs ?? 8_000;
  const crashLimit = options.crashLimit ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const crashes: number[] = [];
  let running: Running | null = null;
  let launching: Promise<Running | null> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;

  const watch = (instance: Running) => {
    running = instance;
    void instance.exited.then((info) => {
      if (running === instance) running = null;
      if (stopping) return;
      crashed(`${options.name} stopped (${describeExit(info)})`);
    });
  };

  const crashed = (what: string) => {
    const now = Date.now();
    crashes.push(now);
    while (crashes.length && crashes[0]! < now - windowMs) crashes.shift();
    if (crashes.length >= crashLimit) {
      log("error", `${what}; it crashed ${crashes.length} times within ${windowMs / 1000} s: giving up.`);
      options.onGiveUp(`${options.name} keeps crashing`);
      return;
    }
    const pause = Math.min(maxPauseMs, firstPauseMs * 2 ** (crashes.length - 1));
    log("warn", `${what}; restarting it in ${pause / 1000} s (crash ${crashes.length} of ${crashLimit} allowed within ${windowMs / 1000} s).`);
    timer = setTimeout(() => {
      timer = null;
      // A signal that ended the child may reach us just after its exit: never restart while stopping.
      if (stopping) return;
      launching = options.launch().then(
        (instance) => {
          launching = null;
          if (stopping) {
            void stopRunning(instance);
            return instance;
          }
          watch(instance);
          log("info", `${options.name} restarted (pid ${instance.pid}).`);
          options.onStarted?.(instance, true);
          return instance;
        },
        (error: unknown) => {
          launching = null;
          if (!stopping) crashed(`${options.name} did not start again (${error instanceof Error ? error.message : String(error)})`);
          return null;
        },
      );
    }, pause);
  };

  return {
    start: async () => {
      const first = options.launch();
      // stop() during the first launch waits for it, then stops what it started.
      launching = first.then(
        (instance) => instance,
        () => null,
      );
      const instance = await first.finally(() => (launching = null));
      if (stopping) {
        await stopRunning(instance);
        return instance;
      }
      watch(instance);
      options.onStarted?.(instance, false);
      return instance;
    },
    current: () => running,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const pending = launching;
      if (pending) {
        const instance = await pending;
        if (instance) await stopRunning(instance);
      }
      if (running) await stopRunning(running);
      running = null;
    },
  };
}

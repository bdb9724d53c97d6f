import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";

// The production build as an operator runs it, for tests that need the real thing (several
// instances against one database): `next start` and `npm run worker` processes, their output
// kept for the failure message. Loopback only.

export const root = path.resolve(import.meta.dirname, "..", "..");

/**
 * Where the built app is: SCALE_OUT_APP_DIR (a clean clone, built there: useful while this folder
 * has half-done edits), or this folder, built into .next when its sources changed (the same build
 * `npm run build` makes, so CI builds once). Refuses while `npm start` serves this folder.
 */
export function builtApp(): { dir: string; dist: string } {
  const dir = process.env.SCALE_OUT_APP_DIR ? path.resolve(process.env.SCALE_OUT_APP_DIR) : root;
  const dist = process.env.SCALE_OUT_APP_DIR ? ".next" : process.env.NEXT_DIST_DIR || ".next";
  if (dir === root || !existsSync(path.join(dir, dist, "BUILD_ID"))) {
    const result = spawnSync(process.execPath, [path.join(dir, "scripts", "bootstrap.mjs"), "build"], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, NEXT_DIST_DIR: dist, NODE_ENV: "production" },
    });
    if (result.status !== 0) throw new Error(`The production build failed (or npm start is serving ${dir}):\n${result.stdout}\n${result.stderr}`);
  }
  return { dir, dist };
}

export type Proc = { name: string; child: ChildProcess; output: () => string; stop: () => Promise<void> };

function track(name: string, child: ChildProcess): Proc {
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c));
  child.stderr?.on("data", (c: Buffer) => (output += c));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One app instance: `next start` of the build on 127.0.0.1:port; resolves once /api/health answers. */
export async function startInstance(app: { dir: string; dist: string }, name: string, port: number, env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, [path.join(app.dir, "node_modules", "next", "dist", "bin", "next"), "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: app.dir,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: app.dist, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true", ...env },
  });
  const proc = track(name, child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${proc.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2_000) })).ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One worker: `npm run worker`'s script, as its own process. */
export function startWorker(name: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  return track(name, child);
}

/** A random AUTH_SECRET: every instance of one deployment must share it. */
export const authSecret = () => randomBytes(32).toString("hex");

/** Signs in through next-auth's credentials callback, as the login form does; returns the Cookie header. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/porting-requests" }),
  });
  keep(answer);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Sign-in failed: ${answer.status} ${answer.headers.get("location")}`);
  return cookie();
}

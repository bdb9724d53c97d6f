#!/usr/bin/env node
// The entry point of every npm script that must work on a fresh clone: it runs with Node alone
// (no dependencies), installs them when node_modules is missing or stale, builds when the
// sources changed since the last build, then hands over to the real command.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseIdentity, stillRunning } from "./lib/process-identity.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [command = "start", ...args] = process.argv.slice(2);

function run(cmd, cmdArgs, options = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

// After every install (npm's postinstall runs `bootstrap.mjs installed`), the hash of the lock
// file it installed is stamped into node_modules. A different lock file means the installed tree
// is stale; edits to package.json that leave the lock file alone (scripts) do not.
const installStamp = path.join(root, "node_modules", ".voice-porting-installed");

function lockHash() {
  const lock = path.join(root, "package-lock.json");
  return existsSync(lock) ? createHash("sha256").update(readFileSync(lock)).digest("hex") : "no-lock";
}

function ensureDependencies() {
  if (existsSync(installStamp) && readFileSync(installStamp, "utf8") === lockHash()) return;
  console.log("Installing dependencies (npm ci)…");
  const status = run("npm", [existsSync(path.join(root, "package-lock.json")) ? "ci" : "install", "--no-audit", "--no-fund"]);
  if (status !== 0) process.exit(status);
  writeFileSync(installStamp, lockHash());
}

const buildInputs = ["app", "components", "lib", "db", "public", "proxy.ts", "instrumentation.ts", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

function sourceHash() {
  const hash = createHash("sha256");
  const walk = (p) => {
    const full = path.join(root, p);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(full).sort()) {
        if (entry === "node_modules" || entry.startsWith(".")) continue;
        walk(path.join(p, entry));
      }
    } else if (!/\.test\.tsx?$/.test(p)) {
      hash.update(p).update("\0").update(readFileSync(full)).update("\0");
    }
  };
  buildInputs.forEach(walk);
  return hash.digest("hex");
}

// The pid in .data/start.lock while `npm start` serves from this folder's .next/ (the lock names
// the process with its start time, so a reused pid is not mistaken for it).
function runningStart() {
  try {
    const holder = parseIdentity(readFileSync(path.join(root, ".data", "start.lock"), "utf8"));
    if (!stillRunning(holder)) return null;
    return typeof holder === "number" ? holder : holder.pid;
  } catch {
    return null;
  }
}

const distDir = path.join(root, process.env.NEXT_DIST_DIR || ".next");

function ensureBuild() {
  const stampFile = path.join(distDir, "voice-porting-build-stamp");
  const current = sourceHash();
  const built = existsSync(path.join(distDir, "BUILD_ID")) && existsSync(stampFile) && readFileSync(stampFile, "utf8") === current;
  if (built) return;
  const running = runningStart();
  if (running) {
    // Rebuilding .next/ under a running server would break it mid-request.
    console.error(`The sources changed and need a new build, but npm start (pid ${running}) is serving this folder. Stop it first.`);
    process.exit(1);
  }
  console.log("Building the app (next build)…");
  const status = run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (status !== 0) process.exit(status);
  writeFileSync(stampFile, current);
}

// The long-running command: spawned asynchronously so that signals reach it and its exit code
// becomes ours.
function handOver(cmd, cmdArgs, options = {}) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: "inherit" });
  // Ctrl-C reaches the whole process group; SIGTERM and SIGHUP sent to us alone are passed on.
  // `npm start` passes SIGINT on as well (a SIGINT sent to this process alone must stop it too;
  // after Ctrl-C it sees two, which it treats as one); the worker takes a second SIGINT as "now".
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => {
      if (signal === "SIGINT" && !options.forwardInterrupt) return;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function tsx(script, scriptArgs, options = {}) {
  handOver(process.execPath, ["--import", "tsx", path.join(root, script), ...scriptArgs], options);
}

if (command === "installed") {
  writeFileSync(installStamp, lockHash());
  process.exit(0);
}
ensureDependencies();
process.env.NEXT_TELEMETRY_DISABLED = "1";

const bin = (...p) => path.join(root, "node_modules", ...p);

switch (command) {
  case "start":
    ensureBuild();
    tsx("scripts/start.ts", args, { forwardInterrupt: true });
    break;
  case "dev":
    tsx("scripts/start.ts", ["--dev", ...args], { forwardInterrupt: true });
    break;
  case "build":
    ensureBuild();
    break;
  case "test":
    handOver(process.execPath, [bin("vitest", "vitest.mjs"), "run", ...args]);
    break;
  case "e2e":
    ensureBuild();
    handOver(process.execPath, [bin("@playwright", "test", "cli.js"), "test", ...args]);
    break;
  case "api-key":
  case "worker":
  case "demo":
  case "chaos":
    if (command === "demo" || command === "chaos") ensureBuild();
    tsx(`scripts/${command}.ts`, args);
    break;
  default:
    console.error(`Unknown command: ${command}. Known: start, dev, build, test, e2e, api-key, worker, demo, chaos.`);
    process.exit(2);
}

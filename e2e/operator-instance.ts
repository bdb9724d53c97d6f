import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { expect } from "@playwright/test";
import { startMailCatcher, type CaughtMail, type MailCatcher } from "../test/mail-catcher";
import { dataDir, port } from "./settings";

// A second server, started the way an operator starts the product for real: `scripts/start.ts`
// with its own data directory (embedded PostgreSQL), APP_URL, and SMTP_URL pointing at a real SMTP
// receiver in this test process, so invitation and password-reset emails travel over SMTP and
// their links are followed from the received message. The suite's shared server has no SMTP (its
// specs assert "not sent"); this one exists only for the spec that asks for it and is stopped
// with its process group at the end. It serves the same build (NEXT_DIST_DIR is inherited).

// Playwright runs from the repository root (playwright.config.ts), as npm scripts do.
const ROOT = process.cwd();

export type OperatorInstance = {
  baseURL: string;
  mail: MailCatcher;
  /** `npm run create-user -- …args` against this instance's database; the one-time link it prints. */
  createUser(args: string[]): Promise<string>;
  /** The newest message to `to` whose subject matches, waiting for the worker to send it. */
  mailTo(to: string, subject: RegExp): Promise<CaughtMail>;
  /** The link under this instance's APP_URL in a message (`/invitations/…`, `/reset-password/…`). */
  linkIn(message: CaughtMail, path: "invitations" | "reset-password"): string;
  stop(): Promise<void>;
};

function run(command: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, command, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the operator instance exited with ${child.exitCode} before it was up; see ${log}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the operator instance did not answer ${url} within ${timeoutMs / 1000} s; see ${log}`);
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const killer = setTimeout(() => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 15_000);
    child.once("exit", () => {
      clearTimeout(killer);
      resolve();
    });
    try {
      // start.ts stops what it started (web server, worker, PostgreSQL) on SIGTERM to its group.
      process.kill(-pid, "SIGTERM");
    } catch {
      clearTimeout(killer);
      resolve();
    }
  });
}

export async function startOperatorInstance(options: { outputDir: string }): Promise<OperatorInstance> {
  // E2E_OPERATOR_PORT, or E2E_PORT + 1000: inside each engineer's own range (3110 → 4110).
  const operatorPort = Number(process.env.E2E_OPERATOR_PORT ?? port + 1000);
  const baseURL = `http://localhost:${operatorPort}`;
  const instanceDir = path.resolve(ROOT, `${dataDir}-operator`);
  await rm(instanceDir, { recursive: true, force: true });
  const mail = await startMailCatcher();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(operatorPort),
    HOST: "127.0.0.1",
    VOICE_PORTING_DATA_DIR: instanceDir,
    DATABASE_URL: "",
    EMBEDDED_PG_PORT: "",
    APP_URL: baseURL,
    SMTP_URL: mail.url,
    MAIL_FROM: "Voice Porting <porting@operator.test>",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  await mkdir(options.outputDir, { recursive: true });
  const log = path.join(options.outputDir, "operator-instance.log");
  const out = createWriteStream(log);
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  try {
    await waitUntilUp(`${baseURL}/login`, child, log, 180_000);
  } catch (error) {
    await stopGroup(child);
    await mail.close();
    throw error;
  }

  return {
    baseURL,
    mail,
    async createUser(args) {
      const result = await run(["--conditions=react-server", "--import", "tsx", "scripts/create-user.ts", ...args], env);
      expect(result.code, `create-user ${args.join(" ")}: ${result.stderr}`).toBe(0);
      const link = result.stdout.trim().split("\n").at(-1)!.trim();
      expect(link.startsWith(`${baseURL}/`), `create-user printed: ${result.stdout}`).toBe(true);
      return link;
    },
    async mailTo(to, subject) {
      let found: CaughtMail | undefined;
      await expect
        .poll(() => (found = [...mail.messages].reverse().find((m) => m.to.includes(to) && subject.test(m.subject))), {
          message: `an email to ${to} matching ${subject}`,
          timeout: 30_000,
        })
        .toBeDefined();
      return found!;
    },
    linkIn(message, kind) {
      const escaped = baseURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      const match = new RegExp(`${escaped}/${kind}/[A-Za-z0-9_-]{43}`).exec(message.text);
      if (!match) throw new Error(`no ${baseURL}/${kind}/… link in the email: ${message.text}`);
      return match[0];
    },
    async stop() {
      await stopGroup(child);
      out.end();
      await mail.close();
      await rm(instanceDir, { recursive: true, force: true });
    },
  };
}

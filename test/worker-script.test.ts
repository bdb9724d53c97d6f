import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { getDb } from "@/db";
import { callbackDeliveries, emailMessages } from "@/db/schema";
import { env } from "@/lib/env";
import { createRequest, createTenant } from "@/test/factories";
import { until } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";

// `npm run worker` (scripts/worker.ts) as a user runs it: a process of its own that finds the
// database, delivers, and stops cleanly on SIGTERM.

const root = path.resolve(import.meta.dirname, "..");
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

function run(extraEnv: Record<string, string | undefined>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout.on("data", (c: Buffer) => output.push(c.toString()));
  child.stderr.on("data", (c: Buffer) => output.push(c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output, exit };
}

test("delivers what is due, then SIGTERM stops it with exit code 0", { timeout: 60_000 }, async () => {
  const { customer } = await createTenant("NL");
  const request = await createRequest(customer, { callbackUrl: receiver.url });
  const worker = run({ DATABASE_URL: env.DATABASE_URL, SMTP_URL: "" });
  await until(async () => (await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id)))[0]?.state === "delivered", 30_000, "the callback");
  // No SMTP_URL: the email is kept, never attempted, with the reason noted (a worker that has a
  // mail server still sends it).
  const email = await until(async () => {
    const [row] = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, request.id));
    return row?.lastError ? row : null;
  }, 10_000, "the no-SMTP note");
  expect(email).toMatchObject({ state: "pending", attempts: 0 });
  expect(email.lastError).toMatch(/no SMTP server is configured/);

  worker.child.kill("SIGTERM");
  expect(await worker.exit).toBe(0);
  expect(worker.output.join("")).toMatch(/Notification worker started/);
});

test("without DATABASE_URL and without a running embedded database it says what to do", { timeout: 30_000 }, async () => {
  const empty = await mkdtemp(path.join(os.tmpdir(), "vp-worker-"));
  try {
    const worker = run({ DATABASE_URL: "", VOICE_PORTING_DATA_DIR: empty });
    expect(await worker.exit).toBe(1);
    expect(worker.output.join("")).toMatch(/No database found: .* Start the app once \(npm start\), or set DATABASE_URL\./);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

// .data/ holds what a local run keeps between starts: the embedded cluster, its port, the
// generated auth secret and the lock that keeps two starts from sharing one cluster.
// VOICE_PORTING_DATA_DIR lets the e2e suite and the demo run their own cluster beside `npm start`.
export const dataDir = path.resolve(
  process.env.VOICE_PORTING_DATA_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", ".data"),
);

export type StartLock = { release: () => Promise<void> };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** An exclusive lock on .data/ for this process; null when another live process holds it. */
export async function acquireStartLock(): Promise<StartLock | null> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "start.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(await readFile(file, "utf8").catch(() => ""));
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) return null;
      // Left by a process that died without cleaning up.
      await rm(file, { force: true });
    }
  }
  return null;
}

/** AUTH_SECRET for local runs: generated once, kept in .data/ so sessions survive restarts. */
export async function ensureAuthSecret(): Promise<string> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start
  }
  const secret = randomBytes(32).toString("base64url");
  await writeFile(file, secret + "\n", { mode: 0o600 });
  return secret;
}

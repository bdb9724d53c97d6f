import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { link, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseIdentity, processIdentity, stillRunning } from "./process-identity.mjs";

// .data/ holds what a local run keeps between starts: the embedded cluster, its port, the
// generated auth secret and the lock that keeps two starts from sharing one cluster.
// VOICE_PORTING_DATA_DIR lets the e2e suite and the demo run their own cluster beside `npm start`.
export const dataDir = path.resolve(
  process.env.VOICE_PORTING_DATA_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", ".data"),
);

export type StartLock = { release: () => Promise<void> };

/**
 * An exclusive lock on .data/ for this process; null when another live process holds it. The lock
 * records the holder's pid with its start time and the boot id, so a pid reused by an unrelated
 * process (or a lock left from before a reboot) is recognised as stale.
 */
export async function acquireStartLock(): Promise<StartLock | null> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "start.lock");
  // Written whole under another name, then linked into place: link() fails if the lock exists,
  // and nobody ever reads a half-written lock.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(processIdentity()) + "\n", { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        await link(tmp, file);
        return { release: () => rm(file, { force: true }) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const holder = parseIdentity(await readFile(file, "utf8").catch(() => ""));
        if (stillRunning(holder)) return null;
        // Left by a process that died without cleaning up, or its pid now belongs to another process.
        await rm(file, { force: true });
      }
    }
    return null;
  } finally {
    await rm(tmp, { force: true });
  }
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

// Who a pid is, beyond the number: a pid is reused once its process is gone, so a lock file that
// names only a pid can point at an unrelated process on a busy machine (or after a reboot). With
// the process's start time (/proc/<pid>/stat, field 22, in clock ticks since boot) and the boot id,
// a recorded process is the same one only if all three match. Plain Node: bootstrap.mjs uses it too.
import { existsSync, readFileSync } from "node:fs";

/** @returns {string | null} */
function bootId() {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}

/** @param {number} pid @returns {string | null} */
function startTime(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null; // field 22 overall
  } catch {
    return null;
  }
}

/** @param {number} pid */
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/** @param {number} [pid] @returns {{ pid: number, start: string | null, boot: string | null }} */
export function processIdentity(pid = process.pid) {
  return { pid, start: startTime(pid), boot: bootId() };
}

/**
 * Whether the process a lock file recorded still runs. Accepts the identity written by
 * processIdentity() or, from older versions, a bare pid.
 * @param {unknown} recorded
 */
export function stillRunning(recorded) {
  const identity =
    typeof recorded === "number" ? { pid: recorded, start: null, boot: null } : /** @type {Record<string, unknown>} */ (recorded ?? {});
  const pid = identity.pid;
  if (typeof pid !== "number" || !Number.isInteger(pid) || pid <= 0 || !alive(pid)) return false;
  // A bare pid (older versions) is only trusted while it still runs the start script.
  if (typeof recorded === "number" && existsSync(`/proc/${pid}/cmdline`)) {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("start.ts");
  }
  // Without /proc (not Linux), a live pid is all there is to go by.
  const now = processIdentity(pid);
  if (identity.boot && now.boot && identity.boot !== now.boot) return false;
  if (identity.start && now.start && identity.start !== now.start) return false;
  return true;
}

/** Parses a lock file's text: JSON identity or a bare pid; null when unreadable. @param {string} text */
export function parseIdentity(text) {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  try {
    return JSON.parse(trimmed);
  } catch {
    return null;
  }
}

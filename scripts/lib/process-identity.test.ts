import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parseIdentity, processIdentity, stillRunning } from "./process-identity.mjs";

// The start lock's idea of "the holder still runs": the same pid, started at the same time, since
// the same boot. A pid reused by another process, or a lock from before a reboot, is stale.

test("the recorded process itself still runs", () => {
  const me = processIdentity();
  expect(me.start).toMatch(/^\d+$/);
  expect(stillRunning(parseIdentity(JSON.stringify(me)))).toBe(true);
});

test("the same pid with another start time, or from another boot, is another process", () => {
  const me = processIdentity();
  expect(stillRunning({ ...me, start: String(Number(me.start) + 1) })).toBe(false);
  expect(stillRunning({ ...me, boot: "00000000-0000-0000-0000-000000000000" })).toBe(false);
  expect(readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim()).toBe(me.boot);
});

test("a process that ended is not running; a bare pid counts only while it runs the start script", async () => {
  const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
  const identity = processIdentity(child.pid);
  expect(stillRunning(identity)).toBe(true);
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  expect(stillRunning(identity)).toBe(false);
  // This test runner is alive, but it is not `npm start`.
  expect(stillRunning(parseIdentity(String(process.pid)))).toBe(false);
  expect(stillRunning(parseIdentity("not a lock"))).toBe(false);
});

// CPU time of process trees, read from /proc (Linux): what a benchmark's web server, its PostgreSQL
// (the postmaster and its backends) and the load generator itself used between two readings.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS = Number(spawnSync("getconf", ["CLK_TCK"]).stdout?.toString().trim() || 100);

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/** The process and all its descendants, as they are now. */
function tree(rootPid: number): number[] {
  const pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number);
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU seconds (user + system) the process tree has used so far, by pid. */
export function cpuSeconds(rootPid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of tree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // gone
    }
  }
  return out;
}

/** CPU seconds the tree used between two readings (processes that appeared count from zero). */
export function used(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
  return total;
}

import os from "node:os";

// postgres.js keeps its pool's state to itself (no count of busy connections or queued queries).
// What it can do is name its connections: every connection of a pool carries this
// application_name, so pg_stat_activity tells how many this process holds and how many are busy
// (lib/notifications/queue-metrics.ts). Queries waiting for a free connection stay invisible.

export const WEB_POOL_MAX = 10;

export function poolApplicationName(processName: string): string {
  return `voice-porting ${processName} ${os.hostname()}:${process.pid}`.slice(0, 63);
}

import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import type { Db } from "@/db";
import { getLogger, type Logger } from "@/lib/observability/logger";
import { NOTIFY_CHANNEL } from "./outbox";
import { claimDueCompletions, msUntilNextCompletion, runScheduledCompletion, type CompletionOutcome } from "./scheduled-completions";

// No "server-only": scripts/worker.ts (plain Node) runs this beside the NotificationWorker, in
// the same process (npm start's worker child, or npm run worker): the worker fleet that delivers
// the notifications also completes requests at their confirmed porting moment
// (lib/porting/scheduled-completions.ts says why that happens exactly once).
//
// Wake-up: a timer for the next due moment (by the database's clock), a poll for moments
// confirmed by another instance meanwhile, and LISTEN on the workers' channel, which the schedule
// verb notifies on commit. A moment is met within a few milliseconds of the timer firing.

export type CompletionWorkerOptions = {
  databaseUrl: string;
  /** How long a claimed completion stays reserved; the completion is one short transaction. */
  leaseMs?: number;
  pollIntervalMs?: number;
  log?: (line: string) => void;
  logger?: Logger;
  /** Called after each completion attempt (tests observe without sleeping). */
  onOutcome?: (outcome: CompletionOutcome) => void;
};

export class CompletionWorker {
  private readonly client: postgres.Sql;
  private readonly db: Db;
  private readonly leaseMs: number;
  private readonly pollIntervalMs: number;
  private pollTimer: NodeJS.Timeout | null = null;
  private dueTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: CompletionWorkerOptions) {
    this.client = postgres(options.databaseUrl, { max: 2, onnotice: () => {}, connect_timeout: 10 });
    this.db = drizzle(this.client, { schema });
    this.leaseMs = options.leaseMs ?? 60_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
  }

  private logger(): Logger {
    return this.options.logger ?? getLogger();
  }

  async start(): Promise<void> {
    const listener = await this.client.listen(NOTIFY_CHANNEL, () => this.wake());
    this.unlisten = () => listener.unlisten();
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.dueTimer) clearTimeout(this.dueTimer);
    await this.unlisten?.().catch(() => {});
    await this.running;
    await this.client.end({ timeout: 5 });
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Completes what is due, then sets the timer for the next moment. */
  private async round(): Promise<void> {
    try {
      for (;;) {
        if (this.stopped) return;
        const due = await claimDueCompletions(this.db, { leaseMs: this.leaseMs, limit: 10 });
        if (due.length === 0) break;
        for (const job of due) {
          const outcome = await runScheduledCompletion(this.db, job);
          this.report(job.portingRequestId, outcome);
        }
      }
      const ms = await msUntilNextCompletion(this.db);
      if (this.dueTimer) clearTimeout(this.dueTimer);
      this.dueTimer = null;
      if (ms !== null && ms < this.pollIntervalMs && !this.stopped) {
        this.dueTimer = setTimeout(() => this.wake(), ms + 5);
      }
    } catch (error) {
      // The database may be restarting; the next poll tries again.
      if (this.options.log) this.options.log(`Completion worker: ${error instanceof Error ? error.message : String(error)}`);
      else this.logger().warn({ err: error }, "completion worker: the database refused a round; retrying");
    }
  }

  private report(portingRequestId: string, outcome: CompletionOutcome): void {
    const line = `scheduled completion of ${portingRequestId}: ${outcome.result}${"error" in outcome ? ` (${outcome.error})` : ""}`;
    if (this.options.log) this.options.log(line);
    else if (outcome.result === "failed") this.logger().warn({ portingRequestId, outcome }, "scheduled completion");
    else this.logger().info({ portingRequestId, result: outcome.result }, "scheduled completion");
    this.options.onOutcome?.(outcome);
  }
}

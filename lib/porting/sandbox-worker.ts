import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import type { Db } from "@/db";
import { getLogger, type Logger } from "@/lib/observability/logger";
import { runSandboxSteps, type SandboxStep } from "./sandbox-provider";

// No "server-only": scripts/worker.ts (plain Node) runs this beside the NotificationWorker and the
// CompletionWorker, in the same process: the worker fleet also plays the sandbox's provider and
// support (lib/porting/sandbox-provider.ts says why two workers or a crash change nothing).
//
// A poll a few times per step (at most every second): a sandbox request moves within a fraction
// of SANDBOX_STEP_SECONDS of being due, and an idle poll is one indexed read of the open sandbox
// rows (porting_requests_sandbox_changed_idx).

export type SandboxWorkerOptions = {
  databaseUrl: string;
  stepSeconds: number;
  logger?: Logger;
  /** Called after each step (tests observe without sleeping). */
  onStep?: (step: SandboxStep) => void;
};

export class SandboxWorker {
  private readonly client: postgres.Sql;
  private readonly db: Db;
  private readonly pollMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: SandboxWorkerOptions) {
    this.client = postgres(options.databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    this.db = drizzle(this.client, { schema });
    this.pollMs = Math.min(1_000, Math.max(100, (options.stepSeconds * 1_000) / 5));
  }

  private logger(): Logger {
    return this.options.logger ?? getLogger();
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.pollMs);
    this.tick();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.client.end({ timeout: 5 });
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.round().finally(() => {
      this.running = null;
    });
  }

  private async round(): Promise<void> {
    try {
      const steps = await runSandboxSteps(this.db, { stepSeconds: this.options.stepSeconds });
      for (const step of steps) {
        if (step.result === "stepped") this.logger().info({ portingRequestId: step.portingRequestId, reference: step.reference, from: step.from, to: step.to }, "sandbox step");
        else this.logger().warn({ portingRequestId: step.portingRequestId, error: step.error }, "sandbox step refused");
        this.options.onStep?.(step);
      }
    } catch (error) {
      // The database may be restarting; the next poll tries again (nothing was committed).
      this.logger().warn({ err: error }, "sandbox provider: the database refused a round; retrying");
    }
  }
}

import { and, eq, getTableColumns, sql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { accounts, callbackAttempts, callbackDeliveries, emailMessages, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { env } from "@/lib/env";
import { getLogger, RepeatSummary, type Logger } from "@/lib/observability/logger";
import { recordDeliveryAttempt } from "@/lib/observability/metrics";
import { FLUSH_MS, storeWorkerMetrics, workerId } from "@/lib/observability/worker-metrics";
import type { CallbackUrlOptions } from "@/lib/porting/callback-url";
import { deleteExpiredUploads, SWEEP_INTERVAL_MS } from "@/lib/porting/pending-uploads";
import { deleteExpiredEvents } from "@/lib/events/prune";
import { DELIVERIES_CHANNEL, EVENTS_CHANNEL } from "@/lib/events/types";
import { createMailer, describeSmtpError, isPermanentSmtpError, type Mailer } from "./email/mailer";
import { EMAIL_NOT_SENT, EVENT_TYPE_HEADER, NOTIFY_CHANNEL } from "./events";
import { CALLBACK_SCHEDULE, EMAIL_SCHEDULE, maxAttempts, nextDelayMs, type RetrySchedule } from "./schedule";
import { CALLBACK_TIMEOUT_MS, postCallback } from "./webhooks/deliver";
import { deleteExpiredWebhookDeliveries } from "./webhook-retention";
import { signatureHeader } from "./webhooks/sign";
import { resolveDeliveryTarget } from "./webhooks/url-guard";

// No "server-only" here: scripts/worker.ts runs the worker under plain Node, where that import throws.

// The notification worker: delivers the email_messages and callback_deliveries rows that status
// changes enqueue (lib/porting/notify.ts), and the webhook_deliveries rows every account event
// queues for its subscribed webhook endpoints (lib/events/endpoint-deliveries.ts). The rows are the
// queue (docs/notifications.md). Every kind goes through the same three steps; only "deliver"
// differs (a webhook is a callback signed with its endpoint's secret, to its endpoint's URL):
//
//  1. claim: one UPDATE takes due rows with FOR UPDATE SKIP LOCKED, sets a lease (locked_until)
//     and counts the attempt. Several workers never hold one row at once. A row whose last
//     attempt the schedule allows was made but never recorded (its worker died, its lease ran
//     out) is failed here instead of being claimed again. A worker claims only what it can
//     deliver: without SMTP_URL, no emails (a worker of the fleet that has it sends them).
//  2. deliver, while the lease is renewed (every third of it), so a slow receiver or mail server
//     never lets a second worker start the same delivery while this one is still talking. A
//     worker killed mid-delivery stops renewing; its lease expires and any worker retries the row.
//     An attempt that throws is a failed attempt like any other (retried on the schedule).
//  3. settle: the result is written only while `attempts` still equals the claimed value (a
//     fencing token), so a worker that lost its lease can never overwrite a newer attempt. The
//     write is retried while the database refuses it: a delivery that happened is never recorded
//     as a failure, and never repeated because its record failed once.
//
// Wake-up: LISTEN for pg_notify from the enqueue transaction (sent only on commit; every recorded
// event notifies the events channel, which may have queued webhook deliveries), plus a poll every
// `pollIntervalMs` for retries that come due and for missed notifications.
//
// Delivery is at least once: a worker killed after the receiver answered but before recording it
// delivers again; the webhook-id (and the email's Message-ID) stay the same for de-duplication.
//
// Observability (docs/operations.md): one JSON line per attempt carrying the requestId of the
// request whose status change queued the delivery; a retry that fails again is a debug line,
// summed up in one info line a minute (so are repeated database errors); attempt counters and
// durations go to worker_metrics every FLUSH_MS for GET /api/metrics.

export type WorkerOptions = {
  databaseUrl: string;
  /** SMTP server; default SMTP_URL. Null: this worker sends no email (see `claim`). */
  smtpUrl?: string | null;
  mailFrom?: string;
  pollIntervalMs?: number;
  /** How long a claimed row stays reserved without news from its worker; renewed every third of it while the attempt runs. */
  leaseMs?: number;
  /** Deliveries in flight at once, per kind. */
  concurrency?: number;
  callbackSchedule?: RetrySchedule;
  emailSchedule?: RetrySchedule;
  callbackTimeoutMs?: number;
  /** Passed to the URL guard: ALLOW_INSECURE_CALLBACKS and, in tests, a resolver. */
  urlGuard?: CallbackUrlOptions;
  /** Plain-text lines instead of the structured logger (tests). */
  log?: (line: string) => void;
  /** The structured logger; default the process's (lib/observability/logger.ts). */
  logger?: Logger;
  /** Store this process's delivery counters in worker_metrics for GET /api/metrics; default true. */
  reportMetrics?: boolean;
  /**
   * How often this worker deletes document uploads no request named within 24 hours
   * (lib/porting/pending-uploads.ts); default every 10 minutes, and once at start. 0: never.
   */
  uploadSweepIntervalMs?: number;
  /** Called after every attempt; tests use it to observe the worker without sleeping. */
  onAttempt?: (info: { kind: Kind; id: string; outcome: string }) => void;
};

export type Kind = "email" | "callback" | "webhook";

type EmailRow = typeof emailMessages.$inferSelect;
type CallbackRow = typeof callbackDeliveries.$inferSelect;
type WebhookRow = typeof webhookDeliveries.$inferSelect;
type Rows = { email: EmailRow; callback: CallbackRow; webhook: WebhookRow };

/** A claimed row: the row after the claim (its `attempts` is the fencing token) and the lease it replaced. */
type Claimed<K extends Kind> = { row: Rows[K]; previousLock: Date | null };

/** What one attempt came to, the same for both kinds. */
type Outcome = {
  ok: boolean;
  /** Failed, and retrying will not help (SMTP 5xx, 410 Gone, a URL that can never be delivered). */
  permanent: boolean;
  /** For the record: why it failed, or a note on a success (recipients the mail server refused). */
  error: string | null;
  statusCode: number | null;
  startedAt: Date;
  durationMs: number;
  /** The log line. */
  summary: string;
  /** Where a webhook attempt went (its endpoint's URL at the time), for the attempt log. */
  url?: string;
};

type Tx = Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0];

const QUEUES = {
  email: { table: emailMessages, name: "email_messages", deliveredAt: "sentAt" },
  callback: { table: callbackDeliveries, name: "callback_deliveries", deliveredAt: "deliveredAt" },
  webhook: { table: webhookDeliveries, name: "webhook_deliveries", deliveredAt: "deliveredAt" },
} as const;

/** The kinds that keep an attempt log (every HTTP attempt is a row: time, status, duration, error). */
const ATTEMPT_LOGS = { callback: callbackAttempts, webhook: webhookAttempts } as const;
type LoggedKind = keyof typeof ATTEMPT_LOGS;
const isLogged = (kind: Kind): kind is LoggedKind => kind in ATTEMPT_LOGS;

const KINDS: readonly Kind[] = ["email", "callback", "webhook"];
const DNS_TIMEOUT_MS = 5_000;
const NO_RESULT = "No result recorded: the worker stopped during this attempt.";

export class NotificationWorker {
  private readonly client: postgres.Sql;
  private readonly db: PostgresJsDatabase<typeof schema>;
  private readonly mailer: Mailer | null;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly schedules: Record<Kind, RetrySchedule>;
  private readonly callbackTimeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly logger: () => Logger;
  private readonly retries: RepeatSummary;
  private readonly dbErrors: RepeatSummary;
  private readonly startedAt = new Date();
  private metricsTimer: NodeJS.Timeout | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly running: Record<Kind, number> = { email: 0, callback: 0, webhook: 0 };
  private pollTimer: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private ticking = false;
  private again = false;
  private stopped = false;

  constructor(private readonly options: WorkerOptions) {
    this.client = postgres(options.databaseUrl, { max: 4, onnotice: () => {}, connect_timeout: 10 });
    this.db = drizzle(this.client, { schema });
    const smtpUrl = options.smtpUrl === undefined ? env.SMTP_URL : options.smtpUrl;
    this.mailer = smtpUrl ? createMailer(smtpUrl, options.mailFrom) : null;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.callbackTimeoutMs = options.callbackTimeoutMs ?? CALLBACK_TIMEOUT_MS;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.concurrency = options.concurrency ?? 8;
    // Webhooks keep the callbacks' schedule: "the same retries as today's callbacks" (issue 15).
    const callbackSchedule = options.callbackSchedule ?? CALLBACK_SCHEDULE;
    this.schedules = { email: options.emailSchedule ?? EMAIL_SCHEDULE, callback: callbackSchedule, webhook: callbackSchedule };
    this.logger = () => options.logger ?? getLogger();
    this.log = options.log ?? ((line) => this.logger().info(line));
    this.retries = new RepeatSummary(this.logger, "delivery retries in the last minute");
    this.dbErrors = new RepeatSummary(this.logger, "notification worker errors in the last minute");
    // The lease is renewed while an attempt runs, so it need not outlast the attempt; a callback
    // attempt is still bounded (DNS, then the HTTP timeout), and a lease shorter than that is a
    // configuration mistake worth refusing.
    const dnsTimeout = options.urlGuard?.resolveTimeoutMs ?? DNS_TIMEOUT_MS;
    if (this.leaseMs <= this.callbackTimeoutMs + dnsTimeout) {
      throw new Error(`leaseMs (${this.leaseMs}) must be longer than the callback timeout plus DNS time (${this.callbackTimeoutMs + dnsTimeout}).`);
    }
  }

  /** Listens for new work, polls for due retries, and delivers what is due now. */
  async start(): Promise<void> {
    const listener = await this.client.listen(NOTIFY_CHANNEL, () => this.wake());
    // Every recorded event may have queued webhook deliveries in its transaction.
    const events = await this.client.listen(EVENTS_CHANNEL, () => this.wake());
    this.unlisten = async () => {
      await listener.unlisten();
      await events.unlisten();
    };
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
    if (this.options.reportMetrics !== false) {
      this.metricsTimer = setInterval(() => void this.flushMetrics(), FLUSH_MS);
      this.metricsTimer.unref();
    }
    const sweepEvery = this.options.uploadSweepIntervalMs ?? SWEEP_INTERVAL_MS;
    if (sweepEvery > 0) {
      this.sweepTimer = setInterval(() => void this.sweepUploads(), sweepEvery);
      this.sweepTimer.unref();
      void this.sweepUploads();
    }
    this.log(
      `Notification worker started: ${this.mailer ? "email via SMTP" : "no SMTP_URL, so it sends no email (they wait for a worker that has it)"}; polling every ${this.pollIntervalMs} ms.`,
    );
    this.wake();
  }

  /** Stops taking work, waits for attempts in flight (their results are recorded), closes the pool. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    await this.sweeping;
    await this.unlisten?.().catch(() => {});
    while (this.inFlight.size > 0 || this.ticking) {
      await Promise.allSettled([...this.inFlight]);
      if (this.ticking) await new Promise((r) => setTimeout(r, 10));
    }
    this.mailer?.close();
    if (this.metricsTimer) {
      clearInterval(this.metricsTimer);
      await this.flushMetrics();
    }
    this.retries.flush();
    this.dbErrors.flush();
    await this.client.end({ timeout: 5 });
  }

  /** Deletes expired document uploads; one sweep at a time, and a database that is away waits for the next. */
  sweepUploads(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.sweeping ??= deleteExpiredUploads(this.db)
      .then(async (deleted) => {
        if (deleted > 0) this.logger().info({ deleted }, "deleted document uploads no request used within 24 hours");
        // Events past their retention (lib/events/types.ts): Last-Event-ID answers 410 for them.
        const events = await deleteExpiredEvents(this.db);
        if (events > 0) this.logger().info({ deleted: events }, "deleted events past their retention");
        const webhooks = await deleteExpiredWebhookDeliveries(this.db);
        if (webhooks > 0) this.logger().info({ deleted: webhooks }, "deleted webhook deliveries past their retention");
      })
      .catch((error: unknown) => this.logger().debug({ err: error }, "could not sweep expired document uploads"))
      .finally(() => {
        this.sweeping = null;
      });
    return this.sweeping;
  }

  /** This process's attempt counters into worker_metrics; a database that is away is skipped. */
  private async flushMetrics(): Promise<void> {
    try {
      await storeWorkerMetrics(this.client, workerId(), this.startedAt);
    } catch (error) {
      this.logger().debug({ err: error }, "could not store the worker's metrics");
    }
  }

  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  /** Runs until this worker finds nothing to do and nothing is in flight (tests and one-off runs). */
  async drain(): Promise<void> {
    for (;;) {
      const busy = await this.tickOnce();
      if (!busy && this.inFlight.size === 0) return;
      await Promise.race([...this.inFlight, new Promise((r) => setTimeout(r, 20))]);
    }
  }

  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      do {
        this.again = false;
        await this.tickOnce();
      } while (this.again && !this.stopped);
    } catch (error) {
      // The database may be restarting; the next poll tries again. The first error is a line of
      // its own, the repeats (one per poll) a summary a minute.
      if (this.options.log) this.log(`Notification worker: ${message(error)}`);
      else if (this.dbErrors.add(message(error))) this.logger().warn({ err: error }, "notification worker: the database refused a poll; retrying");
    } finally {
      this.ticking = false;
    }
  }

  /** One round: for each kind this worker delivers, claim what is due and start it. True when it found anything to do. */
  private async tickOnce(): Promise<boolean> {
    if (this.stopped) return false;
    let busy = false;
    if (!this.mailer) busy = (await this.noteEmailsWaitingForSmtp()) || busy;
    for (const kind of this.deliverable()) {
      const free = this.concurrency - this.running[kind];
      if (free <= 0) continue;
      const claimed = await this.claim(kind, free);
      busy = busy || claimed.gaveUp > 0 || claimed.rows.length > 0;
      for (const item of claimed.rows) this.track(kind, this.attempt(kind, item));
    }
    return busy;
  }

  /** The kinds this worker can deliver: emails only with an SMTP server. */
  private deliverable(): readonly Kind[] {
    return this.mailer ? KINDS : KINDS.filter((k) => k !== "email");
  }

  private track(kind: Kind, work: Promise<void>): void {
    this.running[kind] += 1;
    const tracked = work
      .catch((error: unknown) => this.log(`Notification worker (${kind}): ${error instanceof Error ? error.stack ?? error.message : String(error)}`))
      .finally(() => {
        this.running[kind] -= 1;
        this.inFlight.delete(tracked);
        // A slot is free: there may be more due work.
        this.wake();
      });
    this.inFlight.add(tracked);
  }

  // ---- 1. claim ----------------------------------------------------------------------------------

  /**
   * Fails the rows whose every attempt was made without a recorded result, then claims up to
   * `limit` due rows: pending, due, not leased, and with an attempt left in the schedule.
   */
  private async claim<K extends Kind>(kind: K, limit: number): Promise<{ rows: Claimed<K>[]; gaveUp: number }> {
    const { name } = QUEUES[kind];
    const table = this.client(name);
    const max = maxAttempts(this.schedules[kind]);
    const gaveUp = await this.giveUpExhausted(kind, max);
    const rows = await this.client<Record<string, unknown>[]>`
      update ${table} t
         set locked_until = now() + ${this.leaseMs}::bigint * interval '1 millisecond', attempts = t.attempts + 1
        from (select id, locked_until as previous_lock from ${table}
               where state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
                 and attempts < ${max}
               order by next_attempt_at
               limit ${limit}
               for update skip locked) due
       where t.id = due.id
      returning t.*, due.previous_lock`;
    return { rows: rows.map((r) => ({ row: fromDriver(kind, r), previousLock: toDate(r.previous_lock) })), gaveUp };
  }

  /**
   * A pending row that has used every attempt of its schedule and holds no live lease: its last
   * attempt never recorded a result (the worker died). It is failed, never attempted again.
   */
  private async giveUpExhausted(kind: Kind, max: number): Promise<number> {
    const { name } = QUEUES[kind];
    return this.db.transaction(async (tx) => {
      const rows = await tx.execute<{ id: string; attempts: number; previous_lock: unknown }>(sql`
        update ${sql.identifier(name)} t
           set state = 'failed', locked_until = null,
               last_error = ${`${NO_RESULT} No attempts were left.`}
          from (select id, locked_until as previous_lock from ${sql.identifier(name)}
                 where state = 'pending' and attempts >= ${max} and (locked_until is null or locked_until < now())
                 for update skip locked) lapsed
         where t.id = lapsed.id
        returning t.id, t.attempts, lapsed.previous_lock`);
      if (isLogged(kind)) {
        for (const r of rows) await recordLostAttempts(tx, kind, r.id, r.attempts + 1, toDate(r.previous_lock), this.leaseMs);
      }
      for (const r of rows) this.report(kind, r.id, `failed: ${NO_RESULT}`);
      return rows.length;
    });
  }

  /**
   * Without SMTP_URL this worker sends no email and claims none: another worker may have a mail
   * server. It notes on each email that is waiting that it has not been sent for want of one, so
   * the request page and the outbox can say why (a single `npm start` without SMTP_URL keeps its
   * emails that way: recorded, shown, not sent). A worker that has SMTP_URL sends them as usual.
   */
  private async noteEmailsWaitingForSmtp(): Promise<boolean> {
    const noted = await this.db
      .update(emailMessages)
      .set({ lastError: EMAIL_NOT_SENT.noSmtp })
      .where(
        and(
          eq(emailMessages.state, "pending"),
          eq(emailMessages.attempts, 0),
          sql`${emailMessages.lastError} is null`,
          sql`${emailMessages.nextAttemptAt} <= now()`,
        ),
      )
      .returning({ id: emailMessages.id });
    return noted.length > 0;
  }

  // ---- 2. deliver (under a renewed lease) ----------------------------------------------------------

  private async attempt<K extends Kind>(kind: K, claimed: Claimed<K>): Promise<void> {
    const renew = setInterval(() => {
      this.renewLease(kind, claimed).catch((error: unknown) => this.log(`Notification worker (${kind}): could not renew a lease: ${message(error)}`));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    try {
      const startedAt = new Date();
      let outcome: Outcome;
      try {
        outcome =
          kind === "email"
            ? await this.sendEmail(claimed.row as EmailRow, startedAt)
            : kind === "callback"
              ? await this.postCallback(claimed.row as CallbackRow, startedAt)
              : await this.postWebhook(claimed.row as WebhookRow, startedAt);
      } catch (error) {
        // An attempt that throws (a bug, a secret that cannot be used) is a failed attempt: recorded and retried on the schedule.
        outcome = failure(startedAt, attemptError(error));
      }
      await this.settle(kind, claimed, outcome);
    } finally {
      clearInterval(renew);
    }
  }

  /** Extends the lease of a row this worker still holds (same attempt, not yet settled). */
  private async renewLease(kind: Kind, claimed: Claimed<Kind>): Promise<void> {
    const { name } = QUEUES[kind];
    await this.client`
      update ${this.client(name)}
         set locked_until = now() + ${this.leaseMs}::bigint * interval '1 millisecond'
       where id = ${claimed.row.id} and attempts = ${claimed.row.attempts} and state = 'pending' and locked_until is not null`;
  }

  private async sendEmail(row: EmailRow, startedAt: Date): Promise<Outcome> {
    const mailer = this.mailer!;
    let result;
    try {
      result = await mailer.send({ id: row.id, to: row.recipients, subject: row.subject, text: row.textBody, html: row.htmlBody });
    } catch (error) {
      // Only the send is in here: what happens after it (recording it) is never an SMTP failure.
      const detail = describeSmtpError(error);
      return { ...failure(startedAt, detail), permanent: isPermanentSmtpError(error) };
    }
    return {
      ok: true,
      permanent: false,
      error: result.rejected.length > 0 ? `The mail server refused ${result.rejected.join(", ")}; sent to the other addresses.` : null,
      statusCode: null,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      summary: `sent to ${result.accepted.length} address(es)`,
    };
  }

  private async postCallback(row: CallbackRow, startedAt: Date): Promise<Outcome> {
    const secrets = await this.signingSecrets(row.accountId);
    return this.postSigned({ url: row.url, secrets, messageId: row.messageId, eventType: row.eventType, body: row.body, startedAt }, "The account's signing secret");
  }

  /**
   * A webhook endpoint's delivery goes to the endpoint as it is NOW: its current URL and secrets
   * (an admin who fixes a URL or rotates a secret between retries is followed), and nothing is
   * sent while it is disabled (that attempt fails for good; "Resend" sends it once it is enabled).
   */
  private async postWebhook(row: WebhookRow, startedAt: Date): Promise<Outcome> {
    const [endpoint] = await this.db
      .select({
        url: webhookEndpoints.url,
        enabled: webhookEndpoints.enabled,
        current: webhookEndpoints.secret,
        previous: webhookEndpoints.previousSecret,
        previousValid: sql<boolean>`coalesce(${webhookEndpoints.previousSecretExpiresAt} > now(), false)`,
      })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, row.endpointId))
      .limit(1);
    if (!endpoint) return { ...failure(startedAt, "Not sent: the webhook endpoint was deleted."), permanent: true };
    if (!endpoint.enabled) return { ...failure(startedAt, "Not sent: the webhook endpoint is disabled. Enable it and resend."), permanent: true, url: endpoint.url };
    const secrets = endpoint.previous && endpoint.previousValid ? [endpoint.current, endpoint.previous] : [endpoint.current];
    const outcome = await this.postSigned({ url: endpoint.url, secrets, messageId: row.messageId, eventType: row.eventType, body: row.body, startedAt }, "The endpoint's signing secret");
    return { ...outcome, url: endpoint.url };
  }

  /** One signed POST under the URL guard: what callbacks and webhook endpoints share. */
  private async postSigned(
    m: { url: string; secrets: string[]; messageId: string; eventType: string; body: string; startedAt: Date },
    secretName: string,
  ): Promise<Outcome> {
    const { startedAt } = m;
    const target = await resolveDeliveryTarget(m.url, this.options.urlGuard ?? {});
    if (!target.ok) return { ...failure(startedAt, target.error), permanent: target.permanent };
    // Signed per attempt: webhook-timestamp is when this attempt was signed (replay protection).
    const timestamp = Math.floor(Date.now() / 1000);
    let signature: string;
    try {
      signature = signatureHeader(m.secrets, m.messageId, timestamp, m.body);
    } catch (error) {
      return failure(startedAt, `${secretName} cannot be used (${message(error)}). Rotate it in Settings; the delivery is retried.`);
    }
    const result = await postCallback({
      target: target.target,
      body: m.body,
      timeoutMs: this.callbackTimeoutMs,
      headers: {
        "webhook-id": m.messageId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signature,
        [EVENT_TYPE_HEADER]: m.eventType,
      },
    });
    const gone = result.statusCode === 410;
    return {
      ok: result.ok,
      permanent: gone,
      error: gone ? `${result.error ?? "HTTP 410"} — the receiver answered 410 Gone: no more attempts.` : result.error,
      statusCode: result.statusCode,
      startedAt,
      durationMs: result.durationMs,
      summary: result.ok ? `delivered (HTTP ${result.statusCode}, ${result.durationMs} ms)` : (result.error ?? "failed"),
    };
  }

  private async signingSecrets(accountId: string): Promise<string[]> {
    const [account] = await this.db
      .select({
        current: accounts.signingSecret,
        previous: accounts.previousSigningSecret,
        previousValid: sql<boolean>`coalesce(${accounts.previousSigningSecretExpiresAt} > now(), false)`,
      })
      .from(accounts)
      .where(eq(accounts.id, accountId))
      .limit(1);
    if (!account) return [];
    return account.previous && account.previousValid ? [account.current, account.previous] : [account.current];
  }

  // ---- 3. settle ---------------------------------------------------------------------------------

  /**
   * Records the outcome. A database error here says nothing about the delivery, so the write is
   * tried again (the lease is still being renewed) until it succeeds, the fence shows another
   * attempt has taken over, or a lease's length has passed: then the row is left to expire and
   * be retried, which is the at-least-once case.
   */
  private async settle<K extends Kind>(kind: K, claimed: Claimed<K>, outcome: Outcome): Promise<void> {
    const delay = outcome.ok || outcome.permanent ? null : nextDelayMs(this.schedules[kind], claimed.row.attempts);
    const giveUpAt = Date.now() + this.leaseMs;
    for (let wait = 100; ; wait = Math.min(wait * 2, 5_000)) {
      try {
        const recorded = await this.record(kind, claimed, outcome, delay);
        const id = kind === "email" ? claimed.row.id : (claimed.row as CallbackRow | WebhookRow).messageId;
        this.observe(kind, claimed, outcome, delay, recorded);
        if (!recorded) return this.report(kind, id, `result not recorded: a newer attempt holds the row (${outcome.summary})`);
        return this.report(kind, id, outcome.ok ? outcome.summary : `${delay === null ? "failed" : `retry in ${Math.round(delay / 1000)} s`}: ${outcome.error}`);
      } catch (error) {
        if (Date.now() + wait > giveUpAt) {
          this.log(`Notification worker (${kind} ${claimed.row.id}): could not record the result (${outcome.summary}): ${message(error)}. The row is retried when its lease expires.`);
          return;
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** One transaction: the row's new state (fenced by `attempts`) and, for callbacks and webhooks, the attempt log. False when fenced out. */
  private async record<K extends Kind>(kind: K, claimed: Claimed<K>, outcome: Outcome, delay: number | null): Promise<boolean> {
    const { table, deliveredAt } = QUEUES[kind];
    const { row } = claimed;
    const set: Record<string, unknown> = outcome.ok
      ? { state: "delivered", [deliveredAt]: sql`now()`, lastError: outcome.error, lockedUntil: null }
      : delay === null
        ? { state: "failed", lastError: outcome.error, lockedUntil: null }
        : { lastError: outcome.error, lockedUntil: null, nextAttemptAt: sql`now() + ${delay}::bigint * interval '1 millisecond'` };
    if (isLogged(kind)) set.lastStatusCode = outcome.statusCode;

    return this.db.transaction(async (tx) => {
      // The fence: only the holder of the latest claim records a result.
      const [updated] = await (tx.update(table) as ReturnType<Tx["update"]>)
        .set(set)
        .where(and(eq(table.id, row.id), eq(table.attempts, row.attempts)))
        .returning({ nextAttemptAt: table.nextAttemptAt });
      if (!updated) return false;
      if (isLogged(kind)) {
        await recordLostAttempts(tx, kind, row.id, row.attempts, claimed.previousLock, this.leaseMs);
        const attempt = {
          deliveryId: row.id,
          attempt: row.attempts,
          startedAt: outcome.startedAt,
          durationMs: outcome.durationMs,
          statusCode: outcome.statusCode,
          error: outcome.error,
          nextAttemptAt: delay === null ? null : updated.nextAttemptAt,
        };
        if (kind === "callback") await tx.insert(callbackAttempts).values(attempt);
        else await tx.insert(webhookAttempts).values({ ...attempt, url: outcome.url ?? null });
      }
      // Open pages of the request's account (the request page's notifications, support's outbox,
      // the Webhooks settings page) refresh; sent on commit. Not an event: nothing is kept (lib/events/hub.ts).
      if (kind === "webhook") {
        await tx.execute(sql`select pg_notify(${DELIVERIES_CHANNEL}, ${(row as WebhookRow).accountId} || ':')`);
      } else if (row.portingRequestId) {
        await tx.execute(sql`
          select pg_notify(${DELIVERIES_CHANNEL}, account_id::text || ':' || id::text) from porting_requests where id = ${row.portingRequestId}`);
      }
      return true;
    });
  }

  private report(kind: Kind, id: string, outcome: string): void {
    if (this.options.log) this.log(`${kind} ${id}: ${outcome}`);
    this.options.onAttempt?.({ kind, id, outcome });
  }

  /** The attempt's line (with the request id that queued it) and its metrics. */
  private observe(kind: Kind, claimed: Claimed<Kind>, outcome: Outcome, delay: number | null, recorded: boolean): void {
    const { row } = claimed;
    const result = outcome.ok ? "delivered" : delay === null ? "failed" : "retry";
    recordDeliveryAttempt(kind, result, outcome.durationMs / 1000);
    if (this.options.log) return;
    const line = {
      requestId: row.requestId ?? undefined,
      kind,
      deliveryId: row.id,
      ...(kind === "email" ? {} : { messageId: (row as CallbackRow | WebhookRow).messageId }),
      ...(kind === "webhook" ? { webhookEndpointId: (row as WebhookRow).endpointId } : {}),
      portingRequestId: row.portingRequestId ?? undefined,
      attempt: row.attempts,
      result,
      statusCode: outcome.statusCode ?? undefined,
      durationMs: outcome.durationMs,
      ...(outcome.error ? { error: outcome.error } : {}),
      ...(delay !== null ? { retryInSeconds: Math.round(delay / 1000) } : {}),
      ...(recorded ? {} : { note: "result not recorded: a newer attempt holds the row" }),
    };
    if (result === "retry" && row.attempts > 1) {
      // Every retry of a receiver that stays down would be a line; a minute's worth is one.
      this.logger().debug(line, "delivery attempt");
      this.retries.add(`${kind} ${outcome.statusCode ? `HTTP ${outcome.statusCode}` : "no answer"}`);
    } else if (result === "failed") this.logger().warn(line, "delivery attempt");
    else this.logger().info(line, "delivery attempt");
  }
}

function failure(startedAt: Date, error: string): Outcome {
  return { ok: false, permanent: false, error, statusCode: null, startedAt, durationMs: Date.now() - startedAt.getTime(), summary: error };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An unexpected error of our own during an attempt: recorded without internals (the log has them). */
function attemptError(error: unknown): string {
  return `The attempt stopped on an internal error before anything was sent (${message(error).slice(0, 200)}); it is retried.`;
}

/**
 * Attempts before `beforeAttempt` that have no record (their worker died, its lease ran out) are
 * recorded, so the log shows every attempt that may have reached the receiver. Their start is
 * known only roughly: when their lease was last set (claimed or renewed).
 */
async function recordLostAttempts(tx: Tx, kind: LoggedKind, deliveryId: string, beforeAttempt: number, previousLock: Date | null, leaseMs: number): Promise<void> {
  if (beforeAttempt <= 1) return;
  const log = ATTEMPT_LOGS[kind];
  const [recorded] = await tx.execute<{ max: number }>(sql`select coalesce(max(attempt), 0)::int as max from ${log} where delivery_id = ${deliveryId}`);
  const missing: number[] = [];
  for (let n = (recorded?.max ?? 0) + 1; n < beforeAttempt; n++) missing.push(n);
  if (missing.length === 0) return;
  const started = previousLock ? new Date(previousLock.getTime() - leaseMs) : new Date();
  const rows = missing.map((attempt) => ({
    deliveryId,
    attempt,
    startedAt: started,
    durationMs: 0,
    statusCode: null,
    error: `${NO_RESULT} The receiver may have received it; a later attempt uses the same webhook-id.`,
    nextAttemptAt: null,
  }));
  if (kind === "callback") await tx.insert(callbackAttempts).values(rows);
  else await tx.insert(webhookAttempts).values(rows);
}

// Raw rows from `this.client` (a client drizzle wraps: timestamps come as text) become typed rows
// through the table's own column mappers, the same for every table.
function fromDriver<K extends Kind>(kind: K, raw: Record<string, unknown>): Rows[K] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(QUEUES[kind].table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as Rows[K];
}

function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

export function startNotificationWorker(options: WorkerOptions): Promise<NotificationWorker> {
  const worker = new NotificationWorker(options);
  return worker.start().then(() => worker);
}

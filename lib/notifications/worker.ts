import { and, eq, sql } from "drizzle-orm";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { accounts, callbackAttempts, callbackDeliveries, emailMessages } from "@/db/schema";
import { env } from "@/lib/env";
import type { CallbackUrlOptions } from "@/lib/porting/callback-url";
import { createMailer, describeSmtpError, isPermanentSmtpError, type Mailer } from "./email/mailer";
import { EMAIL_NOT_SENT, EVENT_TYPE_HEADER, NOTIFY_CHANNEL } from "./events";
import { CALLBACK_SCHEDULE, EMAIL_SCHEDULE, nextDelayMs, type RetrySchedule } from "./schedule";
import { CALLBACK_TIMEOUT_MS, postCallback, type AttemptResult } from "./webhooks/deliver";
import { signatureHeader } from "./webhooks/sign";
import { resolveDeliveryTarget } from "./webhooks/url-guard";

// The notification worker: delivers the email_messages and callback_deliveries rows that status
// changes enqueue (lib/porting/notify.ts). The rows are the queue (docs/notifications.md):
//
//  - Claiming: one UPDATE takes due rows with FOR UPDATE SKIP LOCKED, sets a lease
//    (locked_until) and counts the attempt. Several workers never hold one row at once; a worker
//    killed mid-delivery leaves a lease that expires, and any worker (or the restarted one)
//    retries the row.
//  - Fencing: the result of an attempt is written only while `attempts` still equals the claimed
//    value, so a worker that overran its lease can never overwrite a newer attempt's result.
//  - Wake-up: LISTEN for pg_notify from the enqueue transaction (sent only on commit), plus a
//    poll every `pollIntervalMs` for retries that come due and for missed notifications.
//
// Delivery is at least once: a worker killed after the receiver answered but before recording it
// delivers again; the webhook-id (and the email's Message-ID) stay the same for de-duplication.

export type WorkerOptions = {
  databaseUrl: string;
  /** SMTP server; default SMTP_URL. Null: emails are recorded as not sent. */
  smtpUrl?: string | null;
  mailFrom?: string;
  pollIntervalMs?: number;
  /** How long a claimed row stays reserved for one attempt; must outlast the attempt's own timeouts. */
  leaseMs?: number;
  /** Deliveries in flight at once, per kind. */
  concurrency?: number;
  callbackSchedule?: RetrySchedule;
  emailSchedule?: RetrySchedule;
  callbackTimeoutMs?: number;
  /** Passed to the URL guard: ALLOW_INSECURE_CALLBACKS and, in tests, a resolver. */
  urlGuard?: CallbackUrlOptions;
  log?: (line: string) => void;
  /** Called after every attempt; tests use it to observe the worker without sleeping. */
  onAttempt?: (info: { kind: "email" | "callback"; id: string; outcome: string }) => void;
};

type Kind = "email" | "callback";

// Raw queries on a client that drizzle wraps return timestamps as text (drizzle installs its own
// parsers and maps columns itself), so rows from `this.client` convert them here.
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

const DNS_TIMEOUT_MS = 5_000;

type EmailRow = typeof emailMessages.$inferSelect & { previousLock: Date | null };
type CallbackRow = typeof callbackDeliveries.$inferSelect & { previousLock: Date | null };

export class NotificationWorker {
  private readonly client: postgres.Sql;
  private readonly db: PostgresJsDatabase<typeof schema>;
  private readonly mailer: Mailer | null;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly callbackSchedule: RetrySchedule;
  private readonly emailSchedule: RetrySchedule;
  private readonly callbackTimeoutMs: number;
  private readonly log: (line: string) => void;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly running: Record<Kind, number> = { email: 0, callback: 0 };
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
    this.callbackSchedule = options.callbackSchedule ?? CALLBACK_SCHEDULE;
    this.emailSchedule = options.emailSchedule ?? EMAIL_SCHEDULE;
    this.log = options.log ?? ((line) => console.log(line));
    const dnsTimeout = options.urlGuard?.resolveTimeoutMs ?? DNS_TIMEOUT_MS;
    if (this.leaseMs <= this.callbackTimeoutMs + dnsTimeout) {
      // Otherwise a slow but live attempt could be claimed a second time.
      throw new Error(`leaseMs (${this.leaseMs}) must be longer than the callback timeout plus DNS time (${this.callbackTimeoutMs + dnsTimeout}).`);
    }
  }

  /** Listens for new work, polls for due retries, and delivers what is due now. */
  async start(): Promise<void> {
    const listener = await this.client.listen(NOTIFY_CHANNEL, () => this.wake());
    this.unlisten = () => listener.unlisten();
    this.pollTimer = setInterval(() => this.wake(), this.pollIntervalMs);
    this.log(
      `Notification worker started: ${this.mailer ? "email via SMTP" : "no SMTP_URL, emails are recorded as not sent"}; polling every ${this.pollIntervalMs} ms.`,
    );
    this.wake();
  }

  /** Stops taking work, waits for attempts in flight (their results are recorded), closes the pool. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    await this.unlisten?.().catch(() => {});
    while (this.inFlight.size > 0 || this.ticking) {
      await Promise.allSettled([...this.inFlight]);
      if (this.ticking) await new Promise((r) => setTimeout(r, 10));
    }
    this.mailer?.close();
    await this.client.end({ timeout: 5 });
  }

  wake(): void {
    if (this.stopped) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    void this.tick();
  }

  /** Runs until nothing is due now and nothing is in flight (tests and one-off runs). */
  async drain(): Promise<void> {
    for (;;) {
      await this.tickOnce();
      if (this.inFlight.size === 0) {
        const due = await this.dueCount();
        if (due === 0) return;
      }
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
      // The database may be restarting; the next poll tries again.
      this.log(`Notification worker: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.ticking = false;
    }
  }

  private async tickOnce(): Promise<void> {
    if (this.stopped) return;
    if (!this.mailer) await this.markEmailsNotSent();
    if (this.mailer) {
      const free = this.concurrency - this.running.email;
      if (free > 0) for (const row of await this.claimEmails(free)) this.track("email", this.sendEmail(row));
    }
    const free = this.concurrency - this.running.callback;
    if (free > 0) for (const row of await this.claimCallbacks(free)) this.track("callback", this.deliverCallback(row));
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

  private async dueCount(): Promise<number> {
    const [row] = await this.client<{ n: number }[]>`
      select (select count(*) from email_messages where state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now()))
           + (select count(*) from callback_deliveries where state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())) as n`;
    return Number(row?.n ?? 0);
  }

  // ---- email -----------------------------------------------------------------------------------

  private async markEmailsNotSent(): Promise<void> {
    await this.db
      .update(emailMessages)
      .set({ state: "not_sent", lastError: EMAIL_NOT_SENT.noSmtp, lockedUntil: null })
      .where(and(eq(emailMessages.state, "pending"), sql`${emailMessages.nextAttemptAt} <= now()`));
  }

  private async claimEmails(limit: number): Promise<EmailRow[]> {
    const rows = await this.client<Record<string, unknown>[]>`
      update email_messages m
         set locked_until = now() + ${this.leaseMs}::bigint * interval '1 millisecond', attempts = m.attempts + 1
        from (select id, locked_until as previous_lock from email_messages
               where state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
               order by next_attempt_at
               limit ${limit}
               for update skip locked) due
       where m.id = due.id
      returning m.*, due.previous_lock`;
    return rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as string,
      portingRequestId: r.porting_request_id as string | null,
      eventId: r.event_id === null ? null : Number(r.event_id),
      recipients: r.recipients as string[],
      subject: r.subject as string,
      textBody: r.text_body as string,
      htmlBody: r.html_body as string,
      state: r.state as EmailRow["state"],
      attempts: r.attempts as number,
      lastError: r.last_error as string | null,
      nextAttemptAt: toDate(r.next_attempt_at)!,
      lockedUntil: toDate(r.locked_until),
      sentAt: toDate(r.sent_at),
      createdAt: toDate(r.created_at)!,
      previousLock: toDate(r.previous_lock),
    }));
  }

  private async sendEmail(row: EmailRow): Promise<void> {
    const mailer = this.mailer!;
    const fenced = and(eq(emailMessages.id, row.id), eq(emailMessages.attempts, row.attempts));
    try {
      const result = await mailer.send({ id: row.id, to: row.recipients, subject: row.subject, text: row.textBody, html: row.htmlBody });
      await this.db
        .update(emailMessages)
        .set({
          state: "delivered",
          sentAt: sql`now()`,
          lockedUntil: null,
          lastError: result.rejected.length > 0 ? `The mail server refused ${result.rejected.join(", ")}; sent to the other addresses.` : null,
        })
        .where(fenced);
      this.report("email", row.id, `sent to ${result.accepted.length} address(es)`);
    } catch (error) {
      const message = describeSmtpError(error);
      const delay = isPermanentSmtpError(error) ? null : nextDelayMs(this.emailSchedule, row.attempts);
      await this.db
        .update(emailMessages)
        .set(
          delay === null
            ? { state: "failed", lastError: message, lockedUntil: null }
            : { lastError: message, lockedUntil: null, nextAttemptAt: sql`now() + ${delay}::bigint * interval '1 millisecond'` },
        )
        .where(fenced);
      this.report("email", row.id, delay === null ? `failed: ${message}` : `retry in ${Math.round(delay / 1000)} s: ${message}`);
    }
  }

  // ---- callbacks -------------------------------------------------------------------------------

  private async claimCallbacks(limit: number): Promise<CallbackRow[]> {
    const rows = await this.client<Record<string, unknown>[]>`
      update callback_deliveries d
         set locked_until = now() + ${this.leaseMs}::bigint * interval '1 millisecond', attempts = d.attempts + 1
        from (select id, locked_until as previous_lock from callback_deliveries
               where state = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until < now())
               order by next_attempt_at
               limit ${limit}
               for update skip locked) due
       where d.id = due.id
      returning d.*, due.previous_lock`;
    return rows.map((r) => ({
      id: r.id as string,
      messageId: r.message_id as string,
      portingRequestId: r.porting_request_id as string,
      accountId: r.account_id as string,
      eventId: Number(r.event_id),
      eventType: r.event_type as string,
      url: r.url as string,
      body: r.body as string,
      state: r.state as CallbackRow["state"],
      attempts: r.attempts as number,
      lastStatusCode: r.last_status_code as number | null,
      lastError: r.last_error as string | null,
      nextAttemptAt: toDate(r.next_attempt_at)!,
      lockedUntil: toDate(r.locked_until),
      deliveredAt: toDate(r.delivered_at),
      createdAt: toDate(r.created_at)!,
      previousLock: toDate(r.previous_lock),
    }));
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

  private async deliverCallback(row: CallbackRow): Promise<void> {
    const startedAt = new Date();
    let result: AttemptResult;
    let permanent = false;
    const target = await resolveDeliveryTarget(row.url, this.options.urlGuard ?? {});
    if (!target.ok) {
      result = { ok: false, statusCode: null, error: target.error, durationMs: Date.now() - startedAt.getTime() };
      permanent = target.permanent;
    } else {
      const secrets = await this.signingSecrets(row.accountId);
      // Signed per attempt: webhook-timestamp is when this attempt was signed (replay protection).
      const timestamp = Math.floor(Date.now() / 1000);
      result = await postCallback({
        target: target.target,
        body: row.body,
        timeoutMs: this.callbackTimeoutMs,
        headers: {
          "webhook-id": row.messageId,
          "webhook-timestamp": String(timestamp),
          "webhook-signature": signatureHeader(secrets, row.messageId, timestamp, row.body),
          [EVENT_TYPE_HEADER]: row.eventType,
        },
      });
    }
    const gone = result.statusCode === 410;
    const delay = result.ok || gone || permanent ? null : nextDelayMs(this.callbackSchedule, row.attempts);
    const error = gone ? `${result.error ?? "HTTP 410"} — the receiver answered 410 Gone: no more attempts.` : result.error;

    await this.db.transaction(async (tx) => {
      // The fence: only the holder of the latest claim records a result.
      const [updated] = await tx
        .update(callbackDeliveries)
        .set(
          result.ok
            ? { state: "delivered", deliveredAt: sql`now()`, lastStatusCode: result.statusCode, lastError: null, lockedUntil: null }
            : delay === null
              ? { state: "failed", lastStatusCode: result.statusCode, lastError: error, lockedUntil: null }
              : {
                  lastStatusCode: result.statusCode,
                  lastError: error,
                  lockedUntil: null,
                  nextAttemptAt: sql`now() + ${delay}::bigint * interval '1 millisecond'`,
                },
        )
        .where(and(eq(callbackDeliveries.id, row.id), eq(callbackDeliveries.attempts, row.attempts)))
        .returning({ nextAttemptAt: callbackDeliveries.nextAttemptAt });
      if (!updated) return;
      await recordInterruptedAttempts(tx, row, this.leaseMs);
      await tx.insert(callbackAttempts).values({
        deliveryId: row.id,
        attempt: row.attempts,
        startedAt,
        durationMs: result.durationMs,
        statusCode: result.statusCode,
        error,
        nextAttemptAt: delay === null ? null : updated.nextAttemptAt,
      });
    });
    this.report(
      "callback",
      row.messageId,
      result.ok ? `delivered (HTTP ${result.statusCode}, ${result.durationMs} ms)` : `${delay === null ? "failed" : `retry in ${Math.round(delay / 1000)} s`}: ${error}`,
    );
  }

  private report(kind: Kind, id: string, outcome: string): void {
    this.log(`${kind} ${id}: ${outcome}`);
    this.options.onAttempt?.({ kind, id, outcome });
  }
}

/**
 * An attempt whose worker died (its lease expired with no result) is recorded when the row is
 * next attempted, so the record shows every attempt that may have reached the receiver.
 */
async function recordInterruptedAttempts(
  tx: Parameters<Parameters<PostgresJsDatabase<typeof schema>["transaction"]>[0]>[0],
  row: CallbackRow,
  leaseMs: number,
): Promise<void> {
  if (row.attempts <= 1) return;
  const [recorded] = await tx
    .select({ max: sql<number>`coalesce(max(${callbackAttempts.attempt}), 0)::int` })
    .from(callbackAttempts)
    .where(eq(callbackAttempts.deliveryId, row.id));
  const missing: number[] = [];
  for (let n = (recorded?.max ?? 0) + 1; n < row.attempts; n++) missing.push(n);
  if (missing.length === 0) return;
  const started = row.previousLock ? new Date(row.previousLock.getTime() - leaseMs) : new Date();
  await tx.insert(callbackAttempts).values(
    missing.map((attempt) => ({
      deliveryId: row.id,
      attempt,
      startedAt: started,
      durationMs: 0,
      statusCode: null,
      error: "No result recorded: the worker stopped during this attempt. The receiver may have received it; it was sent again with the same webhook-id.",
      nextAttemptAt: null,
    })),
  );
}

export function startNotificationWorker(options: WorkerOptions): Promise<NotificationWorker> {
  const worker = new NotificationWorker(options);
  return worker.start().then(() => worker);
}

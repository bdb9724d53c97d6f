import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { env } from "@/lib/env";
import { currentRequestContext } from "./request-context";

// The one logger of the web server, the worker and the supervisor: one JSON object per line
// (level, time, msg, process, and requestId/accountId/apiKeyId while serving a request), or the
// readable form for a terminal (LOG_FORMAT=pretty, the default when stdout is a TTY). Written
// synchronously to stdout, so a line logged right before process.exit is not lost.
//
// Secrets never reach a line: fields with these names are replaced wholesale, and every message
// and error text is scrubbed of API keys, bearer tokens and credentials inside URLs.

export type ProcessName = "web" | "worker" | "supervisor" | "script";
export type { Logger };

const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "apiKey",
  "secret",
  "signingSecret",
  "previousSigningSecret",
  "authorization",
  "cookie",
  "smtpUrl",
  "databaseUrl",
  // Email and callback bodies carry customer data; a log line names the delivery instead.
  "body",
  "textBody",
  "htmlBody",
  "html",
  "text",
  // A failed query's parameters (drizzle's errors carry them): bodies, hashes, addresses.
  "params",
];

/** Field paths pino replaces with "[redacted]": each name at the top level and one level down. */
export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  "headers.authorization",
  "headers.cookie",
  "req.headers.authorization",
  "req.headers.cookie",
];

const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bvp_(?:test_)?[0-9a-f]{8}_[A-Za-z0-9_-]+/g, "vp_[redacted]"],
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, "$1 [redacted]"],
  // drizzle puts a failed query's parameters into its error message.
  [/\nparams: [^\n]*/g, "\nparams: [redacted]"],
  // user:password@ in any URL (SMTP_URL, DATABASE_URL).
  [/\b([a-z][a-z0-9+.-]*:\/\/[^:/?#\s@]*:)[^@/?#\s]+@/gi, "$1[redacted]@"],
];

export function scrubSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const field of ["message", "stack"]) {
    if (typeof serialized[field] === "string") serialized[field] = scrubSecrets(serialized[field] as string);
  }
  return serialized;
}

export type LoggerOptions = {
  process: ProcessName;
  level?: string;
  format?: "json" | "pretty";
  /** Where lines go; default stdout. Tests pass a stream that collects them. */
  destination?: DestinationStream;
};

export function createLogger(options: LoggerOptions): Logger {
  const tty = Boolean(process.stdout.isTTY);
  const format = options.format ?? env.LOG_FORMAT ?? (tty ? "pretty" : "json");
  const destination =
    options.destination ??
    (format === "pretty"
      ? pretty({ sync: true, colorize: tty, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss.l", singleLine: true })
      : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: options.level ?? env.LOG_LEVEL,
      base: { process: options.process, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      serializers: { err: serializeError, error: serializeError },
      mixin() {
        const context = currentRequestContext();
        if (!context) return {};
        return {
          requestId: context.requestId,
          ...(context.accountId ? { accountId: context.accountId } : {}),
          ...(context.apiKeyId ? { apiKeyId: context.apiKeyId } : {}),
        };
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

// One root logger per process, created on first use: the process name is set first by the
// entry point (scripts/worker.ts, scripts/start.ts); the web server keeps the default.
const holder = globalThis as unknown as { __vpLogger?: Logger; __vpLogProcess?: ProcessName };

export function setLogProcess(name: ProcessName): void {
  holder.__vpLogProcess = name;
  holder.__vpLogger = undefined;
}

export function getLogger(): Logger {
  holder.__vpLogger ??= createLogger({ process: holder.__vpLogProcess ?? "web" });
  return holder.__vpLogger;
}

/**
 * Folds a line that would repeat (a retry per delivery, the same error at every poll) into one
 * info line per interval with the count per key. The first occurrence opens the interval; a
 * quiet interval writes nothing.
 */
export class RepeatSummary {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private openedAt = 0;

  constructor(
    private readonly logger: () => Logger,
    private readonly msg: string,
    private readonly fields: Record<string, unknown> = {},
    private readonly intervalMs = 60_000,
  ) {}

  /** Counts one occurrence; true when it opened the interval (the caller may log it in full). */
  add(key: string): boolean {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (this.timer) return false;
    {
      this.openedAt = Date.now();
      this.timer = setTimeout(() => this.flush(), this.intervalMs);
      this.timer.unref();
    }
    return true;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.counts.size === 0) return;
    const counts = Object.fromEntries(this.counts);
    const total = [...this.counts.values()].reduce((a, b) => a + b, 0);
    this.counts.clear();
    this.logger().info({ ...this.fields, total, counts, seconds: Math.round((Date.now() - this.openedAt) / 1000) }, this.msg);
  }
}

import { z } from "zod";

// The only reader of process.env. Parsed once, on first import; a bad value stops the process
// with a message that names the variable.

const bool = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const port = z.coerce
  .number({ error: "must be a port number (1–65535)" })
  .int("must be a port number (1–65535)")
  .min(1, "must be a port number (1–65535)")
  .max(65535, "must be a port number (1–65535)");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  EMBEDDED_PG_PORT: port.optional(),
  PORT: port.default(3000),
  // The address the web server listens on. Unset: 127.0.0.1 for the embedded demo (its demo logins
  // are published), every interface with DATABASE_URL. HOST=0.0.0.0 opens the demo to the network.
  HOST: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z.:_-]+$/, "must be a host name or an IP address, such as 127.0.0.1 or 0.0.0.0")
    .optional(),
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: bool,
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  // The From of status emails, e.g. `Voice Porting <porting@example.com>`; defaults to porting@<APP_URL host>.
  MAIL_FROM: z.string().trim().min(3, "must be an address like Voice Porting <porting@example.com>").optional(),
  ALLOW_INSECURE_CALLBACKS: bool,
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // How many reverse proxies in front of the app append to X-Forwarded-For and are trusted to: the
  // client address (sign-in limits per address) is that many entries left of the TCP peer. 0, the
  // default, means clients connect directly and only the TCP peer counts (lib/auth/client-address.ts).
  TRUST_PROXY: z.coerce
    .number({ error: "must be the number of trusted reverse proxies (0–10)" })
    .int("must be the number of trusted reverse proxies (0–10)")
    .min(0, "must be the number of trusted reverse proxies (0–10)")
    .max(10, "must be the number of trusted reverse proxies (0–10)")
    .default(0),
  RUN_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  // Logs (lib/observability/logger.ts): one JSON object per line unless LOG_FORMAT=pretty, which is
  // the default when stdout is a terminal.
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"], { error: "must be one of trace, debug, info, warn, error, fatal, silent" }).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"], { error: "must be json or pretty" }).optional(),
  // GET /api/metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset, it is a 404.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Event streams (GET /api/v1/events, the pages' live updates) send a comment line this often, so
  // a proxy or load balancer with an idle timeout (often 60 s) keeps them open.
  EVENTS_HEARTBEAT_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(0.05, "must be at least 0.05 seconds").max(300, "must be at most 300 seconds").default(20),
  // The sandbox's simulated provider (lib/porting/sandbox-provider.ts) moves a sandbox request with
  // a magic number one step once it has been this long in its current status.
  SANDBOX_STEP_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).min(0.1, "must be at least 0.1 seconds").max(3600, "must be at most 3600 seconds").default(5),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "not set" (a common shell habit: FOO= npm start).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export function appUrl(): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, "");
}

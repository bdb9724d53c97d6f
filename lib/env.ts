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
  APP_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO_DATA: bool,
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  // The From of status emails, e.g. `Voice Porting <porting@example.com>`; defaults to porting@<APP_URL host>.
  MAIL_FROM: z.string().trim().min(3, "must be an address like Voice Porting <porting@example.com>").optional(),
  ALLOW_INSECURE_CALLBACKS: bool,
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  RUN_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
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

import { expect, test } from "vitest";
import { createLogger, RepeatSummary, scrubSecrets } from "./logger";
import { runWithRequestContext } from "./request-context";

function collect() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = {
    write(chunk: string) {
      raw.push(chunk);
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
    },
  };
  return { lines, raw, logger: createLogger({ process: "web", level: "debug", format: "json", destination }) };
}

const KEY = "vp_1a2b3c4d_" + "A".repeat(43);

test("a line is one JSON object with level, time, msg and the process", () => {
  const { lines, raw, logger } = collect();
  logger.info({ route: "/api/v1/porting-requests" }, "request");
  expect(raw[0]!.trim().split("\n")).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: "info", msg: "request", process: "web", route: "/api/v1/porting-requests" });
  expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
});

test("secret fields are redacted at the top level and one level down", () => {
  const { raw, lines, logger } = collect();
  logger.info(
    {
      password: "hunter2-secret",
      token: "tok-secret",
      apiKey: KEY,
      authorization: `Bearer ${KEY}`,
      headers: { authorization: "Bearer abc-secret", cookie: "authjs.session-token=cookie-secret" },
      email: { subject: "PR-000001 accepted", textBody: "Dear customer, body-secret", htmlBody: "<p>body-secret</p>" },
      callback: { body: '{"id":"body-secret"}', signingSecret: "whsec_signing-secret" },
      user: { newPassword: "new-secret" },
    },
    "with secrets",
  );
  const text = raw.join("");
  for (const secret of ["hunter2", "tok-secret", KEY, "abc-secret", "cookie-secret", "body-secret", "signing-secret", "new-secret"]) {
    expect(text).not.toContain(secret);
  }
  expect(lines[0]).toMatchObject({ password: "[redacted]", email: { subject: "PR-000001 accepted", textBody: "[redacted]" } });
});

test("API keys, bearer tokens and URL credentials are scrubbed from messages and errors", () => {
  const { raw, logger } = collect();
  logger.warn(`key ${KEY} was refused`);
  logger.error({ err: new Error("connect to smtp://mailer:smtp-pass@mail.example.com:587 failed") }, "SMTP down");
  logger.info("Authorization: Bearer sometoken123");
  const text = raw.join("");
  expect(text).not.toContain(KEY);
  expect(text).not.toContain("smtp-pass");
  expect(text).not.toContain("sometoken123");
  expect(text).toContain("smtp://mailer:[redacted]@mail.example.com:587");
  expect(scrubSecrets("postgres://app:pw@db:5432/x")).toBe("postgres://app:[redacted]@db:5432/x");
  // A failed query (drizzle) names its parameters in the message and on the error.
  const failed = Object.assign(new Error('Failed query: insert into "email_messages" ...\nparams: Dear customer body-secret,x@y.test'), { params: ["Dear customer body-secret"] });
  logger.error({ err: failed }, "query failed");
  expect(raw.join("")).not.toContain("body-secret");
});

test("lines written while serving a request carry its request id, account and key", async () => {
  const { lines, logger } = collect();
  await runWithRequestContext({ requestId: "req-123456", accountId: "acc-1", apiKeyId: "key-1" }, async () => {
    await Promise.resolve();
    logger.info("inside");
  });
  logger.info("outside");
  expect(lines[0]).toMatchObject({ requestId: "req-123456", accountId: "acc-1", apiKeyId: "key-1" });
  expect(lines[1]).not.toHaveProperty("requestId");
});

test("a repeating line becomes one summary line per interval with counts", async () => {
  const { lines, logger } = collect();
  const summary = new RepeatSummary(() => logger, "callback retries", { kind: "callback" }, 50);
  summary.add("HTTP 503");
  summary.add("HTTP 503");
  summary.add("timeout");
  expect(lines).toHaveLength(0);
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: "info", msg: "callback retries", kind: "callback", total: 3, counts: { "HTTP 503": 2, timeout: 1 } });
  await new Promise((resolve) => setTimeout(resolve, 80));
  expect(lines).toHaveLength(1);
});

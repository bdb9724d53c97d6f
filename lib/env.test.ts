import { expect, test } from "vitest";
import { EnvError, parseEnv } from "./env";

test("defaults need nothing set", () => {
  const env = parseEnv({});
  expect(env.PORT).toBe(3000);
  expect(env.DATABASE_URL).toBeUndefined();
  expect(env.ALLOW_INSECURE_CALLBACKS).toBe(false);
  expect(env.API_RATE_LIMIT_PER_MINUTE).toBe(600);
  expect(env.SANDBOX_STEP_SECONDS).toBe(5);
});

test.each([
  ["PORT", "abc"],
  ["PORT", "70000"],
  ["DATABASE_URL", "mysql://localhost/x"],
  ["EMBEDDED_PG_PORT", "0"],
  ["AUTH_SECRET", "short"],
  ["SMTP_URL", "http://mail"],
  ["DEMO_DATA", "yes"],
  ["API_RATE_LIMIT_PER_MINUTE", "-1"],
  ["APP_URL", "ftp://x"],
  ["LOG_LEVEL", "verbose"],
  ["LOG_FORMAT", "xml"],
  ["METRICS_TOKEN", "short"],
  ["SANDBOX_STEP_SECONDS", "soon"],
  ["SANDBOX_STEP_SECONDS", "0"],
])("a bad %s (%s) is refused with a message naming it", (name, value) => {
  expect(() => parseEnv({ [name]: value })).toThrow(EnvError);
  try {
    parseEnv({ [name]: value });
  } catch (error) {
    expect((error as EnvError).message).toContain(`${name}:`);
  }
});

test("empty strings count as not set", () => {
  expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
});

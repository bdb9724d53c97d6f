import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db";
import { createApiKey } from "@/lib/auth/api-keys";
import { createTenant } from "@/test/factories";
import { consumeRateLimit, rateLimitHeaders } from "./rate-limit";

async function newKey() {
  const { customer } = await createTenant();
  return (await createApiKey(getDb(), { id: customer.userId, accountId: customer.accountId }, "k")).id;
}

test("counts per key within the minute and refuses above the limit", async () => {
  const key = await newKey();
  const other = await newKey();
  const states = [];
  for (let i = 0; i < 4; i++) states.push(await consumeRateLimit(key, 3));
  expect(states.map((s) => [s.allowed, s.remaining])).toEqual([
    [true, 2],
    [true, 1],
    [true, 0],
    [false, 0],
  ]);
  expect(states[3]!.resetSeconds).toBeGreaterThanOrEqual(1);
  expect(states[3]!.resetSeconds).toBeLessThanOrEqual(60);
  // Another key has its own count.
  expect((await consumeRateLimit(other, 3)).remaining).toBe(2);
  expect(rateLimitHeaders(states[3]!)).toMatchObject({ "ratelimit-limit": "3", "ratelimit-remaining": "0" });
});

test("a new minute starts a new window", async () => {
  const key = await newKey();
  await getDb().execute(sql`insert into api_rate_limits (api_key_id, window_started_at, count) values (${key}, date_trunc('minute', now()) - interval '1 minute', 999)`);
  const state = await consumeRateLimit(key, 3);
  expect(state).toMatchObject({ allowed: true, remaining: 2 });
});

test("is exact under concurrency: 50 parallel requests with a limit of 20 let exactly 20 through", async () => {
  const key = await newKey();
  // Keep clear of a minute boundary, where the window (rightly) resets mid-burst.
  const seconds = new Date().getUTCSeconds();
  if (seconds > 55) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
  const states = await Promise.all(Array.from({ length: 50 }, () => consumeRateLimit(key, 20)));
  expect(states.filter((s) => s.allowed)).toHaveLength(20);
});

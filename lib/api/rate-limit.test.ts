import { expect, test } from "vitest";
import { getDb } from "@/db";
import { createApiKey } from "@/lib/auth/api-keys";
import { createTenant } from "@/test/factories";
import { consumeRateLimit, rateLimitHeaders } from "./rate-limit";

// The limiter counts per API key in fixed minutes. Each test says which moment its requests count
// for (the `at` argument), so where a minute begins is part of the test, never the wall clock's
// chance: nothing sleeps, and nothing fails because it ran at hh:mm:59.

async function newKey() {
  const { customer } = await createTenant();
  return (await createApiKey(getDb(), { id: customer.userId, accountId: customer.accountId }, "k")).id;
}

/** A moment `seconds` into a minute of the future (so no real request of this key shares it). */
function moment(seconds: number, minuteOffset = 0): Date {
  const start = new Date(Date.UTC(2031, 0, 1, 12, 0 + minuteOffset, 0));
  return new Date(start.getTime() + seconds * 1_000);
}

test("counts per key within the minute and refuses above the limit", async () => {
  const key = await newKey();
  const other = await newKey();
  const states = [];
  for (let i = 0; i < 4; i++) states.push(await consumeRateLimit(key, 3, getDb(), moment(20 + i)));
  expect(states.map((s) => [s.allowed, s.remaining])).toEqual([
    [true, 2],
    [true, 1],
    [true, 0],
    [false, 0],
  ]);
  // The 4th came at second 23: the window resets in 37 s.
  expect(states[3]!.resetSeconds).toBe(37);
  // Another key has its own count.
  expect((await consumeRateLimit(other, 3, getDb(), moment(25))).remaining).toBe(2);
  expect(rateLimitHeaders(states[3]!)).toEqual({ "ratelimit-limit": "3", "ratelimit-remaining": "0", "ratelimit-reset": "37" });
});

test("a new minute starts a new window; the last second of a minute still counts in it", async () => {
  const key = await newKey();
  for (let i = 0; i < 3; i++) await consumeRateLimit(key, 3, getDb(), moment(10));
  const last = await consumeRateLimit(key, 3, getDb(), moment(59.5));
  expect(last).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 1 });
  const next = await consumeRateLimit(key, 3, getDb(), moment(0, 1));
  expect(next).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
});

test("is exact under concurrency: 50 parallel requests with a limit of 20 let exactly 20 through", async () => {
  const key = await newKey();
  const at = moment(30);
  const states = await Promise.all(Array.from({ length: 50 }, () => consumeRateLimit(key, 20, getDb(), at)));
  expect(states.filter((s) => s.allowed)).toHaveLength(20);
  expect(states.map((s) => s.remaining).sort((a, b) => a - b).slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => i));
});

test("without a moment it counts by the database's clock", async () => {
  const key = await newKey();
  const state = await consumeRateLimit(key, 3);
  expect(state).toMatchObject({ allowed: true, remaining: 2 });
  expect(state.resetSeconds).toBeGreaterThanOrEqual(1);
  expect(state.resetSeconds).toBeLessThanOrEqual(60);
});

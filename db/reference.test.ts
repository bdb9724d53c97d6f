import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db";

test("references keep six digits and grow past PR-999999 without repeating", async () => {
  const db = getDb();
  const first = await db.execute<{ r: string }>(sql`select porting_request_reference() as r`);
  expect(first[0]?.r).toBe("PR-000001");
  await db.execute(sql`select setval('porting_request_reference_seq', 999998)`);
  const next = await db.execute<{ a: string; b: string }>(
    sql`select porting_request_reference() as a, porting_request_reference() as b`,
  );
  expect([next[0]?.a, next[0]?.b]).toEqual(["PR-999999", "PR-1000000"]);
});

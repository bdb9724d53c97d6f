import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db";

test("each file gets a migrated database of its own", async () => {
  const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from porting_requests`);
  expect(rows[0]?.n).toBe(0);
});

import "server-only";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";

// Keyset pages over (created_at, id), newest first, as the other API lists. The cursor keeps the
// timestamp to the microsecond (as PostgreSQL stores it): a JavaScript Date would round it to the
// millisecond and skip or repeat rows created within one.

type Cursor = { t: string; i: string };

export const exactTime = (column: AnyColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(t: string, i: string): string {
  return Buffer.from(JSON.stringify({ t, i })).toString("base64url");
}

export function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { t?: unknown; i?: unknown };
    if (typeof parsed.t === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(parsed.t) && typeof parsed.i === "string" && isUuid(parsed.i)) {
      return { t: parsed.t, i: parsed.i };
    }
  } catch {
    // falls through
  }
  throw new ValidationError({ cursor: ["This cursor is not valid: start again from the first page."] });
}

/** `(created_at, id) < cursor`, or nothing on the first page. */
export function before(createdAt: AnyColumn, id: AnyColumn, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const c = decodeCursor(cursor);
  return sql`(${createdAt}, ${id}) < (${c.t}::timestamptz, ${c.i}::uuid)`;
}

/** Cuts the one extra row fetched to know whether there is a next page. */
export function pageOf<T extends { id: string; exactCreatedAt: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last.exactCreatedAt, last.id) : null };
}

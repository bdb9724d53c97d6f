import "server-only";
import { ValidationError } from "@/lib/errors";

// Lists of the API are `{ data, nextCursor }` with `limit` and `cursor`. Company profiles and
// distribution groups are a handful per account (their verbs return them whole), so they are
// paged here, over the verb's order, with the last item's id as the cursor.

export function encodeIdCursor(id: string): string {
  return Buffer.from(JSON.stringify({ after: id })).toString("base64url");
}

function decodeIdCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { after?: unknown };
    if (typeof parsed.after === "string") return parsed.after;
  } catch {
    // falls through to the error below
  }
  throw new ValidationError({ cursor: ["This cursor is not valid: start again from the first page."] });
}

export function pageInMemory<T extends { id: string }>(
  items: readonly T[],
  query: { limit: number; cursor?: string | undefined },
): { data: T[]; nextCursor: string | null } {
  let start = 0;
  if (query.cursor) {
    const after = decodeIdCursor(query.cursor);
    const index = items.findIndex((item) => item.id === after);
    if (index === -1) {
      throw new ValidationError({ cursor: ["The item this cursor points after is gone: start again from the first page."] });
    }
    start = index + 1;
  }
  const data = items.slice(start, start + query.limit);
  const last = data.at(-1);
  return { data, nextCursor: start + query.limit < items.length && last ? encodeIdCursor(last.id) : null };
}

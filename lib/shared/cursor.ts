import { ValidationError } from "@/lib/errors";
import { isUuid } from "./ids";

// Keyset pagination cursors (created_at or status_changed_at, id): opaque to the caller, checked
// on the way back in. Every list that pages newest- or oldest-first uses this one format.

export type Cursor = { t: string; i: string };

// The timestamps have microseconds; a JS Date keeps milliseconds. The cursor carries PostgreSQL's
// own text so the keyset comparison neither skips nor repeats rows created in the same millisecond.
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

/** The cursor, or a ValidationError on `cursor` for anything this module did not write. */
export function decodeCursor(value: string): Cursor {
  const invalid = () => new ValidationError({ cursor: ["This page link is no longer valid: start again from the first page."] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid();
  const { t, i } = parsed as Record<string, unknown>;
  if (typeof t !== "string" || typeof i !== "string" || !CURSOR_TIME.test(t) || !isUuid(i)) throw invalid();
  return { t, i };
}

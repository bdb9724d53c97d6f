// LIKE / ILIKE patterns for literal text typed by a person: `%`, `_` and the escape character
// itself match only themselves (PostgreSQL's default escape is the backslash). Client-safe.

/** A pattern matching any text that contains `text`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Ids in URLs and input are checked before they reach PostgreSQL, which would answer a malformed
// uuid with an error instead of "not found". Client-safe: no database, no Node modules.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

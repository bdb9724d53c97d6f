/**
 * A `?returnTo=` value that is safe to navigate to: a path inside this app (not "//host", not a
 * scheme), so a crafted link cannot send someone elsewhere after they save.
 */
export function safeReturnTo(value: string | string[] | undefined): string | undefined {
  if (typeof value !== "string" || value.length > 500) return undefined;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return undefined;
  return value;
}

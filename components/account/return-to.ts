/**
 * A `?returnTo=` value that is safe to navigate to: a path inside this app, so a crafted link
 * cannot send someone elsewhere after they save. Browsers are lenient where this must not be:
 * they drop tabs and newlines anywhere in a URL ("/\t/evil.example" is "//evil.example", another
 * host), read backslashes as slashes, and some link handlers decode once more. So: refuse any
 * control character, whitespace or backslash, refuse still-encoded slashes, backslashes and control
 * characters, and keep only what the URL parser itself resolves to this origin. Returns the
 * normalised path (dot segments resolved), never the raw input.
 */
export function safeReturnTo(value: string | string[] | undefined): string | undefined {
  if (typeof value !== "string" || value.length === 0 || value.length > 500) return undefined;
  if (UNSAFE_CHARACTERS.test(value)) return undefined;
  if (!value.startsWith("/") || value.startsWith("//")) return undefined;
  // Encoded leftovers: %2F / %5C in the path, any encoded control character anywhere, or a
  // double encoding of those ("%252F"), or a broken escape.
  const pathPart = value.split(/[?#]/, 1)[0] as string;
  if (/%(25)*(2f|5c)/i.test(pathPart) || /%(25)*([01][0-9a-f]|7f)/i.test(value)) return undefined;
  try {
    decodeURIComponent(value);
  } catch {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : undefined;
}

const BASE = "http://x.invalid";
// C0 and C1 controls, DEL, every Unicode space or line/paragraph separator, and the backslash.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\s\\]/u;

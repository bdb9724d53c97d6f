// No "server-only" here: `npm run create-user` loads this module under plain Node, where that import throws.
import { createHash, randomBytes } from "node:crypto";

// Link tokens (invitations, password resets): 256 random bits, shown once in the email, stored
// only as SHA-256. A database leak gives no working link.

export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Shape check before the database: a link that was cut or mangled is simply not found. */
export function looksLikeLinkToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

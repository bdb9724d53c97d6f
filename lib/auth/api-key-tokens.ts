import { createHash, randomBytes } from "node:crypto";
import { apiKeys } from "@/db/schema";
import type { Executor } from "@/db";

// The token itself: format, hashing and the one insert. No "server-only" marker on purpose, so
// that `npm run api-key` (plain Node, outside Next.js) can create keys with the same code as the
// settings page. Keys look like `vp_<8 hex>_<43 base64url>`; only the SHA-256 of the whole key is
// stored. The key is high-entropy (256 bits), so a fast hash is right here (unlike passwords).

export const API_KEY_PATTERN = /^vp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): { key: string; prefix: string } {
  const prefix = `vp_${randomBytes(4).toString("hex")}`;
  return { prefix, key: `${prefix}_${randomBytes(32).toString("base64url")}` };
}

/** Stores a new key for `user` (a support user has no account: a support key) and returns it, once. */
export async function insertApiKey(
  db: Executor,
  user: { id: string; accountId: string | null },
  name: string,
): Promise<{ id: string; key: string; prefix: string }> {
  const { key, prefix } = generateApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ userId: user.id, accountId: user.accountId, name, prefix, hash: hashApiKey(key) })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error("insertApiKey: insert returned no row");
  return { id: row.id, key, prefix };
}

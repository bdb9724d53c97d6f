import { createHash, randomBytes } from "node:crypto";
import { apiKeys, type ApiKeyMode } from "@/db/schema";
import type { Executor } from "@/db";

// The token itself: format, hashing and the one insert. No "server-only" marker on purpose, so
// that `npm run api-key` (plain Node, outside Next.js) can create keys with the same code as the
// settings page. Live keys look like `vp_<8 hex>_<43 base64url>`, test keys (the account's
// sandbox, DESIGN.md) like `vp_test_<8 hex>_<43 base64url>`; only the SHA-256 of the whole key is
// stored. The key is high-entropy (256 bits), so a fast hash is right here (unlike passwords).

export const API_KEY_PATTERN = /^vp_(?:test_)?[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(mode: ApiKeyMode = "live"): { key: string; prefix: string } {
  const prefix = `${mode === "test" ? "vp_test_" : "vp_"}${randomBytes(4).toString("hex")}`;
  return { prefix, key: `${prefix}_${randomBytes(32).toString("base64url")}` };
}

/**
 * Stores a new key for `user` (a support user has no account: a support key) and returns it, once.
 * A test key needs an account (the database refuses a support test key too).
 */
export async function insertApiKey(
  db: Executor,
  user: { id: string; accountId: string | null },
  name: string,
  mode: ApiKeyMode = "live",
): Promise<{ id: string; key: string; prefix: string; mode: ApiKeyMode }> {
  if (mode === "test" && user.accountId === null) throw new Error("insertApiKey: support keys are live keys");
  const { key, prefix } = generateApiKey(mode);
  const [row] = await db
    .insert(apiKeys)
    .values({ userId: user.id, accountId: user.accountId, name, prefix, mode, hash: hashApiKey(key) })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error("insertApiKey: insert returned no row");
  return { id: row.id, key, prefix, mode };
}

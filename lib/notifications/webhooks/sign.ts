import { createHmac, randomBytes } from "node:crypto";

// Standard Webhooks signatures (https://www.standardwebhooks.com/): `v1,<base64 HMAC-SHA256>` of
// `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the bytes of the account's `whsec_` secret.

const PREFIX = "whsec_";

/** A new signing secret: 24 random bytes, as Standard Webhooks libraries expect them. */
export function generateSigningSecret(): string {
  return PREFIX + randomBytes(24).toString("base64");
}

export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error("A signing secret starts with whsec_");
  const key = Buffer.from(secret.slice(PREFIX.length), "base64");
  if (key.length < 16) throw new Error("A signing secret holds at least 16 bytes");
  return key;
}

/** One `v1,…` signature. */
export function sign(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", secretKey(secret)).update(`${messageId}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}

/**
 * The `webhook-signature` header: one signature per secret, space-separated (the current secret
 * first; during a rotation the previous one too, so receivers that still hold it keep verifying).
 */
export function signatureHeader(secrets: readonly string[], messageId: string, timestampSeconds: number, body: string): string {
  return secrets.map((secret) => sign(secret, messageId, timestampSeconds, body)).join(" ");
}

/** The webhook-id is made where the delivery row is written (lib/porting/outbox.ts). */
export { newMessageId } from "@/lib/porting/outbox";

/** Masked for display: the prefix and the last four characters. */
export function maskSecret(secret: string): string {
  return `${PREFIX}${"•".repeat(12)}${secret.slice(-4)}`;
}

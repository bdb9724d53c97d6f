import { randomBytes } from "node:crypto";

// No "server-only": the worker (plain Node) mints ids for resends through lib/porting/outbox.ts.

/** The webhook-id: `msg_` and 128 random bits, stable across the retries of one delivery. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

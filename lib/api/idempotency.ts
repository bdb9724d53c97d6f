import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { HttpProblem } from "./problem";

// `Idempotency-Key` on create (the IETF httpapi draft, as Stripe does it). Safe under concurrency
// without holding a transaction open across the claim:
//   1. claim the key: INSERT … ON CONFLICT DO NOTHING, its own statement, so exactly one caller wins;
//   2. the winner runs the create (its own transaction, in the verb), and stores the response
//      (status and body) on the key's row IN THAT TRANSACTION (`commit`): the create and its
//      stored response commit together or not at all. Were they apart, a create that committed
//      while storing its response failed would answer 409 for minutes, then 422, never its 201.
// A loser finds the row: another body → 422; no response yet → 409 (in flight, retry shortly);
// else the stored response again, byte for byte. Only successes are kept: a refused create (422,
// 409 …) or one that failed (the transaction rolled back) releases the key, so the client can
// retry with the same key.

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A claim this old without a response belongs to a process that died mid-create: it may be taken over. */
export const ABANDONED_AFTER_SECONDS = 300;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type StoredResponse = { status: number; body: string };

/** Stores the response on the claimed key inside the caller's transaction (the create's own). */
export type CommitResponse = (tx: Executor, response: StoredResponse) => Promise<void>;

/** Stable JSON (sorted keys): the same body in another key order or spacing is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonicalJson(body)}`).digest("hex");
}

/** The Idempotency-Key header, checked: null when absent. */
export function idempotencyKeyOf(request: Request): string | null {
  const value = request.headers.get("idempotency-key");
  if (value === null) return null;
  const key = value.trim();
  if (!KEY_PATTERN.test(key)) {
    throw new HttpProblem(400, "The Idempotency-Key header must be 1 to 255 visible ASCII characters; a UUID is a good choice.", {
      errors: { "Idempotency-Key": ["Use 1 to 255 visible ASCII characters, such as a UUID."] },
    });
  }
  return key;
}

let lastPurge = 0;

/** Drops keys older than the TTL, at most once a minute per process (cheap: created_at is indexed). */
async function purgeExpired(db: Executor): Promise<void> {
  if (Date.now() - lastPurge < 60_000) return;
  lastPurge = Date.now();
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`));
}

const fresh = sql`now() - make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`;

export async function withIdempotency(
  options: { apiKeyId: string; key: string; fingerprint: string; db?: Executor },
  /** The create. It calls `commit` in its own transaction with its response; a success it did not commit is stored after. */
  run: (commit: CommitResponse) => Promise<StoredResponse & { headers?: Record<string, string> }>,
): Promise<{ response: StoredResponse & { headers?: Record<string, string> }; replayed: boolean }> {
  const db = options.db ?? getDb();
  const { apiKeyId, key, fingerprint } = options;
  await purgeExpired(db);
  const thisKey = and(eq(idempotencyKeys.apiKeyId, apiKeyId), eq(idempotencyKeys.key, key));

  // An expired claim is gone for good (the TTL), whether or not the purge has run yet.
  await db.delete(idempotencyKeys).where(and(thisKey, lt(idempotencyKeys.createdAt, fresh)));

  const claimed = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId, key, requestHash: fingerprint })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });

  if (claimed.length === 0) {
    const [row] = await db.select().from(idempotencyKeys).where(thisKey).limit(1);
    if (!row) {
      // Released by a failed first attempt between our insert and select: ask for a retry.
      throw inFlight();
    }
    if (row.requestHash !== fingerprint) {
      throw new HttpProblem(422, "This Idempotency-Key was already used with a different request body. Use a new key for a new request.", {
        errors: { "Idempotency-Key": ["Already used with a different body in the last 24 hours."] },
      });
    }
    if (row.responseStatus !== null && row.responseBody !== null) {
      return { response: { status: row.responseStatus, body: row.responseBody }, replayed: true };
    }
    const age = (Date.now() - row.createdAt.getTime()) / 1000;
    if (age < ABANDONED_AFTER_SECONDS) throw inFlight();
    // Take over a claim whose process died; the conditional update lets only one caller do so.
    const [taken] = await db
      .update(idempotencyKeys)
      .set({ createdAt: sql`now()` })
      .where(
        and(
          thisKey,
          isNull(idempotencyKeys.responseStatus),
          lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS})`),
        ),
      )
      .returning({ key: idempotencyKeys.key });
    if (!taken) throw inFlight();
  }

  const store = async (executor: Executor, stored: StoredResponse) => {
    await executor.update(idempotencyKeys).set({ responseStatus: stored.status, responseBody: stored.body }).where(thisKey);
  };
  let committed = false;
  let response: StoredResponse & { headers?: Record<string, string> };
  try {
    response = await run(async (tx, stored) => {
      if (stored.status < 200 || stored.status >= 300) return;
      await store(tx, stored);
      committed = true;
    });
  } catch (error) {
    // The create's transaction rolled back, the stored response with it: the key is free again.
    await db.delete(idempotencyKeys).where(thisKey);
    throw error;
  }
  if (response.status >= 200 && response.status < 300) {
    if (!committed) await store(db, response);
  } else {
    await db.delete(idempotencyKeys).where(thisKey);
  }
  return { response, replayed: false };
}

function inFlight() {
  return new HttpProblem(
    409,
    "A request with this Idempotency-Key is still being processed. Retry in a moment to get its response.",
    {},
    { "retry-after": "1" },
  );
}

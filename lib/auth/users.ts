import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, schema } from "@/db";
import type { Actor } from "./actor";
import { verifyPassword } from "./password";
import { releaseAttempt, reserveAttempt } from "./throttle";

export type SignInResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

// A precomputed Argon2id hash of a random string: an unknown email costs as much time as a
// wrong password, so the response time does not tell which emails exist.
let dummyHash: Promise<string> | undefined;
async function hashToCompareAgainst(): Promise<string> {
  const { hashPassword } = await import("./password");
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/**
 * Checks an email and password, within the sign-in limits of lib/auth/throttle.ts: the attempt
 * reserves its slot (per email and per client address) before the password is hashed, so parallel
 * wrong passwords are counted, not raced. `address` is the client's, from lib/auth/client-address.ts.
 */
export async function checkCredentials(email: string, password: string, address: string | null = null): Promise<SignInResult> {
  const db = getDb();
  const normalized = email.trim().toLowerCase();
  const reservation = await reserveAttempt(db, normalized, address);
  if (!reservation.ok) return { ok: false, reason: "locked", retryAfterSeconds: reservation.retryAfterSeconds };

  const [user] = await db
    .select({
      id: schema.users.id,
      passwordHash: schema.users.passwordHash,
      disabled: schema.users.disabled,
      sessionVersion: schema.users.sessionVersion,
    })
    .from(schema.users)
    .where(eq(sql`lower(${schema.users.email})`, normalized))
    .limit(1);
  const valid = await verifyPassword(user?.passwordHash ?? (await hashToCompareAgainst()), password);
  // A wrong password keeps its reserved slots: that is the failure being counted.
  if (!user || !valid) return { ok: false, reason: "invalid" };
  await releaseAttempt(db, normalized, address);
  // A disabled user gets the same answer as a wrong password: the page must not confirm the account.
  if (user.disabled) return { ok: false, reason: "invalid" };
  await db.update(schema.users).set({ lastSignInAt: sql`now()` }).where(eq(schema.users.id, user.id));
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

/**
 * The actor for a user id, read fresh from the database so a removed or disabled user loses access
 * at its next request. With `sessionVersion` (a session's), a session from before the user's last
 * password change, reset, "sign out everywhere" or disabling is no longer anyone.
 */
export async function loadActor(userId: string, sessionVersion?: number): Promise<Actor | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [user] = await getDb()
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      accountId: schema.users.accountId,
      accountRole: schema.users.accountRole,
      disabled: schema.users.disabled,
      sessionVersion: schema.users.sessionVersion,
    })
    .from(schema.users)
    .where(eq(schema.users.id, userId))
    .limit(1);
  return user ? actorOf(user, sessionVersion) : null;
}

/** The columns of a users row that make an actor (API key lookups join them in their own query). */
export type ActorUserRow = {
  id: string;
  name: string;
  email: string;
  role: "customer" | "support";
  accountId: string | null;
  accountRole: "admin" | "member" | null;
  disabled: boolean;
  sessionVersion: number;
};

/** The actor a user row stands for: none when disabled, or (with `sessionVersion`) when the session is older. */
export function actorOf(user: ActorUserRow, sessionVersion?: number): Actor | null {
  if (user.disabled) return null;
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return null;
  if (user.role === "support") {
    return { role: "support", userId: user.id, name: user.name, email: user.email, accountId: null };
  }
  if (!user.accountId || !user.accountRole) return null;
  return {
    role: "customer",
    userId: user.id,
    name: user.name,
    email: user.email,
    accountId: user.accountId,
    accountRole: user.accountRole,
  };
}

// No "server-only" here: `npm run create-user` loads this module under plain Node, where that import throws.
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { passwordResetTokens, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { appUrl } from "@/lib/env";
import { ConflictError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/shared/validation";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { queueAccountEmail } from "./emails";
import { newPasswordField, newPasswordSchema } from "./password-policy";
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from "./tokens";

// Forgotten passwords, password changes and "sign out everywhere". Every one of them bumps the
// user's session version, which ends every session issued before (lib/auth/session.ts); the
// change-password page signs its own browser in again right after.

export const RESET_VALID_MINUTES = 60;
/** A mailbox is not flooded: at most this many reset emails per user and hour. */
export const MAX_RESETS_PER_HOUR = 3;

export const forgotPasswordSchema = z.object({
  email: z
    .string({ error: "Give the email address you sign in with." })
    .trim()
    .toLowerCase()
    .max(320, "Keep the email address under 320 characters.")
    .pipe(z.email("This is not an email address, such as name@example.com.")),
});

async function issueToken(tx: Executor, userId: string, minutes: number): Promise<string> {
  const { token, hash } = newLinkToken();
  await tx.insert(passwordResetTokens).values({ userId, tokenHash: hash, expiresAt: sql`now() + make_interval(mins => ${minutes})` });
  return token;
}

export function passwordLink(token: string): string {
  return `${appUrl()}/reset-password/${token}`;
}

/**
 * Sends a reset link when the email belongs to an enabled user; answers the same way (nothing)
 * whether or not it does, so the form cannot be used to find out who has a sign-in.
 */
export async function requestPasswordReset(input: unknown, db: Executor = getDb()): Promise<void> {
  const { email } = parseInput(forgotPasswordSchema, input);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, name: users.name, email: users.email, disabled: users.disabled })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email))
      .for("update")
      .limit(1);
    if (!user || user.disabled) return;
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, user.id), gt(passwordResetTokens.createdAt, sql`now() - interval '1 hour'`)));
    if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) return;
    const token = await issueToken(tx, user.id, RESET_VALID_MINUTES);
    await queueAccountEmail(tx, "password_reset", user.email, {
      subject: "Reset your Voice Porting password",
      paragraphs: [
        `Hello ${user.name},`,
        "Someone (we hope you) asked to reset the password of your Voice Porting sign-in.",
        `Open the link below to choose a new one; you are signed in right after, and every other session of yours ends. The link works once, for ${RESET_VALID_MINUTES} minutes.`,
      ],
      link: { label: "Choose a new password", url: passwordLink(token) },
      footer: "If you did not ask for this, ignore this email: your password stays as it is.",
    });
  });
}

/** A one-time set-password link for a new user (npm run create-user): the reset token, longer lived. */
export async function createSetPasswordLink(userId: string, hours = 24, db: Executor = getDb()): Promise<{ url: string; expiresAt: string }> {
  return db.transaction(async (tx) => {
    const token = await issueToken(tx, userId, hours * 60);
    const [row] = await tx.select({ expiresAt: passwordResetTokens.expiresAt }).from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, hashLinkToken(token)));
    return { url: passwordLink(token), expiresAt: row!.expiresAt.toISOString() };
  });
}

export const INVALID_RESET_LINK = "This link no longer works: it was used already or is more than an hour old. Ask for a new one on the \"Forgot your password?\" page.";

/** Whether a reset link still works, for its page (which then asks for the new password). */
export async function resetLinkEmail(token: string, db: Executor = getDb()): Promise<string | null> {
  if (!looksLikeLinkToken(token)) return null;
  const [row] = await db
    .select({ email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashLinkToken(token)),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, sql`now()`),
        eq(users.disabled, false),
      ),
    )
    .limit(1);
  return row?.email ?? null;
}

export const resetPasswordSchema = newPasswordSchema.and(z.object({ token: z.string({ error: "The link is incomplete." }) }));

/** Sets the new password through a reset link: single use (guarded UPDATE), ends every session. */
export async function resetPassword(input: unknown, db: Executor = getDb()): Promise<{ email: string }> {
  const data = parseInput(resetPasswordSchema, input);
  if (!looksLikeLinkToken(data.token)) throw new ConflictError(INVALID_RESET_LINK);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(passwordResetTokens.tokenHash, hashLinkToken(data.token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: passwordResetTokens.userId });
    if (!used) throw new ConflictError(INVALID_RESET_LINK);
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, used.userId), eq(users.disabled, false)))
      .returning({ id: users.id, email: users.email, name: users.name, accountId: users.accountId });
    if (!user) throw new ConflictError(INVALID_RESET_LINK);
    // Any other link sent before is spent too: the password it was for is gone.
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await recordAudit(tx, { role: "anonymous", userId: user.id, name: user.name }, {
      accountId: user.accountId,
      action: "user.password_reset",
      objectType: "user",
      objectId: user.id,
      changes: { email: user.email },
    }, null);
    return { email: user.email };
  });
}

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Type your current password." }).min(1, "Type your current password."),
    password: newPasswordField,
    confirmPassword: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords are not the same." })
  .refine((v) => v.password !== v.currentPassword, { path: ["password"], message: "Choose a password other than the current one." });

/** Changes the caller's own password; every session of the user ends (the page signs in again). */
export async function changePassword(actor: Actor, input: unknown, db: Executor = getDb()): Promise<{ email: string }> {
  const apiKeyId = callerApiKeyId();
  const data = parseInput(changePasswordSchema, input);
  const [current] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!current || !(await verifyPassword(current.passwordHash, data.currentPassword))) {
    throw new ValidationError({ currentPassword: ["This is not your current password."] });
  }
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .update(users)
      .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.userId))
      .returning({ email: users.email });
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.userId, actor.userId), isNull(passwordResetTokens.usedAt)));
    await recordAudit(tx, actor, { accountId: actor.accountId, action: "user.password_changed", objectType: "user", objectId: actor.userId, changes: {} }, apiKeyId);
    return { email: user!.email };
  });
}

/** Ends every session of the caller, this one included. */
export async function signOutEverywhere(actor: Actor, db: Executor = getDb()): Promise<void> {
  const apiKeyId = callerApiKeyId();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, actor.userId));
    await recordAudit(tx, actor, { accountId: actor.accountId, action: "user.signed_out_everywhere", objectType: "user", objectId: actor.userId, changes: {} }, apiKeyId);
  });
}

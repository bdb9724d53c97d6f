import "server-only";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { accounts, invitations, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { appUrl } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { AccountRole } from "@/lib/porting/values";
import { isUuid } from "@/lib/shared/ids";
import { parseInput } from "@/lib/shared/validation";
import { requireAccountAccess } from "./access";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { queueAccountEmail } from "./emails";
import { newPasswordSchema } from "./password-policy";
import { createInvitationSchema } from "./schemas";
import { hashLinkToken, looksLikeLinkToken, newLinkToken } from "./tokens";

// Sign-up is by invitation only. Support or an account's admin invites a person by email; the
// email carries a single-use link, valid for 7 days, whose page asks for a password and signs the
// person in. A resend replaces the token (the old link stops working); a revoke ends it.

export const INVITATION_VALID_DAYS = 7;

export type InvitationDto = {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  expiresAt: string;
  createdAt: string;
  invitedBy: string | null;
  expired: boolean;
};

const columns = {
  id: invitations.id,
  email: invitations.email,
  name: invitations.name,
  role: invitations.role,
  expiresAt: invitations.expiresAt,
  createdAt: invitations.createdAt,
  invitedBy: users.name,
};

type Row = { id: string; email: string; name: string; role: AccountRole; expiresAt: Date; createdAt: Date; invitedBy: string | null };

const toDto = (row: Row): InvitationDto => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  expiresAt: row.expiresAt.toISOString(),
  createdAt: row.createdAt.toISOString(),
  invitedBy: row.invitedBy,
  expired: row.expiresAt.getTime() <= Date.now(),
});

/** The API's JSON of an invitation (the link itself is only ever in the email). */
export function invitationJson(i: InvitationDto) {
  return { id: i.id, email: i.email, name: i.name, role: i.role, expiresAt: i.expiresAt, createdAt: i.createdAt, expired: i.expired };
}

function invitationLink(token: string): string {
  return `${appUrl()}/invitations/${token}`;
}

async function queueInvitationEmail(tx: Executor, actor: Actor, invitation: { email: string; name: string; role: AccountRole; expiresAt: Date }, accountName: string, token: string) {
  const inviter = actor.role === "support" ? `${actor.name} (Voice Porting support)` : actor.name;
  const until = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(invitation.expiresAt);
  await queueAccountEmail(tx, "invitation", invitation.email, {
    subject: `You are invited to ${accountName} on Voice Porting`,
    paragraphs: [
      `Hello ${invitation.name},`,
      `${inviter} invited you to join ${accountName} on Voice Porting as ${invitation.role === "admin" ? "an admin" : "a member"}.`,
      `Open the link below to choose your password; you are signed in right after. The link works once, until ${until} UTC.`,
    ],
    link: { label: "Accept the invitation", url: invitationLink(token) },
    footer: "If you did not expect this invitation, ignore this email: nothing happens until the link is used.",
  });
}

async function accountName(tx: Executor, accountId: string): Promise<string> {
  const [row] = await tx.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!row) throw new NotFoundError("account");
  return row.name;
}

async function assertNoUser(tx: Executor, email: string): Promise<void> {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, email)).limit(1);
  if (existing) {
    throw new ValidationError({ email: [`${email} already has a Voice Porting sign-in; a person can belong to one account only.`] });
  }
}

const isUniqueViolation = (error: unknown, constraint: string) => {
  const e = error as { code?: string; constraint_name?: string; cause?: { code?: string; constraint_name?: string } };
  const pg = e.cause ?? e;
  return pg.code === "23505" && pg.constraint_name === constraint;
};

export async function createInvitation(actor: Actor, accountId: string, input: unknown, db: Executor = getDb()): Promise<InvitationDto> {
  const apiKeyId = callerApiKeyId();
  await requireAccountAccess(actor, accountId, "manage", db);
  const data = parseInput(createInvitationSchema, input);
  try {
    return await db.transaction(async (tx) => {
      await assertNoUser(tx, data.email);
      const name = await accountName(tx, accountId);
      const { token, hash } = newLinkToken();
      const [row] = await tx
        .insert(invitations)
        .values({
          accountId,
          email: data.email,
          name: data.name,
          role: data.role,
          tokenHash: hash,
          invitedByUserId: actor.userId,
          expiresAt: sql`now() + make_interval(days => ${INVITATION_VALID_DAYS})`,
        })
        .returning();
      await queueInvitationEmail(tx, actor, row!, name, token);
      await recordAudit(tx, actor, {
        accountId,
        action: "invitation.created",
        objectType: "invitation",
        objectId: row!.id,
        changes: { email: row!.email, name: row!.name, role: row!.role, expiresAt: row!.expiresAt },
      }, apiKeyId);
      return toDto({ ...row!, invitedBy: actor.name });
    });
  } catch (error) {
    // Two invitations for one person at once: the partial unique index lets one through.
    if (isUniqueViolation(error, "invitations_open_email_key")) {
      throw new ValidationError({ email: [`${data.email} already has an open invitation to this account: resend or revoke it instead.`] });
    }
    throw error;
  }
}

/** Open invitations (neither accepted nor revoked), expired ones included so they can be resent. */
export async function listInvitations(actor: Actor, accountId: string, db: Executor = getDb()): Promise<InvitationDto[]> {
  await requireAccountAccess(actor, accountId, "manage", db);
  const rows = await db
    .select(columns)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedByUserId))
    .where(and(eq(invitations.accountId, accountId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
  return rows.map(toDto);
}

async function openInvitation(tx: Executor, accountId: string, invitationId: string) {
  if (!isUuid(invitationId)) throw new NotFoundError("invitation");
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.accountId, accountId)))
    .for("update")
    .limit(1);
  if (!row) throw new NotFoundError("invitation");
  if (row.acceptedAt) throw new ConflictError("This invitation was already accepted: the person has a sign-in now.");
  if (row.revokedAt) throw new ConflictError("This invitation was revoked. Invite the person again.");
  return row;
}

export async function revokeInvitation(actor: Actor, accountId: string, invitationId: string, db: Executor = getDb()): Promise<{ id: string; revokedAt: string }> {
  const apiKeyId = callerApiKeyId();
  await requireAccountAccess(actor, accountId, "manage", db);
  return db.transaction(async (tx) => {
    const row = await openInvitation(tx, accountId, invitationId);
    const [revoked] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(eq(invitations.id, row.id))
      .returning({ id: invitations.id, revokedAt: invitations.revokedAt });
    await recordAudit(tx, actor, { accountId, action: "invitation.revoked", objectType: "invitation", objectId: row.id, changes: { email: row.email } }, apiKeyId);
    return { id: revoked!.id, revokedAt: revoked!.revokedAt!.toISOString() };
  });
}

/** A new link (the old one stops working) and 7 more days, sent again. */
export async function resendInvitation(actor: Actor, accountId: string, invitationId: string, db: Executor = getDb()): Promise<InvitationDto> {
  const apiKeyId = callerApiKeyId();
  await requireAccountAccess(actor, accountId, "manage", db);
  return db.transaction(async (tx) => {
    const row = await openInvitation(tx, accountId, invitationId);
    await assertNoUser(tx, row.email);
    const { token, hash } = newLinkToken();
    const [updated] = await tx
      .update(invitations)
      .set({ tokenHash: hash, expiresAt: sql`now() + make_interval(days => ${INVITATION_VALID_DAYS})` })
      .where(eq(invitations.id, row.id))
      .returning();
    await queueInvitationEmail(tx, actor, updated!, await accountName(tx, accountId), token);
    await recordAudit(tx, actor, {
      accountId,
      action: "invitation.resent",
      objectType: "invitation",
      objectId: row.id,
      changes: { email: row.email, expiresAt: { from: row.expiresAt.toISOString(), to: updated!.expiresAt.toISOString() } },
    }, apiKeyId);
    const [inviter] = updated!.invitedByUserId
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, updated!.invitedByUserId)).limit(1)
      : [];
    return toDto({ ...updated!, invitedBy: inviter?.name ?? null });
  });
}

export type InvitationLinkState =
  | { state: "open"; email: string; name: string; accountName: string; role: AccountRole }
  | { state: "invalid" };

/** What the invitation page shows for a link: who it is for, or that it no longer works. */
export async function describeInvitationLink(token: string, db: Executor = getDb()): Promise<InvitationLinkState> {
  if (!looksLikeLinkToken(token)) return { state: "invalid" };
  const [row] = await db
    .select({ email: invitations.email, name: invitations.name, role: invitations.role, accountName: accounts.name })
    .from(invitations)
    .innerJoin(accounts, eq(accounts.id, invitations.accountId))
    .where(
      and(
        eq(invitations.tokenHash, hashLinkToken(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row ? { state: "open", ...row } : { state: "invalid" };
}

export const acceptInvitationSchema = newPasswordSchema.and(z.object({ token: z.string({ error: "The invitation link is incomplete." }) }));

export const INVALID_INVITATION = "This invitation link no longer works: it was used, revoked, replaced by a newer email, or is older than 7 days. Ask for a new invitation.";

/**
 * Accepts an invitation: creates the user with the chosen password. The guarded UPDATE makes the
 * link single use even when it is submitted twice at once (one wins, the other finds no row).
 */
export async function acceptInvitation(input: unknown, db: Executor = getDb()): Promise<{ userId: string; email: string }> {
  const data = parseInput(acceptInvitationSchema, input);
  if (!looksLikeLinkToken(data.token)) throw new NotFoundError("invitation");
  const passwordHash = await hashPassword(data.password);
  try {
    return await acceptInTransaction(db, data.token, passwordHash);
  } catch (error) {
    // Invitations to two accounts for one person, accepted at once: the user email index decides.
    if (isUniqueViolation(error, "users_email_key")) throw new ConflictError("This email address already has a sign-in: use \"Forgot your password?\" on the sign-in page instead.");
    throw error;
  }
}

async function acceptInTransaction(db: Executor, token: string, passwordHash: string): Promise<{ userId: string; email: string }> {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(
        and(
          eq(invitations.tokenHash, hashLinkToken(token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!invitation) throw new ConflictError(INVALID_INVITATION);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.email})`, invitation.email)).limit(1);
    if (existing) throw new ConflictError(`${invitation.email} already has a sign-in: use "Forgot your password?" on the sign-in page instead.`);
    const [user] = await tx
      .insert(users)
      .values({
        email: invitation.email,
        name: invitation.name,
        role: "customer",
        accountId: invitation.accountId,
        accountRole: invitation.role,
        passwordHash,
      })
      .returning({ id: users.id, email: users.email });
    await tx.update(invitations).set({ acceptedUserId: user!.id }).where(eq(invitations.id, invitation.id));
    const newcomer = { role: "anonymous" as const, userId: user!.id, name: invitation.name };
    await recordAudit(tx, newcomer, {
      accountId: invitation.accountId,
      action: "invitation.accepted",
      objectType: "invitation",
      objectId: invitation.id,
      changes: { email: invitation.email },
    }, null);
    await recordAudit(tx, newcomer, {
      accountId: invitation.accountId,
      action: "user.created",
      objectType: "user",
      objectId: user!.id,
      changes: { email: invitation.email, name: invitation.name, role: invitation.role },
    }, null);
    return { userId: user!.id, email: user!.email };
  });
}

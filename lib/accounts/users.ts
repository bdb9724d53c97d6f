import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { AccountRole } from "@/lib/porting/values";
import { isUuid } from "@/lib/shared/ids";
import { parseInput } from "@/lib/shared/validation";
import { requireAccountAccess } from "./access";
import { callerApiKeyId, diffFields, recordAudit } from "@/lib/auth/audit";
import { before, exactTime, pageOf } from "./keyset";
import { pageQuerySchema, updateAccountUserSchema } from "./schemas";

// An account's users: listed and managed by support or the account's admin. An account always
// keeps at least one enabled admin. Disabling a user bumps its session version, so its sessions
// end at their next request; its API keys stop because lib/auth resolves them to no one.

export type AccountUserDto = {
  id: string;
  email: string;
  name: string;
  role: AccountRole;
  disabled: boolean;
  lastSignInAt: string | null;
  createdAt: string;
};

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.accountRole,
  disabled: users.disabled,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
};

type Row = { id: string; email: string; name: string; role: AccountRole | null; disabled: boolean; lastSignInAt: Date | null; createdAt: Date };

const toDto = (row: Row): AccountUserDto => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role ?? "member",
  disabled: row.disabled,
  lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

export async function listAccountUsers(
  actor: Actor,
  accountId: string,
  input: unknown = {},
  db: Executor = getDb(),
): Promise<{ data: AccountUserDto[]; nextCursor: string | null }> {
  await requireAccountAccess(actor, accountId, "manage", db);
  const query = parseInput(pageQuerySchema, input);
  const rows = await db
    .select({ ...columns, exactCreatedAt: exactTime(users.createdAt) })
    .from(users)
    .where(and(eq(users.accountId, accountId), before(users.createdAt, users.id, query.cursor)))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit);
  return { data: page.rows.map(toDto), nextCursor: page.nextCursor };
}

export async function updateAccountUser(
  actor: Actor,
  accountId: string,
  userId: string,
  input: unknown,
  db: Executor = getDb(),
): Promise<AccountUserDto> {
  const apiKeyId = callerApiKeyId();
  await requireAccountAccess(actor, accountId, "manage", db);
  const change = parseInput(updateAccountUserSchema, input);
  if (!isUuid(userId)) throw new NotFoundError("user");
  return db.transaction(async (tx) => {
    // Every user row of the account is locked: two admins demoting each other at once are
    // serialised, and the second finds itself the last admin.
    const team = await tx.select(columns).from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.id)).for("update");
    const target = team.find((u) => u.id === userId);
    if (!target) throw new NotFoundError("user");
    const after = { role: change.role ?? target.role, disabled: change.disabled ?? target.disabled };
    const enabledAdminsAfter = team.filter((u) => (u.id === userId ? after.role === "admin" && !after.disabled : u.role === "admin" && !u.disabled)).length;
    if (enabledAdminsAfter === 0) {
      throw new ConflictError("An account needs at least one enabled admin: make another user admin first.");
    }
    const changes = diffFields({ role: target.role, disabled: target.disabled }, after);
    if (Object.keys(changes).length === 0) return toDto(target);
    const [updated] = await tx
      .update(users)
      .set({
        accountRole: after.role,
        disabled: after.disabled,
        // Disabling ends the user's sessions now; enabling does not revive old ones.
        ...(change.disabled === true && !target.disabled ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, userId))
      .returning(columns);
    await recordAudit(tx, actor, {
      accountId,
      action: change.disabled === true && !target.disabled ? "user.disabled" : change.disabled === false && target.disabled ? "user.enabled" : "user.role_changed",
      objectType: "user",
      objectId: userId,
      changes: { email: target.email, ...changes },
    }, apiKeyId);
    return toDto(updated!);
  });
}

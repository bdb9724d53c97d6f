import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "@/db";
import { companyProfiles, distributionGroups } from "@/db/schema";
import { ConflictError, ForbiddenError, isDomainError, NotFoundError } from "@/lib/errors";
import { isUuid } from "./ids";

// Things an account owns and names: company profiles and distribution groups. Reading one,
// listing them, checking a name and deleting one are the same steps for both; what differs (what
// uses a row, what that costs a delete, the wording) stays in each domain's verbs. Every read is
// tenant-scoped: the account is the actor's, always in the WHERE clause; another account's (or a
// malformed) id is a NotFoundError, never a 403.

/** Who owns the rows: the customer actor's account (structural, so this folder needs nothing from lib/auth). */
type Owner = { accountId: string };

/** The type says customer; an adapter that passes a support session must still be refused. */
export function assertCustomer(actor: Owner): void {
  if ((actor as { role?: unknown }).role !== "customer" || !actor.accountId) {
    throw new ForbiddenError("Only a customer account has company profiles, distribution groups and numbers.");
  }
}

export type NamedAccountTable = typeof companyProfiles | typeof distributionGroups;
export type NamedAccountRow<T extends NamedAccountTable> = T["$inferSelect"];

/** One row of the actor's account, or NotFoundError naming `what` ("company profile"). `forUpdate` locks it. */
export async function getAccountRow<T extends NamedAccountTable>(
  db: Executor,
  table: T,
  what: string,
  actor: Owner,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<NamedAccountRow<T>> {
  if (!isUuid(id)) throw new NotFoundError(what);
  const t = table as NamedAccountTable;
  const query = db
    .select()
    .from(t)
    .where(and(eq(t.id, id), eq(t.accountId, actor.accountId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError(what);
  return row as NamedAccountRow<T>;
}

/** Every row of the account, by name as a person reads a list (case-insensitive), then id. An account has a handful. */
export async function listAccountRows<T extends NamedAccountTable>(db: Executor, table: T, accountId: string): Promise<NamedAccountRow<T>[]> {
  const t = table as NamedAccountTable;
  const rows = await db
    .select()
    .from(t)
    .where(eq(t.accountId, accountId))
    .orderBy(asc(sql`lower(${t.name})`), asc(t.id));
  return rows as NamedAccountRow<T>[];
}

/** Case-insensitive: "Head office" and "head office" would be one thing to a person picking from a list. */
export async function accountNameTaken(db: Executor, table: NamedAccountTable, accountId: string, name: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.accountId, accountId), sql`lower(${table.name}) = lower(${name})`, exceptId ? sql`${table.id} <> ${exceptId}` : undefined))
    .limit(1);
  return row !== undefined;
}

/**
 * Deletes a row of the actor's account that nothing uses. The row is locked first: whatever
 * starts to use it needs the row's key-share lock for its foreign key, so it is either seen by
 * `beforeDelete` (which throws a ConflictError while the row is in use, and may let go of uses
 * that do not count) or fails after the delete. Should a use slip in anyway, the foreign key
 * refuses the delete and the caller's `inUseRace` message is the ConflictError.
 */
export async function deleteAccountRow<T extends NamedAccountTable>(
  db: Db,
  table: T,
  what: string,
  actor: Owner,
  id: string,
  hooks: {
    beforeDelete: (tx: Tx, row: NamedAccountRow<T>) => Promise<void>;
    /** In the delete's transaction, after it: what else the delete writes (its audit entry). */
    afterDelete?: (tx: Tx, row: NamedAccountRow<T>) => Promise<void>;
    inUseRace: (name: string) => string;
  },
): Promise<void> {
  const t = table as NamedAccountTable;
  let name = `This ${what}`;
  try {
    await db.transaction(async (tx) => {
      const row = await getAccountRow(tx, table, what, actor, id, { forUpdate: true });
      name = row.name;
      await hooks.beforeDelete(tx, row);
      await tx.delete(t).where(and(eq(t.id, row.id), eq(t.accountId, actor.accountId)));
      await hooks.afterDelete?.(tx, row);
    });
  } catch (error) {
    if (!isDomainError(error) && postgresError(error)?.code === FOREIGN_KEY_VIOLATION) throw new ConflictError(hooks.inUseRace(name));
    throw error;
  }
}

/** The PostgreSQL error under drizzle's wrapper (DrizzleQueryError.cause), or null. */
export function postgresError(error: unknown): { code: string; constraint?: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint_name?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        ...(typeof candidate.constraint_name === "string" ? { constraint: candidate.constraint_name } : {}),
      };
    }
  }
  return null;
}

export const UNIQUE_VIOLATION = "23505";
export const FOREIGN_KEY_VIOLATION = "23503";

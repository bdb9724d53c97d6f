import "server-only";
import { desc, eq } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { getDb, type Executor } from "@/db";
import { accounts } from "@/db/schema";
import type { Actor, SupportActor } from "@/lib/auth/actor";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";
import { parseInput } from "@/lib/shared/validation";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { before, exactTime, pageOf } from "./keyset";
import { createAccountSchema, pageQuerySchema } from "./schemas";

// Customer accounts. Created by support only (there is no open registration); a customer sees
// its own account, support every one.

export type AccountDto = { id: string; name: string; country: string; createdAt: string };

const toDto = (row: { id: string; name: string; country: string; createdAt: Date }): AccountDto => ({
  id: row.id,
  name: row.name,
  country: row.country,
  createdAt: row.createdAt.toISOString(),
});

const columns = { id: accounts.id, name: accounts.name, country: accounts.country, createdAt: accounts.createdAt };

function assertSupport(actor: Actor): asserts actor is SupportActor {
  if (actor.role !== "support") throw new ForbiddenError("Only support staff can create and list accounts.");
}

export async function createAccount(actor: Actor, input: unknown, db: Executor = getDb()): Promise<AccountDto> {
  const apiKeyId = callerApiKeyId();
  assertSupport(actor);
  const data = parseInput(createAccountSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ name: data.name, country: data.country, signingSecret: `whsec_${randomBytes(24).toString("base64")}` })
      .returning(columns);
    await recordAudit(tx, actor, {
      accountId: row!.id,
      action: "account.created",
      objectType: "account",
      objectId: row!.id,
      changes: { name: data.name, country: data.country },
    }, apiKeyId);
    // Every account is made with its callback signing secret; the log says so, never what it is.
    await recordAudit(tx, actor, { accountId: row!.id, action: "signing_secret.created", objectType: "signing_secret", objectId: row!.id }, apiKeyId);
    return toDto(row!);
  });
}

export async function getAccount(actor: Actor, id: string, db: Executor = getDb()): Promise<AccountDto> {
  if (!isUuid(id) || (actor.role === "customer" && actor.accountId !== id)) throw new NotFoundError("account");
  const [row] = await db.select(columns).from(accounts).where(eq(accounts.id, id)).limit(1);
  if (!row) throw new NotFoundError("account");
  return toDto(row);
}

export async function listAccounts(
  actor: Actor,
  input: unknown,
  db: Executor = getDb(),
): Promise<{ data: AccountDto[]; nextCursor: string | null }> {
  assertSupport(actor);
  const query = parseInput(pageQuerySchema, input);
  const rows = await db
    .select({ ...columns, exactCreatedAt: exactTime(accounts.createdAt) })
    .from(accounts)
    .where(before(accounts.createdAt, accounts.id, query.cursor))
    .orderBy(desc(accounts.createdAt), desc(accounts.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit);
  return { data: page.rows.map(toDto), nextCursor: page.nextCursor };
}

import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { apiKeys, auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/shared/validation";
import { requireAccountAccess } from "./access";
import { before, exactTime, pageOf } from "./keyset";
import { pageQuerySchema } from "./schemas";

// Reading the audit log: support any account's, an account's admin its own; newest first, keyset
// paged. Status changes of porting requests are not here: each request's history holds them.

export type AuditEventDto = {
  id: string;
  at: string;
  actor: { name: string; role: string; userId: string | null; apiKey: { id: string; prefix: string; name: string } | null };
  action: string;
  object: { type: string; id: string };
  changes: Record<string, unknown>;
};

export async function listAuditEvents(
  actor: Actor,
  accountId: string,
  input: unknown = {},
  db: Executor = getDb(),
): Promise<{ data: AuditEventDto[]; nextCursor: string | null }> {
  await requireAccountAccess(actor, accountId, "manage", db);
  const query = parseInput(pageQuerySchema, input);
  const rows = await db
    .select({
      event: auditEvents,
      id: auditEvents.id,
      exactCreatedAt: exactTime(auditEvents.createdAt),
      keyPrefix: apiKeys.prefix,
      keyName: apiKeys.name,
    })
    .from(auditEvents)
    .leftJoin(apiKeys, eq(apiKeys.id, auditEvents.actorApiKeyId))
    .where(and(eq(auditEvents.accountId, accountId), before(auditEvents.createdAt, auditEvents.id, query.cursor)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit);
  return {
    data: page.rows.map(({ event: e, exactCreatedAt, keyPrefix, keyName }) => ({
      id: e.id,
      at: exactCreatedAt,
      actor: {
        name: e.actorName,
        role: e.actorRole,
        userId: e.actorUserId,
        apiKey: e.actorApiKeyId && keyPrefix && keyName ? { id: e.actorApiKeyId, prefix: keyPrefix, name: keyName } : null,
      },
      action: e.action,
      object: { type: e.objectType, id: e.objectId },
      changes: e.changes,
    })),
    nextCursor: page.nextCursor,
  };
}

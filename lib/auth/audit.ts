// No "server-only" here: `npm run create-user` loads this module under plain Node, where that import throws.
import type { Executor } from "@/db";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { currentRequestContext } from "@/lib/observability/request-context";
import type { AuditObjectType } from "./audit-object-types";

// The audit log: one row per change to accounts, users, invitations, API keys, signing secrets,
// company profiles and distribution groups, written with the executor of the change's own
// transaction (a rolled-back change leaves no entry, a committed one always has its entry).
// `changes` says what changed, never a secret: callers pass field names and plain values only,
// and `redact` drops anything whose name looks like a secret as a second line of defence.

export { AUDIT_OBJECT_TYPES, type AuditObjectType } from "./audit-object-types";

/** Who made a change: a signed-in or API-key caller, or the person accepting an invitation / resetting a password. */
export type AuditActor =
  | Actor
  | { role: "anonymous" | "system"; userId: string | null; name: string };

export type AuditEntry = {
  accountId: string | null;
  action: string;
  objectType: AuditObjectType;
  objectId: string;
  changes?: Record<string, unknown>;
};

const SECRET_NAME = /password|secret|token|hash|key$/i;

function redact(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(changes)) {
    if (SECRET_NAME.test(name)) continue;
    out[name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * The API key of the request being served (lib/api/route.ts puts it in the request context), or
 * null for pages, actions and scripts. Verbs read it once, at their start, and pass it along.
 */
export function callerApiKeyId(): string | null {
  return currentRequestContext()?.apiKeyId ?? null;
}

export async function recordAudit(db: Executor, actor: AuditActor, entry: AuditEntry, apiKeyId: string | null): Promise<void> {
  await db.insert(auditEvents).values({
    accountId: entry.accountId,
    actorUserId: actor.userId,
    actorApiKeyId: apiKeyId,
    actorName: actor.name,
    actorRole: actor.role === "customer" ? `customer:${actor.accountRole}` : actor.role,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    changes: redact(entry.changes ?? {}),
  });
}

/** The fields that differ between two snapshots, as `{field: {from, to}}`; secrets never included. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [name, to] of Object.entries(after)) {
    const from = before[name];
    if (SECRET_NAME.test(name) || JSON.stringify(from) === JSON.stringify(to)) continue;
    out[name] = { from: from instanceof Date ? from.toISOString() : from, to: to instanceof Date ? to.toISOString() : to };
  }
  return out;
}

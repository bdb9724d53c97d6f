import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { requireAccountAccess } from "@/lib/accounts/access";
import { before, exactTime, pageOf } from "@/lib/accounts/keyset";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/shared/validation";
import { getEndpointForActor } from "./access";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";
import { listWebhookEndpointsQuerySchema } from "./schemas";

/**
 * The endpoints a caller may read, newest first, keyset paged: a customer's own account's (admins
 * and members alike); support's, every account's or, with `accountId`, one account's.
 */
export async function listWebhookEndpoints(actor: Actor, input: unknown = {}, db: Executor = getDb()): Promise<{ data: WebhookEndpointDto[]; nextCursor: string | null }> {
  const query = parseInput(listWebhookEndpointsQuerySchema, input);
  const accountId = actor.role === "customer" ? actor.accountId : undefined;
  // A customer naming an account names its own (another is a 404); support may name any that exists.
  const named = query.accountId !== undefined ? await requireAccountAccess(actor, query.accountId, "read", db) : undefined;
  const scope = named ?? accountId;
  const rows = await db
    .select({ row: webhookEndpoints, exactCreatedAt: exactTime(webhookEndpoints.createdAt) })
    .from(webhookEndpoints)
    .where(and(scope ? eq(webhookEndpoints.accountId, scope) : undefined, before(webhookEndpoints.createdAt, webhookEndpoints.id, query.cursor)))
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(query.limit + 1);
  const page = pageOf(
    rows.map((r) => ({ id: r.row.id, exactCreatedAt: r.exactCreatedAt, row: r.row })),
    query.limit,
  );
  return { data: page.rows.map((r) => toEndpointDto(r.row)), nextCursor: page.nextCursor };
}

export async function getWebhookEndpoint(actor: Actor, id: string, db: Executor = getDb()): Promise<WebhookEndpointDto> {
  return toEndpointDto(await getEndpointForActor(db, actor, id, "read"));
}

import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { webhookAttempts, webhookDeliveries } from "@/db/schema";
import { before, exactTime, pageOf } from "@/lib/accounts/keyset";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/shared/validation";
import { getEndpointForActor } from "./access";
import { toDeliveryDto, type WebhookDeliveryDto } from "./dto";
import { listWebhookDeliveriesQuerySchema } from "./schemas";

/** One endpoint's deliveries, newest first (keyset paged), each with every attempt: what the endpoint was sent and what it answered. */
export async function listWebhookDeliveries(
  actor: Actor,
  endpointId: string,
  input: unknown = {},
  db: Executor = getDb(),
): Promise<{ data: WebhookDeliveryDto[]; nextCursor: string | null }> {
  const endpoint = await getEndpointForActor(db, actor, endpointId, "read");
  const query = parseInput(listWebhookDeliveriesQuerySchema, input);
  const rows = await db
    .select({ row: webhookDeliveries, exactCreatedAt: exactTime(webhookDeliveries.createdAt) })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), before(webhookDeliveries.createdAt, webhookDeliveries.id, query.cursor)))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(query.limit + 1);
  const page = pageOf(
    rows.map((r) => ({ id: r.row.id, exactCreatedAt: r.exactCreatedAt, row: r.row })),
    query.limit,
  );
  const ids = page.rows.map((r) => r.id);
  const attempts = ids.length
    ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, ids)).orderBy(asc(webhookAttempts.deliveryId), asc(webhookAttempts.attempt))
    : [];
  const now = new Date();
  return {
    data: page.rows.map((r) => toDeliveryDto(r.row, attempts.filter((a) => a.deliveryId === r.id), now)),
    nextCursor: page.nextCursor,
  };
}

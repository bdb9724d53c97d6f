import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { callerApiKeyId, diffFields, recordAudit } from "@/lib/auth/audit";
import { parseInput } from "@/lib/shared/validation";
import { getEndpointForActor } from "./access";
import type { EndpointVerbOptions } from "./create-webhook-endpoint";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";
import { updateWebhookEndpointSchema } from "./schemas";
import { assertEndpointUrlAllowed } from "./url";

/**
 * Changes an endpoint's URL, event types, description or enabled flag. Takes effect for what is
 * queued from the commit on, and for deliveries still being retried (they go to the endpoint as
 * it is at each attempt; a disabled endpoint's pending deliveries fail with that reason).
 */
export async function updateWebhookEndpoint(actor: Actor, id: string, input: unknown, db: Db = getDb(), options: EndpointVerbOptions = {}): Promise<WebhookEndpointDto> {
  const apiKeyId = callerApiKeyId();
  // Who and which first (404 before 403 before 422), without holding a lock over the DNS lookup.
  await getEndpointForActor(db, actor, id, "manage");
  const change = parseInput(updateWebhookEndpointSchema, input);
  if (change.url !== undefined) await assertEndpointUrlAllowed(change.url, options.urlGuard);
  return db.transaction(async (tx) => {
    const before = await getEndpointForActor(tx, actor, id, "manage", { forUpdate: true });
    const set = {
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.events !== undefined ? { eventTypes: change.events } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
    };
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ ...set, updatedAt: sql`now()` })
      .where(eq(webhookEndpoints.id, before.id))
      .returning();
    if (!row) throw new Error("updateWebhookEndpoint: update returned no row");
    const changes = diffFields(
      { url: before.url, events: before.eventTypes, description: before.description, enabled: before.enabled },
      {
        ...(change.url !== undefined ? { url: row.url } : {}),
        ...(change.events !== undefined ? { events: row.eventTypes } : {}),
        ...(change.description !== undefined ? { description: row.description } : {}),
        ...(change.enabled !== undefined ? { enabled: row.enabled } : {}),
      },
    );
    // Sending what is already there changes nothing, and the log says only what changed.
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, actor, { accountId: row.accountId, action: "webhook_endpoint.updated", objectType: "webhook_endpoint", objectId: row.id, changes }, apiKeyId);
    }
    return toEndpointDto(row);
  });
}

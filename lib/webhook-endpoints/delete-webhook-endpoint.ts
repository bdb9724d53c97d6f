import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { getEndpointForActor } from "./access";

/** Deletes an endpoint with its deliveries and their attempts: nothing more is sent to it, even a retry. */
export async function deleteWebhookEndpoint(actor: Actor, id: string, db: Db = getDb()): Promise<void> {
  const apiKeyId = callerApiKeyId();
  await db.transaction(async (tx) => {
    const row = await getEndpointForActor(tx, actor, id, "manage", { forUpdate: true });
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
    await recordAudit(
      tx,
      actor,
      { accountId: row.accountId, action: "webhook_endpoint.deleted", objectType: "webhook_endpoint", objectId: row.id, changes: { url: row.url, events: row.eventTypes, description: row.description } },
      apiKeyId,
    );
  });
}

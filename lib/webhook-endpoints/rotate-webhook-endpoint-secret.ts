import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { ROTATION_OVERLAP_HOURS } from "@/lib/notifications/signing-secret";
import { generateSigningSecret } from "@/lib/notifications/webhooks/sign";
import { getEndpointForActor } from "./access";
import { toEndpointDto, type WebhookEndpointWithSecret } from "./dto";

/**
 * A new secret for one endpoint, returned once. As for the account's signing secret
 * (lib/notifications/signing-secret.ts), the previous one keeps signing for ROTATION_OVERLAP_HOURS:
 * every delivery meanwhile carries both signatures (`v1,<new> v1,<old>`), so the receiver switches
 * over without refusing one. Rotating again within that time drops the oldest secret.
 */
export async function rotateWebhookEndpointSecret(actor: Actor, id: string, db: Db = getDb()): Promise<WebhookEndpointWithSecret> {
  const apiKeyId = callerApiKeyId();
  return db.transaction(async (tx) => {
    const before = await getEndpointForActor(tx, actor, id, "manage", { forUpdate: true });
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        previousSecret: sql`${webhookEndpoints.secret}`,
        previousSecretExpiresAt: sql`now() + make_interval(hours => ${ROTATION_OVERLAP_HOURS})`,
        secret: generateSigningSecret(),
        updatedAt: sql`now()`,
      })
      .where(eq(webhookEndpoints.id, before.id))
      .returning();
    if (!row) throw new Error("rotateWebhookEndpointSecret: update returned no row");
    // The secrets stay out of the log: it says one was made and how long the old one still signs.
    await recordAudit(
      tx,
      actor,
      { accountId: row.accountId, action: "webhook_endpoint.secret_rotated", objectType: "webhook_endpoint", objectId: row.id, changes: { previousSignsUntil: row.previousSecretExpiresAt } },
      apiKeyId,
    );
    return { ...toEndpointDto(row), secret: row.secret };
  });
}

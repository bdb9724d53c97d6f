import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { callerApiKeyId, recordAudit } from "@/lib/auth/audit";
import { ConflictError } from "@/lib/errors";
import { generateSigningSecret } from "@/lib/notifications/webhooks/sign";
import type { CallbackUrlOptions } from "@/lib/porting/callback-url";
import { parseInput } from "@/lib/shared/validation";
import { assertEndpointManager } from "./access";
import { toEndpointDto, type WebhookEndpointWithSecret } from "./dto";
import { createWebhookEndpointSchema, MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT } from "./schemas";
import { assertEndpointUrlAllowed } from "./url";

export type EndpointVerbOptions = {
  /** The URL guard's options (tests inject a resolver; default ALLOW_INSECURE_CALLBACKS and the system resolver). */
  urlGuard?: CallbackUrlOptions;
};

/**
 * A new endpoint of the admin's account, enabled, with a secret of its own (`whsec_…`), returned
 * here once. From the commit on, every event of the account it subscribes to is queued for it.
 */
export async function createWebhookEndpoint(actor: Actor, input: unknown, db: Db = getDb(), options: EndpointVerbOptions = {}): Promise<WebhookEndpointWithSecret> {
  const apiKeyId = callerApiKeyId();
  assertEndpointManager(actor);
  const data = parseInput(createWebhookEndpointSchema, input);
  // Resolved before the transaction: a slow DNS answer must not hold the account's lock.
  await assertEndpointUrlAllowed(data.url, options.urlGuard);
  return db.transaction(async (tx) => {
    // One create at a time per account, so two at once cannot both take the last free place.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`webhook-endpoints:${actor.accountId}`}, 0))`);
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(webhookEndpoints).where(eq(webhookEndpoints.accountId, actor.accountId));
    if ((count?.n ?? 0) >= MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT) {
      throw new ConflictError(
        `This account already has ${MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT} webhook endpoints, the most it can have. Delete one you no longer use, or subscribe an existing one to more event types.`,
      );
    }
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ accountId: actor.accountId, url: data.url, description: data.description, eventTypes: data.events, secret: generateSigningSecret() })
      .returning();
    if (!row) throw new Error("createWebhookEndpoint: insert returned no row");
    await recordAudit(
      tx,
      actor,
      {
        accountId: actor.accountId,
        action: "webhook_endpoint.created",
        objectType: "webhook_endpoint",
        objectId: row.id,
        changes: { url: row.url, events: row.eventTypes, description: row.description, enabled: row.enabled },
      },
      apiKeyId,
    );
    return { ...toEndpointDto(row), secret: row.secret };
  });
}

import { beforeAll, describe, expect, test } from "vitest";
import { MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT } from "@/lib/webhook-endpoints/schemas";
import { createCustomer, createTenant } from "@/test/factories";
import { keyFor } from "./client";
import type { ContractContext } from "./contract-conversation";

// The contract of webhook endpoints (issue 15 item 1): every operation on success and on the
// refusals it documents, called from test/api/contract.test.ts so its "every documented status was
// exercised" check sees them. Behaviour in depth (delivery to real receivers, signatures, retries,
// the URL guard): lib/webhook-endpoints/webhook-endpoints.test.ts.

// Loopback (allowed in tests), an IP literal (no DNS is asked), the discard port: never delivered here.
const NOWHERE = "http://127.0.0.1:9/contract";

export function webhooksContract(ctx: Pick<ContractContext, "check" | "supportKey" | "customerKey" | "accountId">) {
  describe("webhook endpoints", () => {
    // A tenant of its own: it is filled to its endpoint limit here.
    let accountId: string;
    let adminKey: string;
    let memberKey: string;

    beforeAll(async () => {
      const { account, customer } = await createTenant("NL", "Contract webhooks B.V.");
      accountId = account.id;
      adminKey = await keyFor(customer);
      memberKey = await keyFor(await createCustomer(account, "Contract webhooks member", "member"));
    });

    test("the event type catalogue", async () => {
      const types = await ctx.check("listEventTypes", { key: adminKey });
      expect((types.body.data as { type: string }[]).map((t) => t.type)).toContain("porting_request.status_changed");
      expect((await ctx.check("listEventTypes", { key: ctx.supportKey() })).status).toBe(200);
    });

    test("create, read, list, update, rotate, test, deliveries, resend, delete", async () => {
      const created = await ctx.check("createWebhookEndpoint", { key: adminKey, json: { url: NOWHERE, events: ["porting_request.created"], description: "Contract" } });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect(created.headers.get("location")).toBe(`/api/v1/webhook-endpoints/${id}`);
      expect(created.body.secret).toMatch(/^whsec_/);

      const got = await ctx.check("getWebhookEndpoint", { key: memberKey, params: { id } });
      expect(got.body).toMatchObject({ id, url: NOWHERE, events: ["porting_request.created"], enabled: true });
      expect(got.body.secret).toBeUndefined();
      expect((await ctx.check("getWebhookEndpoint", { key: ctx.supportKey(), params: { id } })).status).toBe(200);

      const listed = await ctx.check("listWebhookEndpoints", { key: adminKey, query: { limit: "1" } });
      expect((listed.body.data as { id: string }[]).map((e) => e.id)).toEqual([id]);
      const bySupport = await ctx.check("listWebhookEndpoints", { key: ctx.supportKey(), query: { accountId } });
      expect((bySupport.body.data as { id: string }[]).map((e) => e.id)).toEqual([id]);
      expect((await ctx.check("listWebhookEndpoints", { key: adminKey, query: { accountId: ctx.accountId() } })).status).toBe(404);
      const badPage = await ctx.check("listWebhookEndpoints", { key: adminKey, query: { limit: "0" } });
      expect(badPage.status).toBe(422);
      expect(Object.keys(badPage.body.errors as object)).toEqual(["limit"]);

      const updated = await ctx.check("updateWebhookEndpoint", { key: adminKey, params: { id }, json: { events: [], description: "All events" } });
      expect(updated.body).toMatchObject({ events: [], description: "All events" });
      const badUpdate = await ctx.check("updateWebhookEndpoint", { key: adminKey, params: { id }, json: { url: "ftp://files.example.com/", enabled: "yes" } });
      expect(badUpdate.status).toBe(422);
      expect(Object.keys(badUpdate.body.errors as object).sort()).toEqual(["enabled"]);
      const badUrl = await ctx.check("updateWebhookEndpoint", { key: adminKey, params: { id }, json: { url: "https://10.1.2.3/" } });
      expect(badUrl.status).toBe(422);
      expect((badUrl.body.errors as Record<string, string[]>).url?.[0]).toMatch(/private network/);
      expect((await ctx.check("updateWebhookEndpoint", { key: memberKey, params: { id }, json: { enabled: false } })).status).toBe(403);

      const rotated = await ctx.check("rotateWebhookEndpointSecret", { key: adminKey, params: { id } });
      expect(rotated.body.secret).not.toBe(created.body.secret);
      expect((await ctx.check("rotateWebhookEndpointSecret", { key: memberKey, params: { id } })).status).toBe(403);

      const sent = await ctx.check("testWebhookEndpoint", { key: adminKey, params: { id } });
      expect(sent.status).toBe(202);
      expect(sent.body).toMatchObject({ eventType: "webhook_endpoint.test", state: "pending", webhookEndpointId: id });
      expect((await ctx.check("testWebhookEndpoint", { key: memberKey, params: { id } })).status).toBe(403);

      const deliveries = await ctx.check("listWebhookDeliveries", { key: memberKey, params: { id } });
      expect((deliveries.body.data as { id: string }[]).map((d) => d.id)).toEqual([sent.body.id]);
      expect((await ctx.check("listWebhookDeliveries", { key: adminKey, params: { id }, query: { cursor: "nope" } })).status).toBe(422);

      const resent = await ctx.check("resendWebhookDelivery", { key: adminKey, params: { id: sent.body.id as string } });
      expect(resent.status).toBe(202);
      expect(resent.body).toMatchObject({ deliveryId: sent.body.id, mode: "retry_now" });
      expect((await ctx.check("resendWebhookDelivery", { key: memberKey, params: { id: sent.body.id as string } })).status).toBe(403);

      // Disabled: nothing is sent to it, tests and resends included.
      await ctx.check("updateWebhookEndpoint", { key: adminKey, params: { id }, json: { enabled: false } });
      expect((await ctx.check("testWebhookEndpoint", { key: adminKey, params: { id } })).status).toBe(409);
      expect((await ctx.check("resendWebhookDelivery", { key: adminKey, params: { id: sent.body.id as string } })).status).toBe(409);

      expect((await ctx.check("deleteWebhookEndpoint", { key: memberKey, params: { id } })).status).toBe(403);
      expect((await ctx.check("deleteWebhookEndpoint", { key: adminKey, params: { id } })).status).toBe(204);
      expect((await ctx.check("getWebhookEndpoint", { key: adminKey, params: { id } })).status).toBe(404);
    });

    test("create refusals: a member, unknown event types, the limit", async () => {
      expect((await ctx.check("createWebhookEndpoint", { key: memberKey, json: { url: NOWHERE } })).status).toBe(403);
      const bad = await ctx.check("createWebhookEndpoint", { key: adminKey, json: { url: "", events: ["porting_request.created", "porting_request.exploded"] } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object).sort()).toEqual(["events.1", "url"]);
      for (let i = 0; i < MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT; i++) {
        expect((await ctx.check("createWebhookEndpoint", { key: adminKey, json: { url: `${NOWHERE}/${i}` } })).status).toBe(201);
      }
      const full = await ctx.check("createWebhookEndpoint", { key: adminKey, json: { url: NOWHERE } });
      expect(full.status).toBe(409);
      expect(full.body.detail).toMatch(/already has 20 webhook endpoints/);
    });
  });
}

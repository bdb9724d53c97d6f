"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { createWebhookEndpoint } from "@/lib/webhook-endpoints/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/webhook-endpoints/delete-webhook-endpoint";
import { resendWebhookDelivery } from "@/lib/webhook-endpoints/resend-webhook-delivery";
import { rotateWebhookEndpointSecret } from "@/lib/webhook-endpoints/rotate-webhook-endpoint-secret";
import { sendTestWebhook } from "@/lib/webhook-endpoints/send-test-webhook";
import { updateWebhookEndpoint } from "@/lib/webhook-endpoints/update-webhook-endpoint";

// Settings → Webhooks: thin adapters over the verbs, customers only (action() checks the session);
// the verbs check that the caller is an admin of the endpoint's account and validate the input, so
// their field errors (url, events, description) come back to the form as they are.

const id = z.object({ id: z.string().max(100) });
const fields = z.record(z.string(), z.unknown());

export const createWebhookEndpointAction = action({ roles: ["customer"], input: fields }, (actor, input) => createWebhookEndpoint(actor, input));

export const updateWebhookEndpointAction = action({ roles: ["customer"], input: id.extend({ changes: fields }) }, (actor, input) =>
  updateWebhookEndpoint(actor, input.id, input.changes),
);

export const deleteWebhookEndpointAction = action({ roles: ["customer"], input: id }, async (actor, input) => {
  await deleteWebhookEndpoint(actor, input.id);
  return { id: input.id };
});

export const rotateWebhookEndpointSecretAction = action({ roles: ["customer"], input: id }, (actor, input) => rotateWebhookEndpointSecret(actor, input.id));

export const sendTestWebhookAction = action({ roles: ["customer"], input: id }, (actor, input) => sendTestWebhook(actor, input.id));

export const resendWebhookDeliveryAction = action({ roles: ["customer"], input: id }, (actor, input) => resendWebhookDelivery(actor, input.id));

"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { apiKeyNameSchema, createApiKeyForActor, revokeApiKey, revokeApiKeySchema } from "@/lib/auth/api-keys";
import { getSigningSecret, retirePreviousSigningSecret, rotateSigningSecret } from "@/lib/notifications/signing-secret";

// The customer's Settings page: API keys and the callback signing secret. Thin adapters over the
// verbs, customers only; the account comes from the session (action()), never from input, and
// another account's key id is a not-found.

// ---- API keys --------------------------------------------------------------------------------

export const createApiKeyAction = action({ roles: ["customer"], input: apiKeyNameSchema }, async (actor, input) => {
  const created = await createApiKeyForActor(actor, input);
  revalidatePath("/settings");
  return created;
});

export const revokeApiKeyAction = action({ roles: ["customer"], input: revokeApiKeySchema }, async (actor, input) => {
  const revoked = await revokeApiKey(actor, input);
  revalidatePath("/settings");
  return revoked;
});

// ---- Signing secret --------------------------------------------------------------------------
// The section updates itself from the result; the page renders per request, so nothing to revalidate.

const none = z.object({}).strict();

export const revealSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => getSigningSecret(actor));

export const rotateSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => rotateSigningSecret(actor));

export const retirePreviousSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => retirePreviousSigningSecret(actor));

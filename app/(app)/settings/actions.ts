"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { apiKeyNameSchema, createApiKeyForActor, revokeApiKey, revokeApiKeySchema } from "@/lib/auth/api-keys";

// API keys of the customer's account: thin adapters over the key verbs. The account comes from
// the session (action()), never from input; another account's key id is a not-found.

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

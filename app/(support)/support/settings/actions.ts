"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/auth/action";
import { apiKeyNameSchema, createApiKeyForActor, revokeApiKey, revokeApiKeySchema } from "@/lib/auth/api-keys";

// Support keys: they act as the support agent who created them, across every account, and can
// use the support-only transitions endpoint. Any support agent sees and may revoke them.

export const createSupportApiKeyAction = action({ roles: ["support"], input: apiKeyNameSchema }, async (actor, input) => {
  const created = await createApiKeyForActor(actor, input);
  revalidatePath("/support/settings");
  return created;
});

export const revokeSupportApiKeyAction = action({ roles: ["support"], input: revokeApiKeySchema }, async (actor, input) => {
  const revoked = await revokeApiKey(actor, input);
  revalidatePath("/support/settings");
  return revoked;
});

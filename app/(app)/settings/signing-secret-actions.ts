"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/action";
import { getSigningSecret, retirePreviousSigningSecret, rotateSigningSecret } from "@/lib/notifications/signing-secret";

// The callback signing secret on the Settings page: customers only, always their own account's
// (the account comes from the session, never from input).

const none = z.object({}).strict();

export const revealSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => getSigningSecret(actor));

export const rotateSigningSecretAction = action({ roles: ["customer"], input: none }, async (actor) => {
  const result = await rotateSigningSecret(actor);
  revalidatePath("/settings");
  return result;
});

export const retirePreviousSigningSecretAction = action({ roles: ["customer"], input: none }, async (actor) => {
  const result = await retirePreviousSigningSecret(actor);
  revalidatePath("/settings");
  return result;
});

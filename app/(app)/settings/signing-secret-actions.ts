"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { getSigningSecret, retirePreviousSigningSecret, rotateSigningSecret } from "@/lib/notifications/signing-secret";

// The callback signing secret on the Settings page: customers only, always their own account's
// (the account comes from the session, never from input).

const none = z.object({}).strict();

export const revealSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => getSigningSecret(actor));

// The section updates itself from the result; the page renders per request, so nothing to revalidate.
export const rotateSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => rotateSigningSecret(actor));

export const retirePreviousSigningSecretAction = action({ roles: ["customer"], input: none }, (actor) => retirePreviousSigningSecret(actor));

"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { MAX_REASON_LENGTH } from "@/lib/porting/schemas";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";

// Perform porting and Cancel porting, used by the list rows and the detail page alike. Thin: the
// wrapper resolves the customer from the session; the verb reads the request inside that account
// (another account's id is a not-found), checks the transition table and applies the guarded
// update. performPortingRequest / cancelPortingRequest are this same call without
// `expectedVersion`, which the pages send so a request that changed since it was shown is refused
// rather than acted on blindly.

const id = z.string({ error: "The porting request id is missing." }).max(100, "This is not a porting request id.");
const expectedVersion = z.number({ error: "The version must be a number." }).int().positive().optional();

const performInput = z.object({ id, expectedVersion });

const cancelInput = z.object({
  id,
  reason: z
    .string({ error: "Write the reason as text." })
    .trim()
    .max(MAX_REASON_LENGTH, `Keep the reason under ${MAX_REASON_LENGTH} characters.`)
    .nullish(),
  expectedVersion,
});

export const performPortingRequestAction = action({ roles: ["customer"], input: performInput }, (actor, input) =>
  transitionPortingRequest(actor, { id: input.id, action: "perform", expectedVersion: input.expectedVersion }),
);

export const cancelPortingRequestAction = action({ roles: ["customer"], input: cancelInput }, (actor, input) =>
  transitionPortingRequest(actor, {
    id: input.id,
    action: "cancel",
    reason: input.reason || null,
    expectedVersion: input.expectedVersion,
  }),
);

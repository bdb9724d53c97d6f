"use server";

import { action } from "@/lib/auth/action";
import { cancelPortingRequest } from "@/lib/porting/cancel-porting-request";
import { performPortingRequest } from "@/lib/porting/perform-porting-request";
import { customerTransitionSchema } from "@/lib/porting/schemas";

// Perform porting and Cancel porting, used by the list rows and the detail page alike. Thin: the
// wrapper resolves the customer from the session and parses the input with the same schema the
// API's perform and cancel use; the verbs (the API's too) read the request inside that account
// (another account's id is a not-found), check the transition table and apply the guarded update.
// The pages send `expectedVersion`, so a request that changed since it was shown is refused rather
// than acted on blindly.

// A page sends an id it was given; anything longer is not one (and is not looked up).
const input = customerTransitionSchema.extend({
  id: customerTransitionSchema.shape.id.max(100, "This is not a porting request id."),
});

export const performPortingRequestAction = action({ roles: ["customer"], input }, (actor, { id, ...options }) =>
  performPortingRequest(actor, id, options),
);

export const cancelPortingRequestAction = action({ roles: ["customer"], input }, (actor, { id, ...options }) =>
  cancelPortingRequest(actor, id, options),
);

"use server";

import { action } from "@/lib/auth/action";
import { consumeUserLimit, NUMBER_CHECK_LIMIT } from "@/lib/auth/user-rate-limit";
import { checkPortability, portabilityCheckSchema, type PortabilityCheckInput } from "@/lib/porting/check-portability";

// The "Check numbers" page (issue 15 item 2): the same check as POST /api/v1/portability-checks,
// for the signed-in customer's account. Stores nothing. Limited per user, and counted with the new
// request's own number check: up to 500 numbers a call must not become a way to map which numbers
// other accounts hold (the API's checks count against the key's rate limit).
const check = action({ roles: ["customer"], input: portabilityCheckSchema }, async (actor, input) => {
  await consumeUserLimit(actor.userId, NUMBER_CHECK_LIMIT);
  return checkPortability(actor, input);
});

export async function checkPortabilityAction(input: PortabilityCheckInput) {
  return check(input);
}

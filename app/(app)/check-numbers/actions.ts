"use server";

import { action } from "@/lib/auth/action";
import { checkPortability, portabilityCheckSchema, type PortabilityCheckInput } from "@/lib/porting/check-portability";

// The "Check numbers" page (issue 15 item 2): the same check as POST /api/v1/portability-checks,
// for the signed-in customer's account. Stores nothing.
const check = action({ roles: ["customer"], input: portabilityCheckSchema }, checkPortability);

export async function checkPortabilityAction(input: PortabilityCheckInput) {
  return check(input);
}

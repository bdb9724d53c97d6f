"use server";

import { action } from "@/lib/auth/action";
import { supportTransitionSchema, type SupportTransitionInput } from "@/lib/support/status-change-form";
import { transitionAsSupport } from "@/lib/support/transition";

// Accept / reject / delay / mark ready / complete from the support request page. A public POST
// endpoint like every server action: `action()` resolves the caller from the session and refuses
// anyone but support before the input is read.
const transition = action({ roles: ["support"], input: supportTransitionSchema }, transitionAsSupport);

export async function supportTransitionAction(input: SupportTransitionInput) {
  return transition(input);
}

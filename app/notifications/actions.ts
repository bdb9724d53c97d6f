"use server";

import { action } from "@/lib/auth/action";
import { resendCallback, resendCallbackSchema } from "@/lib/notifications/resend-callback";

// "Resend callback" on the customer's request page, the support request page and the support
// Callbacks page. The wrapper resolves the caller; the verb finds the delivery within the
// caller's reach (a customer: their own account's; another account's id is a not-found).

export const resendCallbackAction = action({ roles: ["customer", "support"], input: resendCallbackSchema }, (actor, input) => resendCallback(actor, input));

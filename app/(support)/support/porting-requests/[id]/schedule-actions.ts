"use server";

import { action } from "@/lib/auth/action";
import { cancelScheduledCompletion, scheduleCompletion } from "@/lib/porting/schedule-completion";
import { cancelScheduleSchema, scheduleCompletionSchema, type CancelScheduleInput, type ScheduleCompletionInput } from "@/lib/porting/scheduling";

// Confirming and taking back a porting moment from the support request page (issue 14 item 5).
// Public POST endpoints like every server action: `action()` refuses anyone but support before the
// input is read; the verb checks again.
const schedule = action({ roles: ["support"], input: scheduleCompletionSchema }, scheduleCompletion);
const cancel = action({ roles: ["support"], input: cancelScheduleSchema }, cancelScheduledCompletion);

export async function scheduleCompletionAction(input: ScheduleCompletionInput) {
  return schedule(input);
}

export async function cancelScheduleAction(input: CancelScheduleInput) {
  return cancel(input);
}

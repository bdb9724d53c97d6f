import "server-only";
import type { SupportActor } from "@/lib/auth/actor";
import { ConflictError } from "@/lib/errors";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { getPortingRequestForActor } from "@/lib/porting/queries";
import { statusLabel } from "@/lib/porting/statuses";
import { transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import type { PortingStatus } from "@/lib/porting/values";
import type { supportTransitionSchema } from "./status-change-form";
import type { z } from "zod";

// A support agent's status change from the request page. The verb does the work (role, table,
// reason, date, guarded update, history with the agent's name and role, notifications); this adds
// what the page needs when another agent or the customer changed the request first: one plain
// sentence, "This request changed to <status> meanwhile", and the fresh request to show at once.

export async function transitionAsSupport(
  actor: SupportActor,
  input: z.output<typeof supportTransitionSchema>,
): Promise<PortingRequestDto> {
  try {
    return await transitionPortingRequest(actor, {
      id: input.id,
      action: input.action,
      reason: input.reason,
      firstPossiblePortingDate: input.firstPossiblePortingDate ?? null,
      expectedVersion: input.expectedVersion,
      ...(input.action === "reject" ? { rejectionCodes: input.rejectionCodes ?? [] } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const version = error.details.version;
    // A conflict about a version the page never saw is the "meanwhile" case; anything else (an
    // action the table does not allow, numbers already on another account) keeps its own message.
    if (typeof version !== "number" || version === input.expectedVersion) throw error;
    const fresh = await getPortingRequestForActor(actor, input.id);
    throw new ConflictError(meanwhileMessage(fresh.status), { ...error.details, changedMeanwhile: true, request: fresh });
  }
}

export function meanwhileMessage(status: PortingStatus): string {
  return `This request changed to ${statusLabel(status)} meanwhile.`;
}

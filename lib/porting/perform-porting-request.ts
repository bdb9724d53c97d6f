import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import type { PortingRequestDto } from "./dto";
import { transitionPortingRequest } from "./transition-porting-request";

// "Perform porting" (NL, Ready to be ported → Completed): the customer switches the numbers over;
// they land on the account's voice numbers in the same transaction. Without a reason the history
// says "Performed by customer" (the transition table's default).
export function performPortingRequest(
  actor: Actor,
  id: string,
  reason?: string | null,
  db?: Db,
): Promise<PortingRequestDto> {
  return transitionPortingRequest(actor, { id, action: "perform", reason: reason ?? null }, db);
}

import "server-only";
import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import type { PortingRequestDto } from "./dto";
import type { CustomerTransitionInput } from "./schemas";
import { transitionPortingRequest } from "./transition-porting-request";

// "Perform porting" (NL, Ready to be ported → Completed): the customer switches the numbers over;
// they land on the account's voice numbers in the same transaction. Without a reason the history
// says "Performed by customer" (the transition table's default). With `expectedVersion` (the
// pages send the version they showed) a request that changed meanwhile is a conflict.
export function performPortingRequest(
  actor: Actor,
  id: string,
  options: Omit<CustomerTransitionInput, "id"> = {},
  db?: Db,
): Promise<PortingRequestDto> {
  return transitionPortingRequest(actor, { ...options, id, action: "perform" }, db);
}

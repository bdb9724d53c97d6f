import "server-only";
import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import type { PortingRequestDto } from "./dto";
import type { CustomerTransitionInput } from "./schemas";
import { transitionPortingRequest } from "./transition-porting-request";

// "Cancel porting": NL only from Ready to be ported, elsewhere while Requested or In progress
// (DESIGN.md). Without a reason the history says "Cancelled by customer". With `expectedVersion`
// (the pages send the version they showed) a request that changed meanwhile is a conflict.
export function cancelPortingRequest(
  actor: Actor,
  id: string,
  options: Omit<CustomerTransitionInput, "id"> = {},
  db?: Db,
): Promise<PortingRequestDto> {
  return transitionPortingRequest(actor, { ...options, id, action: "cancel" }, db);
}

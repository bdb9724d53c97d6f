import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import type { PortingRequestDto } from "./dto";
import { transitionPortingRequest } from "./transition-porting-request";

// "Cancel porting": NL only from Ready to be ported, elsewhere while Requested or In progress
// (DESIGN.md). Without a reason the history says "Cancelled by customer".
export function cancelPortingRequest(
  actor: Actor,
  id: string,
  reason?: string | null,
  db?: Db,
): Promise<PortingRequestDto> {
  return transitionPortingRequest(actor, { id, action: "cancel", reason: reason ?? null }, db);
}

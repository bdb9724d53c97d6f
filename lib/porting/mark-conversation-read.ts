import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import { isUuid } from "@/lib/shared/ids";

// Support has read the customer's comments on a request: opening the request page, or seeing a new
// comment arrive on it, clears the unread marker of the support queue. One marker per request, not
// per agent: support works as one team inbox, and any agent who has read the request has handled
// it. A no-op when nothing is unread (no write, no lock).

export async function markConversationRead(actor: Actor, requestId: string, db: Executor = getDb()): Promise<void> {
  if (actor.role !== "support") throw new ForbiddenError("Only support marks the customer's comments read.");
  if (!isUuid(requestId)) return;
  await db
    .update(portingRequests)
    .set({ supportUnreadComments: 0 })
    .where(and(eq(portingRequests.id, requestId), gt(portingRequests.supportUnreadComments, 0)));
}

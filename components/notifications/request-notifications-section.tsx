import type { Actor } from "@/lib/auth/actor";
import { requestTime } from "@/lib/clock";
import { notificationsForRequest } from "@/lib/notifications/queries";
import { RequestNotifications } from "./request-notifications";

// Server part of the request page's Notifications: the first HTML already holds every email and
// callback attempt; the client part then polls for changes. The page has resolved access to the
// request already; this read is tenant-scoped again all the same.
export async function RequestNotificationsSection({ actor, requestId }: { actor: Actor; requestId: string }) {
  const initial = await notificationsForRequest(actor, requestId);
  return <RequestNotifications initial={initial} renderedAt={requestTime()} />;
}

import type { Executor } from "@/db";
import type { ActorRole, PortingStatus } from "./values";

// ┌──────────────────────────────────────────────────────────────────────────────────────────────┐
// │ HOOK (see issue: notifications). Called inside the transaction of every status change, after │
// │ its history row is written, so a notification is queued if and only if the change commits.  │
// │ The notifications work replaces this body: email to the profile's addresses and a signed     │
// │ callback with the GET JSON, enqueued on the job queue (pg-boss) with `tx`. Until then, a     │
// │ no-op on purpose.                                                                             │
// └──────────────────────────────────────────────────────────────────────────────────────────────┘

export type StatusChangeEvent = {
  /** porting_request_events.id: stable, so a delivery can be de-duplicated (at-least-once). */
  eventId: number;
  portingRequestId: string;
  accountId: string;
  reference: string;
  fromStatus: PortingStatus | null;
  toStatus: PortingStatus;
  reason: string;
  firstPossiblePortingDate: string | null;
  actor: { userId: string | null; role: ActorRole; name: string };
  at: Date;
};

export async function enqueueStatusNotifications(tx: Executor, event: StatusChangeEvent): Promise<void> {
  void tx;
  void event;
}

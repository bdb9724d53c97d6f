import type { CustomerActor } from "@/lib/auth/actor";
import { EVENT_TYPES } from "@/lib/events/types";

// What a status change writes into the outbox inside its own transaction (notify.ts), named once
// for it and for the workers that deliver the rows (lib/notifications, which re-exports these).

/** pg_notify channel: sent inside the enqueue transaction, so workers wake up only when it commits. */
export const NOTIFY_CHANNEL = "voice_porting_notifications";

/** The events a per-request callback URL receives: status changes only (DESIGN.md, Events). */
export const CALLBACK_EVENT_TYPES = {
  created: EVENT_TYPES.created,
  statusChanged: EVENT_TYPES.statusChanged,
} as const;

export type CallbackEventType = (typeof CALLBACK_EVENT_TYPES)[keyof typeof CALLBACK_EVENT_TYPES];

/**
 * Whose view of the request a callback carries: a customer of the request's account, exactly as
 * the customer's own GET /api/v1/porting-requests/{id} would answer (allowedActions included).
 * Only role and account matter to the serializer; the rest is never shown.
 */
export function callbackViewer(accountId: string): CustomerActor {
  return { role: "customer", userId: "00000000-0000-0000-0000-000000000000", name: "callback", email: "", accountId, accountRole: "member" };
}

/** Why an email is recorded as not sent; the outbox and request pages name the reason. */
export const EMAIL_NOT_SENT = {
  noSmtp: "Not sent: no SMTP server is configured (SMTP_URL is not set). The message is kept here.",
  noRecipients: "Not sent: the company profile has no notification email addresses.",
  demo: "Not sent: demo data, recorded when the demo was seeded. Status changes you make are emailed for real when SMTP_URL is set.",
} as const;

/** The webhook-id, shared with the account's event record (lib/events). */
export { newMessageId } from "@/lib/events/message-id";

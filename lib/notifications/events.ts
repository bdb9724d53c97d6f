import type { CustomerActor } from "@/lib/auth/actor";

// Names shared by the enqueue side (in the status change's transaction) and the workers.

/** pg_notify channel: sent inside the enqueue transaction, so workers wake up only when it commits. */
export const NOTIFY_CHANNEL = "voice_porting_notifications";

export const CALLBACK_EVENT_TYPES = {
  created: "porting_request.created",
  statusChanged: "porting_request.status_changed",
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

/** Standard Webhooks does not name the event in a header; we add it, outside the signed body. */
export const EVENT_TYPE_HEADER = "webhook-event-type";

/** Why an email is recorded as not sent; the outbox and request pages name the reason. */
export const EMAIL_NOT_SENT = {
  noSmtp: "Not sent: no SMTP server is configured (SMTP_URL is not set). The message is kept here.",
  noRecipients: "Not sent: the company profile has no notification email addresses.",
  demo: "Not sent: demo data, recorded when the demo was seeded. Status changes you make are emailed for real when SMTP_URL is set.",
} as const;

export type NotSentReason = keyof typeof EMAIL_NOT_SENT;

export function notSentReason(lastError: string | null): NotSentReason | null {
  const hit = (Object.keys(EMAIL_NOT_SENT) as NotSentReason[]).find((k) => EMAIL_NOT_SENT[k] === lastError);
  return hit ?? null;
}

type EmailState = "pending" | "delivered" | "not_sent" | "failed";

/**
 * How an email reads on the request page and in the outbox. An email no worker has attempted
 * because the worker that saw it has no SMTP_URL reads as not sent, kept here, with that reason
 * (a single `npm start` without SMTP_URL keeps its emails so); in the database it stays pending,
 * so a worker of the fleet that has a mail server still sends it.
 */
export function shownEmailState(email: { state: EmailState; attempts: number; lastError: string | null }): {
  state: EmailState;
  notSentReason: NotSentReason | null;
} {
  const reason = notSentReason(email.lastError);
  if (email.state === "pending" && email.attempts === 0 && reason === "noSmtp") return { state: "not_sent", notSentReason: reason };
  return { state: email.state, notSentReason: email.state === "not_sent" ? reason : null };
}

/** What a customer reads of a failed attempt: the mail server's answer (hosts, addresses, login errors) is for support. */
export const CUSTOMER_EMAIL_ERRORS = {
  pending: "Not delivered yet, retrying.",
  failed: "Could not be delivered. Our support team can see why and can help.",
} as const;

/**
 * The email's last error as the viewer may read it. Support sees everything. Customers see our
 * own notes (why it was not sent, the addresses their profile lists that were refused) but not the
 * mail server's answers, which name our infrastructure.
 */
export function emailErrorFor(viewerRole: string, email: { state: EmailState; lastError: string | null }): string | null {
  if (viewerRole === "support" || email.lastError === null) return email.lastError;
  if (email.state === "pending") return CUSTOMER_EMAIL_ERRORS.pending;
  if (email.state === "failed") return CUSTOMER_EMAIL_ERRORS.failed;
  return email.lastError;
}

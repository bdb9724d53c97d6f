import { EMAIL_NOT_SENT } from "@/lib/porting/outbox";

// What the workers and pages need to read the outbox. The names the status change writes with
// (channel, event types, not-sent reasons, the callback's viewer) live with the status change in
// lib/porting/outbox.ts, so lib/porting never imports lib/notifications; they are re-exported here.

export { CALLBACK_EVENT_TYPES, callbackViewer, EMAIL_NOT_SENT, NOTIFY_CHANNEL, type CallbackEventType } from "@/lib/porting/outbox";

/** Standard Webhooks does not name the event in a header; we add it, outside the signed body. */
export const EVENT_TYPE_HEADER = "webhook-event-type";

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

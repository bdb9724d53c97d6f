"use client";

import { formatDateTimeUtc, plural } from "@/components/shared/format";
import { Pill, type PillTone } from "@/components/ui/pill";
import { RelativeTime } from "@/components/ui/relative-time";
import type { EmailRecord } from "@/lib/notifications/queries";
import { NextAttempt, sentence } from "./next-attempt";

/** An email's state in words: "Sent", "Queued", "Retrying", "Failed", or why it was not sent. */
export function emailStatus(email: Pick<EmailRecord, "state" | "attempts" | "notSentReason">): { tone: PillTone; label: string } {
  switch (email.state) {
    case "delivered":
      return { tone: "green", label: "Sent" };
    case "not_sent":
      return {
        tone: "slate",
        label:
          email.notSentReason === "noSmtp"
            ? "Not sent (no SMTP configured)"
            : email.notSentReason === "noRecipients"
              ? "Not sent (no addresses)"
              : email.notSentReason === "demo"
                ? "Not sent (demo data)"
                : "Not sent",
      };
    case "failed":
      return { tone: "red", label: "Failed" };
    case "pending":
      return email.attempts === 0 ? { tone: "blue", label: "Queued" } : { tone: "amber", label: "Retrying" };
  }
}

/** One status email: its state, its attempts, and the message as sent (folded). */
export function EmailItem({ email, now }: { email: EmailRecord; now: number }) {
  const status = emailStatus(email);
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-900">Email</p>
        <Pill tone={status.tone}>{status.label}</Pill>
      </div>
      <p className="mt-0.5 break-words text-xs text-slate-700">To {email.recipients.length > 0 ? email.recipients.join(", ") : "nobody"}</p>
      <p className="mt-0.5 break-words text-xs text-slate-600">{email.subject}</p>
      <p className="mt-1 text-xs text-slate-600">
        {email.state === "delivered" && email.sentAt ? (
          <>
            Sent <RelativeTime iso={email.sentAt} now={now} /> ({formatDateTimeUtc(email.sentAt)})
            {email.lastError ? ` · ${email.lastError}` : ""}
          </>
        ) : email.state === "pending" && email.attempts > 0 ? (
          <>
            Attempt {email.attempts} of {email.maxAttempts} failed: {sentence(email.lastError)}
            {email.nextAttemptAt ? (
              <>
                {" "}
                Next attempt <NextAttempt iso={email.nextAttemptAt} now={now} />.
              </>
            ) : null}
          </>
        ) : email.state === "failed" ? (
          <>
            Gave up after {plural(email.attempts, "attempt")}: {sentence(email.lastError)}
          </>
        ) : email.state === "not_sent" ? (
          email.notSentReason === "noSmtp" ? (
            "Kept here, not sent."
          ) : (
            email.lastError
          )
        ) : (
          "Waiting for the mail worker."
        )}
      </p>
      <details className="group mt-2">
        <summary className="cursor-pointer select-none text-sm font-medium text-brand-700 hover:underline">
          <span className="group-open:hidden">Show the email</span>
          <span className="hidden group-open:inline">Hide the email</span>
        </summary>
        <div className="mt-2 rounded-md border border-slate-200 bg-white p-3">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
            <dt className="text-slate-500">To</dt>
            <dd className="break-all text-slate-800">{email.recipients.join(", ") || "—"}</dd>
            <dt className="text-slate-500">Subject</dt>
            <dd className="break-words text-slate-800">{email.subject}</dd>
          </dl>
          <pre className="mt-3 whitespace-pre-wrap break-words border-t border-slate-100 pt-3 font-sans text-sm leading-relaxed text-slate-800">
            {email.textBody}
          </pre>
        </div>
      </details>
    </div>
  );
}

// No "server-only" here: `npm run create-user` loads this module under plain Node, where that import throws.
import { sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { emailMessages } from "@/db/schema";
import { NOTIFY_CHANNEL } from "@/lib/notifications/events";

// Invitation and password-reset emails go through the same outbox as status emails: a row in
// email_messages inserted in the caller's transaction and sent by the notification worker over
// SMTP (or marked not sent when no SMTP server is configured). pg_notify wakes the worker on commit.

export type AccountEmailKind = "invitation" | "password_reset";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export type AccountEmail = { subject: string; paragraphs: string[]; link: { label: string; url: string }; footer: string };

export function renderAccountEmail(email: AccountEmail): { subject: string; text: string; html: string } {
  const text = [...email.paragraphs, `${email.link.label}: ${email.link.url}`, "", email.footer].join("\n\n");
  const html = `<!doctype html>
<html lang="en">
<body style="font-family: system-ui, sans-serif; color: #111827; line-height: 1.5; max-width: 36rem;">
${email.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
<p><a href="${escapeHtml(email.link.url)}" style="display: inline-block; background: #1d4ed8; color: #ffffff; padding: 0.5rem 1rem; border-radius: 0.375rem; text-decoration: none;">${escapeHtml(email.link.label)}</a></p>
<p style="color: #4b5563; font-size: 0.875rem;">Or open this address: ${escapeHtml(email.link.url)}</p>
<p style="color: #4b5563; font-size: 0.875rem;">${escapeHtml(email.footer)}</p>
</body>
</html>`;
  return { subject: email.subject, text, html };
}

export async function queueAccountEmail(tx: Executor, kind: AccountEmailKind, to: string, email: AccountEmail): Promise<string> {
  const rendered = renderAccountEmail(email);
  const [row] = await tx
    .insert(emailMessages)
    .values({ kind, recipients: [to], subject: rendered.subject, textBody: rendered.text, htmlBody: rendered.html })
    .returning({ id: emailMessages.id });
  await tx.execute(sql`select pg_notify(${NOTIFY_CHANNEL}, ${kind})`);
  return row!.id;
}

import { escapeHtml, type RenderedEmail } from "./status-email";

// The email a support comment sends to the company profile's addresses (issue 14, item 3): the
// message itself, whether support is waiting for an answer, and where to reply. Rendered once, in
// the comment's transaction, and stored in the outbox: what the outbox shows is what was sent.
// Internal notes never get here (the verb does not call this for them).

export type CommentEmailInput = {
  requestId: string;
  reference: string;
  body: string;
  authorName: string;
  asksForInformation: boolean;
  companyProfileName: string;
  /** Base URL of the app, no trailing slash (appUrl()). */
  appUrl: string;
};

export function commentEmailSubject(input: Pick<CommentEmailInput, "reference" | "asksForInformation">): string {
  return input.asksForInformation
    ? `${input.reference}: support needs information from you`
    : `${input.reference}: a message from support`;
}

export function renderCommentEmail(input: CommentEmailInput): RenderedEmail {
  const link = `${input.appUrl}/porting-requests/${input.requestId}#conversation`;
  const subject = commentEmailSubject(input);
  const intro = input.asksForInformation
    ? `Support asks for information about porting request ${input.reference}. The request waits for your answer.`
    : `Support wrote about porting request ${input.reference}.`;
  const reply = input.asksForInformation
    ? "Answer on the request page (or with POST /api/v1/porting-requests/{id}/comments). Replying to this email does not reach support."
    : "Reply on the request page (or with POST /api/v1/porting-requests/{id}/comments). Replying to this email does not reach support.";
  const footer = `You receive this email because this address is a notification address of the company profile “${input.companyProfileName}”. Change the addresses on the company profile in the Voice Management App.`;

  const quoted = input.body.split(/\r?\n/).map((line) => `> ${line}`);
  const text = [
    "Hello,",
    "",
    intro,
    "",
    `${input.authorName} (support) wrote:`,
    ...quoted,
    "",
    reply,
    `Open the request: ${link}`,
    "",
    "— Voice Porting",
    "",
    footer,
    "",
  ].join("\n");

  const e = escapeHtml;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">
<p style="margin:0 0 16px">Hello,</p>
<p style="margin:0 0 16px">${e(intro)}</p>
<p style="margin:0 0 4px;font-size:13px;color:#475569">${e(input.authorName)} (support) wrote:</p>
<blockquote style="margin:0 0 16px;padding:8px 16px;border-left:4px solid #1d4ed8;background:#f8fafc;white-space:pre-wrap">${e(input.body)}</blockquote>
<p style="margin:0 0 16px;color:#334155">${e(reply)}</p>
<p style="margin:16px 0"><a href="${e(link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">${input.asksForInformation ? "Answer" : "Open"} ${e(input.reference)}</a></p>
<p style="margin:0;color:#475569">— Voice Porting</p>
</div>
<p style="margin:16px 0 0;font-size:12px;color:#64748b">${e(footer)}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}

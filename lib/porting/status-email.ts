import { countryNameInText } from "./countries";
import { formatNumber } from "./numbers";
import { STATUSES, statusDescription } from "./statuses";
import type { PortingStatus } from "./values";

// The status email (DESIGN.md, "Notifications"): the subject names the request, the new status
// and the reason; the body gives the status with the spec's own description, the reason, the
// first possible porting date when Delayed, what to do next, and a link to the request page.
// Rendered once, inside the status change's transaction, and stored: what the outbox shows is
// exactly what was (or would have been) sent.

export type StatusEmailInput = {
  requestId: string;
  reference: string;
  country: string;
  fromStatus: PortingStatus | null;
  toStatus: PortingStatus;
  reason: string;
  firstPossiblePortingDate: string | null;
  phoneNumbers: readonly string[];
  companyProfileName: string;
  /** Base URL of the app, no trailing slash (appUrl()). */
  appUrl: string;
  /** Blocked: each rejection code with what to fix (and, for number codes, which numbers). */
  rejectionCodes?: readonly { label: string; description: string; numbers: readonly string[] }[];
  /** The creation of a corrected request: the Blocked request it corrects. */
  resubmissionOf?: { reference: string } | null;
  /** A sandbox request (made with a test key): said in the subject and the first line, so nobody mistakes it for a real porting. */
  sandbox?: boolean;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const MAX_NUMBERS_LISTED = 10;
const MAX_SUBJECT_REASON = 120;

export function formatPortingDate(date: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

export function statusEmailSubject(input: Pick<StatusEmailInput, "reference" | "toStatus" | "reason">): string {
  const label = STATUSES[input.toStatus].label;
  const reason = clip(oneLine(input.reason), MAX_SUBJECT_REASON);
  return `${input.reference}: ${label} – ${reason}`;
}

type NextStep = { text: string; actions?: { label: string; description: string }[] };

function nextStep(input: StatusEmailInput): NextStep {
  switch (input.toStatus) {
    case "requested":
      return { text: "Nothing to do now. We will look into your request as soon as possible and email you with every change." };
    case "in_progress":
      return { text: "Nothing to do now. We are working on your request and will email you as soon as its status changes." };
    case "delayed":
      return {
        text: input.firstPossiblePortingDate
          ? `Nothing to do now. Your numbers can be ported on ${formatPortingDate(input.firstPossiblePortingDate)} at the earliest; we will email you when the request is ready to be ported.`
          : "Nothing to do now. We will email you when the request is ready to be ported.",
      };
    case "ready_to_be_ported":
      return {
        text: "Your action is needed: choose one of these on the request page (or through the API).",
        actions: [
          {
            label: "Perform porting",
            description:
              "completes the porting: the numbers are assigned to your voice account, with the distribution group you chose if any (API: Perform Porting Request).",
          },
          {
            label: "Cancel porting",
            description: "stops the request; your numbers stay with your current provider (API: Cancel Porting Request).",
          },
        ],
      };
    case "blocked":
      return {
        text:
          "This request will not continue. Please create a new porting request with the valid information: fix what is listed above. " +
          "On the request page, “Create corrected request” copies everything (profile, numbers, documents, details) so you only change what was flagged; through the API, POST /api/v1/porting-requests/{id}/resubmit does the same.",
      };
    case "cancelled":
      return { text: "Nothing more to do: your numbers stay with your current provider. You can create a new porting request at any time." };
    case "completed":
      return { text: "Your numbers are now on your voice account. You can configure them on the Numbers page." };
  }
}

function numbersLines(numbers: readonly string[]): string[] {
  const shown = numbers.slice(0, MAX_NUMBERS_LISTED).map(formatNumber);
  const more = numbers.length - shown.length;
  return more > 0 ? [...shown, `…and ${more} more`] : shown;
}

export function renderStatusEmail(input: StatusEmailInput): RenderedEmail {
  const status = STATUSES[input.toStatus];
  const link = `${input.appUrl}/porting-requests/${input.requestId}`;
  const numbersLink = `${input.appUrl}/numbers`;
  const subject = `${input.sandbox ? "[Sandbox] " : ""}${statusEmailSubject(input)}`;
  const sandboxNote = input.sandbox ? " This is a sandbox request, made with a test API key: a simulated provider moves it, and no number is ported." : "";
  const baseIntro =
    input.fromStatus === null
      ? `We have received porting request ${input.reference} for ${plural(input.phoneNumbers.length, "number")} in ${countryNameInText(input.country)}.`
      : input.fromStatus === input.toStatus
        ? `Porting request ${input.reference} for ${plural(input.phoneNumbers.length, "number")} in ${countryNameInText(input.country)} has an update.`
        : `Porting request ${input.reference} for ${plural(input.phoneNumbers.length, "number")} in ${countryNameInText(input.country)} has a new status.`;
  const intro = baseIntro + sandboxNote;
  const step = nextStep(input);
  const numbers = numbersLines(input.phoneNumbers);
  const toFix = input.toStatus === "blocked" ? (input.rejectionCodes ?? []) : [];
  const corrects = input.fromStatus === null && input.resubmissionOf ? input.resubmissionOf.reference : null;
  const footer = `You receive this email because this address is a notification address of the company profile “${input.companyProfileName}”. Change the addresses on the company profile in the Voice Management App.`;

  const text = [
    "Hello,",
    "",
    intro,
    "",
    `Status: ${status.label}`,
    statusDescription(input.toStatus, input.country),
    "",
    `Reason: ${input.reason}`,
    ...(corrects ? ["", `This request corrects ${corrects}, which was declined.`] : []),
    ...(toFix.length > 0
      ? [
          "",
          toFix.length === 1 ? "What to fix:" : `What to fix (${toFix.length} things):`,
          ...toFix.flatMap((c) => [
            `  - ${c.label}: ${c.description}`,
            ...(c.numbers.length > 0 ? [`    Numbers: ${numbersLines(c.numbers).join(", ")}`] : []),
          ]),
        ]
      : []),
    ...(input.toStatus === "delayed" && input.firstPossiblePortingDate
      ? ["", `First possible porting date: ${formatPortingDate(input.firstPossiblePortingDate)} (${input.firstPossiblePortingDate})`]
      : []),
    "",
    "What to do next:",
    step.text,
    ...(step.actions ?? []).map((a) => `  - ${a.label}: ${a.description}`),
    ...(input.toStatus === "completed" ? [`Numbers page: ${numbersLink}`] : []),
    "",
    `Open the request: ${link}`,
    "",
    "Numbers:",
    ...numbers.map((n) => `  ${n}`),
    "",
    "— Voice Porting",
    "",
    footer,
    "",
  ].join("\n");

  const e = escapeHtml;
  const row = (label: string, value: string) =>
    `<tr><td style="padding:4px 16px 4px 0;color:#475569;vertical-align:top;white-space:nowrap">${e(label)}</td><td style="padding:4px 0;color:#0f172a">${value}</td></tr>`;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#0f172a">
<div style="max-width:600px;margin:0 auto;padding:24px 16px">
<div style="background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">
<p style="margin:0 0 16px">Hello,</p>
<p style="margin:0 0 16px">${e(intro)}</p>
<p style="margin:0 0 4px;font-size:13px;color:#475569;text-transform:uppercase;letter-spacing:.04em">Status</p>
<p style="margin:0 0 4px;font-size:20px;font-weight:600">${e(status.label)}</p>
<p style="margin:0 0 16px;color:#334155">${e(statusDescription(input.toStatus, input.country))}</p>
<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
${row("Reason", e(input.reason))}
${input.toStatus === "delayed" && input.firstPossiblePortingDate ? row("First possible porting date", `<strong>${e(formatPortingDate(input.firstPossiblePortingDate))}</strong>`) : ""}
${row("Request", e(input.reference))}
${corrects ? row("Corrects", e(corrects)) : ""}
</table>
${
  toFix.length > 0
    ? `<p style="margin:0 0 4px;font-weight:600">What to fix</p>
<ul style="margin:0 0 16px;padding-left:20px">${toFix
        .map(
          (c) =>
            `<li style="margin:0 0 8px"><strong>${e(c.label)}</strong>: ${e(c.description)}${
              c.numbers.length > 0 ? `<br><span style="color:#475569;font-variant-numeric:tabular-nums">Numbers: ${e(numbersLines(c.numbers).join(", "))}</span>` : ""
            }</li>`,
        )
        .join("")}</ul>`
    : ""
}
<p style="margin:0 0 4px;font-weight:600">What to do next</p>
<p style="margin:0 0 8px">${e(step.text)}</p>
${step.actions ? `<ul style="margin:0 0 16px;padding-left:20px">${step.actions.map((a) => `<li><strong>${e(a.label)}</strong> ${e(a.description)}</li>`).join("")}</ul>` : ""}
${input.toStatus === "completed" ? `<p style="margin:0 0 16px"><a href="${e(numbersLink)}" style="color:#1d4ed8">Go to the Numbers page</a></p>` : ""}
<p style="margin:16px 0"><a href="${e(link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">Open ${e(input.reference)}</a></p>
<p style="margin:0 0 4px;font-weight:600">Numbers</p>
<ul style="margin:0 0 16px;padding-left:20px;font-variant-numeric:tabular-nums">${numbers.map((n) => `<li>${e(n)}</li>`).join("")}</ul>
<p style="margin:0;color:#475569">— Voice Porting</p>
</div>
<p style="margin:16px 0 0;font-size:12px;color:#64748b">${e(footer)}</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

import Link from "next/link";
import type { AuditEventDto } from "@/lib/accounts/audit-log";

// The audit log as a list, newest first; "Older" follows the keyset cursor in the URL. Status
// changes of porting requests are not copied here: each request keeps its own history.

type Changes = Record<string, unknown>;
const text = (value: unknown) => (typeof value === "string" && value ? value : null);
const quoted = (value: unknown) => (text(value) ? `“${text(value)}”` : "");
const role = (value: unknown) => (value === "admin" ? "an admin" : value === "member" ? "a member" : "");

/** What the actor did, as the rest of a sentence that starts with their name. Unknown actions fall back to their code. */
const SENTENCES: Record<string, (c: Changes) => string> = {
  "account.created": (c) => `created the account ${quoted(c.name)}`,
  "signing_secret.created": () => "created the callback signing secret",
  "signing_secret.rotated": () => "rotated the callback signing secret",
  "signing_secret.previous_retired": () => "stopped the previous signing secret",
  "invitation.created": (c) => `invited ${text(c.email) ?? "someone"}${role(c.role) ? ` as ${role(c.role)}` : ""}`,
  "invitation.resent": (c) => `resent the invitation${text(c.email) ? ` of ${text(c.email)}` : ""}`,
  "invitation.revoked": (c) => `revoked the invitation${text(c.email) ? ` of ${text(c.email)}` : ""}`,
  "invitation.accepted": () => "accepted the invitation",
  "user.created": (c) => `joined${role(c.role) ? ` as ${role(c.role)}` : ""}`,
  "user.role_changed": (c) => `changed the role of ${text(c.email) ?? "a user"}`,
  "user.disabled": (c) => `disabled ${text(c.email) ?? "a user"}`,
  "user.enabled": (c) => `enabled ${text(c.email) ?? "a user"}`,
  "user.password_reset": () => "reset their password with an emailed link",
  "user.password_changed": () => "changed their password",
  "user.signed_out_everywhere": () => "signed out everywhere",
  "api_key.created": (c) => `created the API key ${quoted(c.name)}`,
  "api_key.revoked": (c) => `revoked the API key ${quoted(c.name)}`,
  "company_profile.created": (c) => `created the company profile ${quoted(c.name)}`,
  "company_profile.updated": (c) => `changed the company profile ${quoted(c.name)}`,
  "company_profile.deleted": (c) => `deleted the company profile ${quoted(c.name)}`,
  "distribution_group.created": (c) => `created the distribution group ${quoted(c.name)}`,
  "distribution_group.updated": (c) => `changed the distribution group ${quoted(c.name)}`,
  "distribution_group.deleted": (c) => `deleted the distribution group ${quoted(c.name)}`,
  "webhook_endpoint.created": (c) => `added the webhook endpoint ${text(c.url) ?? ""}`.trim(),
  "webhook_endpoint.updated": (c) => `changed the webhook endpoint ${text(c.url) ?? ""}`.trim(),
  "webhook_endpoint.deleted": (c) => `deleted the webhook endpoint ${text(c.url) ?? ""}`.trim(),
};

/** Who did it, in words: the person, or how they came in when they had no sign-in yet. */
function actorLabel(role: string): string | null {
  if (role === "support") return "support";
  if (role === "customer:admin") return "admin";
  if (role === "customer:member") return "member";
  if (role === "anonymous") return "through an emailed link";
  return null;
}

/** What each sentence already says, left out of the details below it. */
const IN_SENTENCE = new Set(["email", "role", "name", "url"]);
const LABELS: Record<string, string> = {
  expiresAt: "link valid until",
  previousSignsUntil: "previous secret signs until",
  companyName: "company name",
  registrationNumber: "registration number",
  vatNumber: "VAT number",
  postalCode: "postal code",
  addressCountry: "address country",
  numberTypes: "number types",
  notificationEmails: "notification emails",
  representativeFirstName: "representative first name",
  representativeLastName: "representative last name",
  representativePhone: "representative phone",
  eventTypes: "event types",
};
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === "") return "none";
  if (Array.isArray(value)) return value.length ? value.map(valueText).join(", ") : "none";
  if (typeof value === "string" && ISO_TIME.test(value)) return dateTime(value);
  return String(value);
}

function describeChanges(action: string, changes: Changes): string {
  return Object.entries(changes)
    .filter(([name, value]) => !(IN_SENTENCE.has(name) && SENTENCES[action] && (typeof value !== "object" || value === null)))
    .map(([name, value]) => {
      const label = LABELS[name] ?? name;
      if (value && typeof value === "object" && !Array.isArray(value) && "from" in value && "to" in value) {
        const v = value as { from: unknown; to: unknown };
        return `${label}: ${valueText(v.from)} → ${valueText(v.to)}`;
      }
      return `${label}: ${valueText(value)}`;
    })
    .join(" · ");
}

const dateTime = (iso: string) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(new Date(iso)) + " UTC";

export function AuditLog({ events, nextHref, requestsHref }: { events: AuditEventDto[]; nextHref: string | null; requestsHref: string }) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Every change to the account, its users, invitations, API keys, signing secret, company profiles and distribution groups, newest first.
        Status changes of porting requests are in each request&apos;s history:{" "}
        <Link href={requestsHref} className="font-medium text-brand-700 underline">
          open the porting requests
        </Link>
        .
      </p>
      {events.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 p-4 text-sm text-slate-600">Nothing recorded yet.</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {events.map((event) => (
            <li key={event.id} className="p-4 text-sm">
              <p className="text-slate-900">
                <span className="font-medium">{event.actor.name}</span>
                {actorLabel(event.actor.role) ? <span className="text-slate-500"> ({actorLabel(event.actor.role)})</span> : null}{" "}
                {SENTENCES[event.action]?.(event.changes) ?? event.action}
                {event.actor.apiKey ? <span className="text-slate-500"> with the API key {quoted(event.actor.apiKey.name)} ({event.actor.apiKey.prefix}…)</span> : null}
              </p>
              {describeChanges(event.action, event.changes) ? <p className="mt-1 break-words text-slate-700">{describeChanges(event.action, event.changes)}</p> : null}
              <p className="mt-1 text-xs text-slate-500">
                <time dateTime={event.at}>{dateTime(event.at)}</time> · <span className="font-mono">{event.action}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextHref ? (
        <Link href={nextHref} className="inline-block text-sm font-medium text-brand-700 underline">
          Older events
        </Link>
      ) : null}
    </div>
  );
}

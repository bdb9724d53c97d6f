import Link from "next/link";
import type { AuditEventDto } from "@/lib/accounts/audit-log";

// The audit log as a list, newest first; "Older" follows the keyset cursor in the URL. Status
// changes of porting requests are not copied here: each request keeps its own history.

const ACTIONS: Record<string, string> = {
  "account.created": "created the account",
  "invitation.created": "invited",
  "invitation.resent": "resent the invitation of",
  "invitation.revoked": "revoked the invitation of",
  "invitation.accepted": "accepted the invitation",
  "user.created": "joined as",
  "user.role_changed": "changed the role of",
  "user.disabled": "disabled",
  "user.enabled": "enabled",
  "user.password_reset": "reset their password",
  "user.password_changed": "changed their password",
  "user.signed_out_everywhere": "signed out everywhere",
};

function describeChanges(changes: Record<string, unknown>): string {
  return Object.entries(changes)
    .map(([name, value]) => {
      if (value && typeof value === "object" && "from" in value && "to" in value) {
        const v = value as { from: unknown; to: unknown };
        return `${name}: ${String(v.from)} → ${String(v.to)}`;
      }
      return `${name}: ${Array.isArray(value) ? value.join(", ") : String(value)}`;
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
                <span className="font-medium">{event.actor.name}</span>{" "}
                {event.actor.apiKey ? <span className="text-slate-500">(API key {event.actor.apiKey.prefix}…) </span> : null}
                {ACTIONS[event.action] ?? event.action} <span className="text-slate-500">{event.object.type.replace("_", " ")}</span>
              </p>
              {Object.keys(event.changes).length > 0 ? <p className="mt-1 break-words text-slate-700">{describeChanges(event.changes)}</p> : null}
              <p className="mt-1 text-xs text-slate-500">
                <time dateTime={event.at}>{dateTime(event.at)}</time> · {event.action}
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

import { formatPortingMoment } from "@/lib/porting/scheduling";

// The porting moment support confirmed for a non-NL request (issue 14 item 5), as both request
// pages show it: the request completes by itself then. Renders nothing without one.

export function ScheduledMoment({ at, audience }: { at: string | null; audience: "customer" | "support" }) {
  if (!at) return null;
  return (
    <div className="mt-4 rounded-lg border border-sky-200 bg-sky-50 px-4 py-3" data-testid="scheduled-porting">
      <p className="text-sm font-medium text-sky-900">Scheduled for</p>
      <p className="mt-0.5 text-xl font-semibold text-sky-950">
        <time dateTime={at} data-testid="scheduled-porting-at">
          {formatPortingMoment(at)}
        </time>
      </p>
      <p className="mt-1 text-sm text-sky-900">
        {audience === "customer"
          ? "Your porting is completed at this moment, agreed with your current provider. The numbers are then assigned to your voice account, and you receive the update by email (and callback) as with every status change."
          : "The request completes by itself at this moment (numbers assigned, the customer notified). Completing it by hand earlier cancels the schedule."}
      </p>
    </div>
  );
}

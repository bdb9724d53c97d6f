import { STATUSES, type BadgeColour } from "@/lib/porting/statuses";
import type { PortingStatus } from "@/lib/porting/values";

const colours: Record<BadgeColour, string> = {
  gray: "bg-slate-100 text-slate-700 ring-slate-300",
  blue: "bg-blue-50 text-blue-700 ring-blue-200",
  amber: "bg-amber-50 text-amber-800 ring-amber-200",
  violet: "bg-violet-50 text-violet-700 ring-violet-200",
  red: "bg-red-50 text-red-700 ring-red-200",
  zinc: "bg-zinc-100 text-zinc-600 ring-zinc-300",
  green: "bg-green-50 text-green-700 ring-green-200",
};

export function StatusBadge({ status }: { status: PortingStatus }) {
  const info = STATUSES[status];
  return (
    <span
      data-status={status}
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${colours[info.badge]}`}
    >
      {info.label}
    </span>
  );
}

import type { ReactNode } from "react";

export type PillTone = "green" | "amber" | "red" | "blue" | "slate";

const pillTone: Record<PillTone, string> = {
  green: "bg-green-50 text-green-800 ring-green-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  slate: "bg-slate-100 text-slate-700 ring-slate-300",
};

/** A small rounded state label ("Sent", "Retrying", "Failed"); the words carry the meaning, the colour repeats it. */
export function Pill({ tone, className = "", children }: { tone: PillTone; className?: string; children: ReactNode }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${pillTone[tone]} ${className}`.trim()}>
      {children}
    </span>
  );
}

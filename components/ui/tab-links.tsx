"use client";

import Link from "next/link";

export type TabLinkItem = {
  href: string;
  label: string;
  /** Shown as a small badge after the label (and read with it: "Ready to be ported 2"). */
  count?: number;
  current: boolean;
};

/** Tabs that are links (each view has its own URL, so it can be shared and reloaded): a labelled nav, the current one marked aria-current, scrolling sideways on narrow screens. `onNavigate` may take over a plain click (e.g. to wrap it in a transition); modified clicks still open new tabs. */
export function TabLinks({
  label,
  items,
  onNavigate,
}: {
  label: string;
  items: TabLinkItem[];
  onNavigate?: (href: string, event: { preventDefault: () => void }) => void;
}) {
  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-slate-200">
        {items.map((item) => (
          <li key={item.href} className="-mb-px">
            <Link
              href={item.href}
              scroll={false}
              aria-current={item.current ? "page" : undefined}
              onNavigate={onNavigate ? (event) => onNavigate(item.href, event) : undefined}
              className={`flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium transition-colors focus-visible:-outline-offset-2 ${
                item.current
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }`}
            >
              <span>{item.label}</span>
              {item.count !== undefined ? " " : null}
              {item.count !== undefined ? (
                <span
                  className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums ${
                    item.current ? "bg-brand-100 text-brand-700" : "bg-slate-100 text-slate-600"
                  }`}
                >
                  {item.count.toLocaleString("en")}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

import Link from "next/link";
import { Fragment } from "react";

export type Crumb = { href: string; label: string };

/** The way back up above a page's title: one link, or a trail separated by slashes. */
export function Breadcrumb({ crumbs }: { crumbs: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className={crumbs.length > 1 ? "mb-2 flex flex-wrap gap-1 text-sm text-slate-500" : "mb-2 text-sm"}>
      {crumbs.map((crumb, index) => (
        <Fragment key={crumb.href}>
          {index > 0 ? <span aria-hidden>/</span> : null}
          <Link href={crumb.href} className="text-brand-700 hover:underline">
            {crumb.label}
          </Link>
        </Fragment>
      ))}
    </nav>
  );
}

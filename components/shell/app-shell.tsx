import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/(auth)/login/actions";
import { NavLinks, type NavItem } from "./nav-links";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  const first = parts[0]?.[0] ?? "";
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

export function AppShell({
  items,
  accountName,
  userName,
  userEmail,
  roleLabel,
  children,
}: {
  items: NavItem[];
  accountName: string;
  userName: string;
  userEmail: string;
  roleLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
              VP
            </span>
            <span>Voice Porting</span>
          </Link>
          <span className="hidden text-sm text-slate-500 sm:inline" data-testid="account-name">
            {accountName}
          </span>
          <details className="relative ml-auto">
            <summary data-testid="user-menu" aria-label={`User menu: ${userName}`} className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100">
              <span aria-hidden className="grid h-7 w-7 place-items-center rounded-full bg-slate-200 text-xs font-semibold">
                {initials(userName)}
              </span>
              <span className="hidden sm:inline">{userName}</span>
            </summary>
            <div className="absolute right-0 z-20 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 shadow-lg">
              <p className="text-sm font-medium">{userName}</p>
              <p className="truncate text-sm text-slate-500">{userEmail}</p>
              <p className="mt-1 text-xs text-slate-500">
                {roleLabel} · {accountName}
              </p>
              <form action={signOutAction} className="mt-3 border-t border-slate-100 pt-3">
                <button type="submit" className="w-full rounded-md px-2 py-1.5 text-left text-sm hover:bg-slate-100">
                  Sign out
                </button>
              </form>
            </div>
          </details>
        </div>
        <NavLinks items={items} />
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}

import type { ReactNode } from "react";

/** The centred card of the pages outside the app (sign-in, invitation, passwords). */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 space-y-1">
          <p className="text-sm font-semibold text-brand-600">Voice Management</p>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {intro ? <div className="text-sm text-slate-600">{intro}</div> : null}
        </div>
        {children}
      </div>
    </main>
  );
}

"use client";

import { useActionState, useRef, type ReactNode } from "react";
import type { DemoLogins } from "@/lib/auth/demo-logins";
import { signInAction, type SignInState } from "./actions";

export function LoginForm({ demo = null, afterForm = null }: { demo?: DemoLogins | null; afterForm?: ReactNode }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  function fillDemoLogin(email: string) {
    if (!demo || !emailRef.current || !passwordRef.current) return;
    emailRef.current.value = email;
    passwordRef.current.value = demo.password;
    submitRef.current?.focus();
  }
  return (
    <>
      <form action={formAction} className="space-y-4" noValidate>
        {state.error ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {state.error}
          </p>
        ) : null}
        <div className="space-y-1">
          <label htmlFor="email" className="block text-sm font-medium text-slate-700">
            Email
          </label>
          <input
            id="email"
            ref={emailRef}
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={state.email}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="password" className="block text-sm font-medium text-slate-700">
            Password
          </label>
          <input
            id="password"
            ref={passwordRef}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="block w-full rounded-md border border-slate-300 px-3 py-2 shadow-sm focus:border-brand-500"
          />
        </div>
        <button
          ref={submitRef}
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {afterForm}
      {demo ? (
        <section aria-labelledby="demo-logins-heading" className="mt-6 border-t border-slate-200 pt-4">
          <h2 id="demo-logins-heading" className="text-sm font-semibold text-slate-800">
            Demo logins
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            This is a demo with sample data. Every demo login uses the password{" "}
            <code className="whitespace-nowrap rounded bg-slate-100 px-1 py-0.5 text-slate-800">{demo.password}</code>.
          </p>
          <ul className="mt-3 space-y-2" aria-label="Demo logins">
            {demo.logins.map((login) => (
              <li key={login.email} className="flex items-center justify-between gap-3 text-sm">
                <span className="min-w-0">
                  <span className="block truncate font-medium text-slate-800">{login.email}</span>
                  <span className="block truncate text-slate-600">
                    {login.role === "support" ? "Support" : `${login.account ?? "Customer"} · ${login.role}`}
                  </span>
                </span>
                <button
                  type="button"
                  onClick={() => fillDemoLogin(login.email)}
                  className="shrink-0 rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-50"
                  aria-label={`Fill in ${login.email}`}
                >
                  Use
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

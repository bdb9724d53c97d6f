import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { demoLogins } from "@/lib/auth/demo-logins";
import { homeFor } from "@/lib/auth/page";
import { getSessionActor } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  const actor = await getSessionActor();
  if (actor) redirect(homeFor(actor));
  // Only while demo data with its published password is present; never a reason to fail sign-in.
  const demo = await demoLogins().catch(() => null);
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <div className="mb-6 space-y-1">
          <p className="text-sm font-semibold text-brand-600">Voice Management</p>
          <h1 className="text-2xl font-semibold">Sign in to Voice Porting</h1>
          <p className="text-sm text-slate-600">Move your phone numbers to our voice platform.</p>
        </div>
        <LoginForm
          demo={demo}
          afterForm={
            <p className="mt-4 text-center text-sm">
              <Link href="/forgot-password" className="font-medium text-brand-700 underline">
                Forgot your password?
              </Link>
            </p>
          }
        />
      </div>
    </main>
  );
}

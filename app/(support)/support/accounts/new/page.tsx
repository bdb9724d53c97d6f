import type { Metadata } from "next";
import Link from "next/link";
import { NewAccountForm } from "@/components/accounts/new-account-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportPage } from "@/lib/auth/page";
import { countryName } from "@/lib/porting/countries";
import { COUNTRY_CODES } from "@/lib/porting/values";
import { createAccountAction } from "@/app/accounts/actions";

export const metadata: Metadata = { title: "New account · Support" };

export default async function NewAccountPage() {
  await requireSupportPage();
  return (
    <>
      <PageHeader title="New account" description="A customer account; next, invite its first admin by email." />
      <div className="max-w-xl rounded-xl border border-slate-200 bg-white p-4 sm:p-6">
        <NewAccountForm countries={COUNTRY_CODES.map((code) => ({ code, name: countryName(code) }))} action={createAccountAction} />
      </div>
      <p className="mt-4 text-sm">
        <Link href="/support/accounts" className="font-medium text-brand-700 underline">
          Back to accounts
        </Link>
      </p>
    </>
  );
}

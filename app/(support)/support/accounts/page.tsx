import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportPage } from "@/lib/auth/page";
import { countryName } from "@/lib/porting/countries";
import { ACCOUNT_LIST_LIMIT, listSupportAccounts } from "@/lib/support/accounts";

export const metadata: Metadata = { title: "Accounts · Support" };

export default async function SupportAccountsPage() {
  const actor = await requireSupportPage();
  const accounts = await listSupportAccounts(actor);
  return (
    <>
      <PageHeader
        title="Accounts"
        description="Every customer account: its people, profiles, voice numbers, porting history and audit log."
        actions={<ButtonLink href="/support/accounts/new">New account</ButtonLink>}
      />
      {accounts.length === 0 ? (
        <EmptyState title="No customer accounts yet" action={<ButtonLink href="/support/accounts/new">Create the first account</ButtonLink>}>
          Create an account, then invite its first admin by email.
        </EmptyState>
      ) : (
        <>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {accounts.map((account) => (
              <li key={account.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <Link href={`/support/accounts/${account.id}`} className="font-semibold text-brand-700 hover:underline">
                  {account.name}
                </Link>
                <p className="text-sm text-slate-600">{countryName(account.country)}</p>
                <p className="mt-2 text-sm text-slate-700">
                  <span className="font-medium text-slate-900">{account.openRequests}</span> open ·{" "}
                  {account.totalRequests} requests in all
                </p>
              </li>
            ))}
          </ul>
          {accounts.length === ACCOUNT_LIST_LIMIT ? (
            <p className="mt-4 text-sm text-slate-600">
              Showing the first {ACCOUNT_LIST_LIMIT} accounts by name. Search the queue by account name to find others.
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

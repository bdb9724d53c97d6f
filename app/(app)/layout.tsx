import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { getOwnAccount } from "@/lib/accounts";
import { requireCustomerPage } from "@/lib/auth/page";

const items = [
  { href: "/porting-requests", label: "Porting requests" },
  { href: "/check-numbers", label: "Check numbers" },
  { href: "/numbers", label: "Numbers" },
  { href: "/distribution-groups", label: "Distribution groups" },
  { href: "/company-profiles", label: "Company profiles" },
  { href: "/settings", label: "Settings" },
];

export default async function CustomerLayout({ children }: { children: ReactNode }) {
  const actor = await requireCustomerPage();
  const account = await getOwnAccount(actor);
  return (
    <AppShell items={items} accountName={account.name} userName={actor.name} userEmail={actor.email} roleLabel="Customer">
      {children}
    </AppShell>
  );
}

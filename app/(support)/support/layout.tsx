import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSupportPage } from "@/lib/auth/page";

const items = [
  { href: "/support", label: "Queue" },
  { href: "/support/accounts", label: "Accounts" },
  { href: "/support/callbacks", label: "Callbacks" },
  { href: "/support/outbox", label: "Outbox" },
  { href: "/support/settings", label: "Settings" },
];

export default async function SupportLayout({ children }: { children: ReactNode }) {
  const actor = await requireSupportPage();
  return (
    <AppShell items={items} accountName="Support" userName={actor.name} userEmail={actor.email} roleLabel="Support agent">
      {children}
    </AppShell>
  );
}

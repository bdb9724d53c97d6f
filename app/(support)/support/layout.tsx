import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireSupportPage } from "@/lib/auth/page";
import { getLogger } from "@/lib/observability/logger";
import { readSupportStatus, type SupportStatus } from "@/lib/support/status";
import { StatusStrip } from "./status-strip";

const items = [
  { href: "/support", label: "Queue" },
  { href: "/support/accounts", label: "Accounts" },
  { href: "/support/callbacks", label: "Callbacks" },
  { href: "/support/outbox", label: "Outbox" },
  { href: "/support/settings", label: "Settings" },
];

export default async function SupportLayout({ children }: { children: ReactNode }) {
  const actor = await requireSupportPage();
  // The strip is a help, never a reason for a support page not to open.
  let status: SupportStatus | null = null;
  try {
    status = await readSupportStatus(actor);
  } catch (error) {
    getLogger().warn({ err: error }, "support status strip: could not read the numbers");
  }
  return (
    <AppShell items={items} accountName="Support" userName={actor.name} userEmail={actor.email} roleLabel="Support agent">
      <StatusStrip initial={status} />
      {children}
    </AppShell>
  );
}

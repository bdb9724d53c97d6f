import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AuditLog } from "@/components/accounts/audit-log";
import { SettingsTabs } from "@/components/accounts/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents } from "@/lib/accounts/audit-log";
import { requireCustomerPage } from "@/lib/auth/page";
import { isDomainError } from "@/lib/errors";

export const metadata: Metadata = { title: "Audit log · Settings" };

export default async function AuditLogPage(props: PageProps<"/settings/audit-log">) {
  const actor = await requireCustomerPage();
  if (actor.accountRole !== "admin") notFound();
  const { cursor } = await props.searchParams;
  const page = await listAuditEvents(actor, actor.accountId, { limit: 50, ...(typeof cursor === "string" ? { cursor } : {}) }).catch((error: unknown) => {
    // A mangled cursor in the URL starts again from the newest.
    if (isDomainError(error) && error.kind === "validation") return listAuditEvents(actor, actor.accountId, { limit: 50 });
    throw error;
  });
  return (
    <>
      <PageHeader title="Settings" description="Who changed what in your account." />
      <SettingsTabs current="/settings/audit-log" admin />
      <div className="mt-6">
        <AuditLog
          events={page.data}
          nextHref={page.nextCursor ? `/settings/audit-log?cursor=${encodeURIComponent(page.nextCursor)}` : null}
          requestsHref="/porting-requests"
        />
      </div>
    </>
  );
}

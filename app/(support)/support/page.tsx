import type { Metadata } from "next";
import { SupportQueue } from "@/components/support/support-queue";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { ValidationError } from "@/lib/errors";
import { listSupportQueue, type SupportQueuePage } from "@/lib/support/queue";
import { readQueueFilters, type QueueFilters } from "@/lib/support/queue-filters";

export const metadata: Metadata = { title: "Support queue" };

export default async function SupportQueuePage(props: PageProps<"/support">) {
  const actor = await requireSupportPage();
  const { filters, ignored } = readQueueFilters(await props.searchParams);

  let effective: QueueFilters = filters;
  let page: SupportQueuePage;
  try {
    page = await listSupportQueue(actor, { status: filters.status, q: filters.q, country: filters.country, cursor: filters.cursor });
  } catch (error) {
    // A page link from an older version (a cursor that no longer decodes): start from the first page.
    if (!(error instanceof ValidationError) || !filters.cursor) throw error;
    effective = { ...filters, cursor: undefined };
    ignored.push("page");
    page = await listSupportQueue(actor, { status: filters.status, q: filters.q, country: filters.country });
  }

  return (
    <>
      <PageHeader title="Support queue" description="Porting requests of every account. Open work comes oldest waiting first." />
      {ignored.length > 0 ? (
        <div role="status" className="mb-4">
          <Notice tone="warning">
            Part of the link was not understood ({ignored.join(", ")}) and was left out.
          </Notice>
        </div>
      ) : null}
      <SupportQueue key={JSON.stringify(effective)} initial={page} filters={effective} serverNow={requestTime()} />
    </>
  );
}

import type { Metadata } from "next";
import { FailingCallbacks } from "@/components/notifications/failing-callbacks";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { ValidationError } from "@/lib/errors";
import { FAILING_FILTERS, listFailingCallbacks, type FailingFilter } from "@/lib/support/notification-lists";

export const metadata: Metadata = { title: "Failing callbacks · Support" };

// Callbacks that customers' receivers are not taking, across every account: support sees who is
// affected, what the receiver answered, and when the next attempt runs, and can resend.
export default async function FailingCallbacksPage(props: PageProps<"/support/callbacks">) {
  const actor = await requireSupportPage();
  const params = await props.searchParams;
  const rawState = typeof params.state === "string" ? params.state : "all";
  const state: FailingFilter = (FAILING_FILTERS as readonly string[]).includes(rawState) ? (rawState as FailingFilter) : "all";
  let cursor = typeof params.cursor === "string" && params.cursor ? params.cursor : undefined;

  let staleLink = false;
  let page;
  try {
    page = await listFailingCallbacks(actor, { state, cursor });
  } catch (error) {
    // An old page link (a cursor that no longer decodes): start from the first page.
    if (!(error instanceof ValidationError) || !cursor) throw error;
    staleLink = true;
    cursor = undefined;
    page = await listFailingCallbacks(actor, { state });
  }

  return (
    <>
      <PageHeader
        title="Failing callbacks"
        description="Callbacks to customers' URLs that got an error: being retried (for about a day) or failed for good. Every account, newest first."
      />
      {staleLink || rawState !== state ? (
        <div role="status" className="mb-4">
          <Notice tone="warning">Part of the link was not understood and was left out.</Notice>
        </div>
      ) : null}
      <FailingCallbacks key={`${state}:${cursor ?? ""}`} initial={page} filters={{ state, ...(cursor ? { cursor } : {}) }} serverNow={requestTime()} />
    </>
  );
}

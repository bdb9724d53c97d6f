import type { Metadata } from "next";
import { Outbox } from "@/components/notifications/outbox";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireSupportPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { ValidationError } from "@/lib/errors";
import { listOutbox, OUTBOX_FILTERS, type OutboxFilter } from "@/lib/support/notification-lists";

export const metadata: Metadata = { title: "Mail outbox · Support" };

// Every status email, as sent or as kept when no SMTP server is configured (DESIGN.md: "messages
// are still recorded and shown in the app's mail outbox page").
export default async function OutboxPage(props: PageProps<"/support/outbox">) {
  const actor = await requireSupportPage();
  const params = await props.searchParams;
  const rawState = typeof params.state === "string" ? params.state : "all";
  const state: OutboxFilter = (OUTBOX_FILTERS as readonly string[]).includes(rawState) ? (rawState as OutboxFilter) : "all";
  let cursor = typeof params.cursor === "string" && params.cursor ? params.cursor : undefined;

  let staleLink = false;
  let page;
  try {
    page = await listOutbox(actor, { state, cursor });
  } catch (error) {
    if (!(error instanceof ValidationError) || !cursor) throw error;
    staleLink = true;
    cursor = undefined;
    page = await listOutbox(actor, { state });
  }

  return (
    <>
      <PageHeader title="Mail outbox" description="Status emails of every account, newest first: what was sent, what is queued, and what was kept without sending." />
      {staleLink || rawState !== state ? (
        <div role="status" className="mb-4">
          <Notice tone="warning">Part of the link was not understood and was left out.</Notice>
        </div>
      ) : null}
      <Outbox key={`${state}:${cursor ?? ""}`} initial={page} filters={{ state, ...(cursor ? { cursor } : {}) }} serverNow={requestTime()} />
    </>
  );
}

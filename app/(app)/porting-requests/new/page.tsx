import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { readNewRequestStart } from "@/components/porting/new-request-start";
import { NewRequestWizard } from "@/components/porting/new-request-wizard";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { NotFoundError } from "@/lib/errors";
import { loadNewRequestOptions } from "@/lib/porting/new-request-options";
import { loadResubmissionStart } from "@/lib/porting/resubmission-prefill";
import { checkNumbersAction, createPortingRequestAction, resubmitPortingRequestAction } from "./actions";

// The guided new request, and (?from=<id> of a Blocked request) the corrected request: the same
// wizard, prefilled with everything the Blocked request held, the flagged parts highlighted. From
// the Check numbers page (?country=&numberType=&numbers=), a new request with those numbers.
// Access is resolved before anything streams: another account's id is a real 404.

export async function generateMetadata(props: PageProps<"/porting-requests/new">): Promise<Metadata> {
  const { from } = await props.searchParams;
  return { title: typeof from === "string" ? "Corrected porting request" : "New porting request" };
}

export default async function NewPortingRequestPage(props: PageProps<"/porting-requests/new">) {
  const actor = await requireCustomerPage();
  const searchParams = await props.searchParams;
  const { from } = searchParams;
  const start = typeof from === "string" ? await resubmissionStart(actor, from) : null;
  const checked = start ? undefined : readNewRequestStart(searchParams);
  const options = await loadNewRequestOptions(actor);

  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="mb-2 text-sm">
      <Link href={start ? `/porting-requests/${from}` : "/porting-requests"} className="text-slate-600 hover:text-slate-900">
        ← {start ? `Back to ${start.ok ? start.prefill.original.reference : start.reference}` : "Porting requests"}
      </Link>
    </nav>
  );

  if (start && !start.ok) {
    return (
      <>
        {breadcrumb}
        <PageHeader title="Corrected porting request" />
        <Notice
          tone="warning"
          title={start.message}
          action={
            start.resubmittedAs ? (
              <ButtonLink href={`/porting-requests/${start.resubmittedAs.id}`} variant="secondary" size="sm">
                Open {start.resubmittedAs.reference}
              </ButtonLink>
            ) : null
          }
        >
          {start.resubmittedAs ? null : "Only a Blocked request can be corrected this way. You can always create a new request."}
        </Notice>
      </>
    );
  }

  return (
    <>
      {breadcrumb}
      <PageHeader
        title={start ? `Correct ${start.prefill.original.reference}` : "New porting request"}
        description={
          start
            ? `Everything ${start.prefill.original.reference} held is filled in, its documents too. Fix what support flagged, check the rest, and submit: a new request is created, linked to ${start.prefill.original.reference}.`
            : "Move numbers from your current provider to our voice platform, step by step. Nothing is sent until you submit on the last step."
        }
      />
      <NewRequestWizard
        options={options}
        checkNumbers={checkNumbersAction}
        createRequest={start ? resubmitPortingRequestAction : createPortingRequestAction}
        {...(start ? { resubmission: start.prefill } : {})}
        {...(checked ? { start: checked } : {})}
      />
    </>
  );
}

async function resubmissionStart(actor: Awaited<ReturnType<typeof requireCustomerPage>>, id: string) {
  try {
    return await loadResubmissionStart(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

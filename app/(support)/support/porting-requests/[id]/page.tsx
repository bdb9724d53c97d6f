import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { checkLabel, ProfileDetails, RequirementResult } from "@/components/support/company-profile-card";
import { Section } from "@/components/support/section";
import { SupportRequestView } from "@/components/support/support-request-view";
import { RequestNotificationsSection } from "@/components/notifications/request-notifications-section";
import { requireSupportPage } from "@/lib/auth/page";
import { requestTime } from "@/lib/clock";
import { countryName, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { listComments } from "@/lib/porting/comments";
import { requestDocumentJson } from "@/lib/porting/documents";
import { markConversationRead } from "@/lib/porting/mark-conversation-read";
import { getSupportRequestContext } from "@/lib/support/request-context";
import { getResubmissionComparison } from "@/lib/support/resubmission-changes";
import { ResubmissionChanges } from "@/components/support/resubmission-changes";

type Props = PageProps<"/support/porting-requests/[id]">;

// One lookup per request render, shared by the metadata and the page. Access is resolved before
// anything streams, so an unknown id is a real HTTP 404.
const load = cache(async (id: string) => {
  const actor = await requireSupportPage();
  const context = await getSupportRequestContext(actor, id);
  if (!context) notFound();
  return context;
});

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { id } = await props.params;
  const { request } = await load(id);
  return { title: `${request.reference} · Support` };
}

export default async function SupportRequestPage(props: Props) {
  const { id } = await props.params;
  const { request, account, profile, requirements, distributionGroup, documents } = await load(id);
  const actor = await requireSupportPage();
  // Opening the request reads the customer's comments (the queue's unread marker): one team inbox.
  const [comments] = await Promise.all([listComments(actor, request.id, { limit: 200 }), markConversationRead(actor, request.id)]);
  const resubmission = request.resubmissionOf ? await getResubmissionComparison(actor, request.id) : null;

  const aside = (
    <>
      <Section title="Account" headingId="account-heading">
        <p className="text-sm">
          <Link href={`/support/accounts/${account.id}`} className="font-semibold text-brand-700 hover:underline">
            {account.name}
          </Link>
          <span className="block text-slate-600">{countryName(account.country)}</span>
        </p>
      </Section>

      <Section title={`Company profile: ${profile.name}`} headingId="profile-heading">
        <div className="mb-4">
          <RequirementResult
            checks={[
              {
                label: checkLabel(request.country, [request.numberType]),
                ok: requirements.ok,
                problems: requirements.problems,
              },
            ]}
          />
        </div>
        <ProfileDetails profile={profile} />
      </Section>

      {distributionGroup ? (
        <Section title={`Distribution group: ${distributionGroup.name}`} headingId="group-heading">
          <ol className="list-decimal space-y-0.5 pl-5 text-sm text-slate-700">
            {distributionGroup.destinations.map((d) => (
              <li key={d} className="break-all">
                {d}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </>
  );

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/support" className="text-slate-600 hover:text-slate-900 hover:underline">
          ← Support queue
        </Link>
      </nav>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{request.reference}</h1>
        <p className="mt-1 text-sm text-slate-600">
          <Link href={`/support/accounts/${account.id}`} className="hover:underline">
            {account.name}
          </Link>{" "}
          · {countryName(request.country)} · {NUMBER_TYPE_LABELS[request.numberType]} ·{" "}
          {request.phoneNumbers.length === 1 ? "1 number" : `${request.phoneNumbers.length} numbers`}
          {request.resubmissionOf ? (
            <>
              {" "}
              · resubmission of{" "}
              <Link href={`/support/porting-requests/${request.resubmissionOf.id}`} className="font-medium text-brand-700 hover:underline">
                {request.resubmissionOf.reference}
              </Link>
            </>
          ) : null}
        </p>
      </div>
      {resubmission ? (
        <div className="mb-6">
          <ResubmissionChanges comparison={resubmission} />
        </div>
      ) : null}
      <SupportRequestView
        initial={request}
        distributionGroupName={distributionGroup?.name ?? null}
        aside={aside}
        serverNow={requestTime()}
        comments={comments.items}
        documents={documents.map(requestDocumentJson)}
      />
      <div className="mt-6">
        <RequestNotificationsSection actor={actor} requestId={request.id} />
      </div>
    </>
  );
}

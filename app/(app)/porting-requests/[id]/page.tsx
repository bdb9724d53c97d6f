import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RequestNotificationsSection } from "@/components/notifications/request-notifications-section";
import { PortingRequestView } from "@/components/porting/porting-request-view";
import { RequestDocuments } from "@/components/porting/request-documents";
import { portingRequestJson } from "@/lib/porting/serialize";
import { requireCustomerPage } from "@/lib/auth/page";
import type { CustomerActor } from "@/lib/auth/actor";
import { requestTime } from "@/lib/clock";
import { NotFoundError } from "@/lib/errors";
import { getPortingRequestForActor } from "@/lib/porting/queries";
import { listDocuments } from "@/lib/porting/documents";
import { getProfileValues, getRequestRelations } from "@/lib/porting/request-details";
import { flaggedParts } from "@/lib/porting/rejection-codes";

// No loading.tsx and no Suspense above this page: access is resolved before anything streams, so
// a foreign or unknown id answers HTTP 404 (a notFound() after streaming starts would answer 200).

// Cached per request: the metadata and the page share one read.
const load = cache(async (actor: CustomerActor, id: string) => {
  try {
    return await getPortingRequestForActor(actor, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
});

export async function generateMetadata(props: PageProps<"/porting-requests/[id]">): Promise<Metadata> {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  return { title: (await load(actor, id)).reference };
}

export default async function PortingRequestPage(props: PageProps<"/porting-requests/[id]">) {
  const actor = await requireCustomerPage();
  const { id } = await props.params;
  const request = await load(actor, id);
  const blocked = request.status === "blocked";
  const [relations, documents, profileValues] = await Promise.all([
    getRequestRelations(request),
    listDocuments(actor, request.id),
    blocked ? getProfileValues(request) : Promise.resolve(null),
  ]);
  const flaggedDocuments = flaggedParts(request.rejectionCodes).documents;

  return (
    <PortingRequestView
      initial={portingRequestJson(request)}
      renderedAt={requestTime()}
      companyProfile={relations.companyProfile}
      distributionGroup={relations.distributionGroup}
      profileValues={profileValues}
    >
      <RequestDocuments requestId={request.id} documents={documents} flagged={flaggedDocuments} />
      <RequestNotificationsSection actor={actor} requestId={request.id} />
    </PortingRequestView>
  );
}

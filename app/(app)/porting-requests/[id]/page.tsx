import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RequestNotificationsSection } from "@/components/notifications/request-notifications-section";
import { PortingRequestView } from "@/components/porting/porting-request-view";
import { portingRequestJson } from "@/lib/porting/serialize";
import { requireCustomerPage } from "@/lib/auth/page";
import type { CustomerActor } from "@/lib/auth/actor";
import { requestTime } from "@/lib/clock";
import { NotFoundError } from "@/lib/errors";
import { getPortingRequestForActor } from "@/lib/porting/queries";
import { listComments } from "@/lib/porting/comments";
import { listDocuments, requestDocumentJson } from "@/lib/porting/documents";
import { getProfileValues, getRequestRelations } from "@/lib/porting/request-details";

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
  const [relations, documents, comments, profileValues] = await Promise.all([
    getRequestRelations(request),
    listDocuments(actor, request.id),
    listComments(actor, request.id, { limit: 200 }),
    blocked ? getProfileValues(request) : Promise.resolve(null),
  ]);

  return (
    <PortingRequestView
      initial={portingRequestJson(request)}
      renderedAt={requestTime()}
      companyProfile={relations.companyProfile}
      distributionGroup={relations.distributionGroup}
      profileValues={profileValues}
      comments={comments.items}
      documents={documents.map(requestDocumentJson)}
    >
      <RequestNotificationsSection actor={actor} requestId={request.id} />
    </PortingRequestView>
  );
}

import "server-only";
import { getDb, type Executor } from "@/db";
import type { CustomerActor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import type { PortingRequestDocumentDto } from "./documents";
import { listDocuments } from "./documents";
import { formatNumber } from "./numbers";
import { getPortingRequestForActor, getPortingRequestRowForActor } from "./queries";
import type { RejectionCodeDetail } from "./rejection-codes";
import { createInputOf, resubmitRefusal } from "./resubmission";
import type { ContractScenario, CountryCode, DocumentKind, NumberType } from "./values";

// What "Create corrected request" opens the new-request wizard with (issue 14 item 2): every
// value of the Blocked request, its documents (fetched by the browser from the request's own
// download links, so the corrected request carries the same files), and the problems to
// highlight. Or why it can't: not Blocked, or resubmitted already (with a link to that one).

export type ResubmissionPrefill = {
  original: { id: string; reference: string; reason: string };
  values: {
    country: CountryCode;
    numberType: NumberType;
    companyProfileId: string;
    phoneNumbers: string[];
    currentProvider: string;
    preferredPortingDate: string;
    contractScenario: ContractScenario | "";
    distributionGroupId: string;
    callbackUrl: string;
    comment: string;
    customerReference: string;
  };
  documents: { kind: DocumentKind; filename: string; contentType: string; size: number; url: string }[];
  problems: RejectionCodeDetail[];
};

export type ResubmissionStart =
  | { ok: true; prefill: ResubmissionPrefill }
  | { ok: false; reference: string; message: string; resubmittedAs: { id: string; reference: string } | null };

/** The prefill for correcting `id`, or why not; NotFoundError for another account's or an unknown id. */
export async function loadResubmissionStart(actor: CustomerActor, id: string, db: Executor = getDb()): Promise<ResubmissionStart> {
  const row = await getPortingRequestRowForActor(db, actor, id);
  const refusal = await resubmitRefusal(db, actor, row);
  if (refusal) {
    const link = refusal.details.resubmittedAs as { id: string; reference: string } | undefined;
    return { ok: false, reference: row.reference, message: refusal.message, resubmittedAs: link ?? null };
  }
  const [request, input, documents] = await Promise.all([
    getPortingRequestForActor(actor, id, db),
    createInputOf(db, row),
    listDocuments(actor, id, db),
  ]);
  if (!request) throw new NotFoundError("porting request");
  return {
    ok: true,
    prefill: {
      original: { id: row.id, reference: row.reference, reason: row.statusReason },
      values: {
        country: input.country,
        numberType: input.numberType,
        companyProfileId: input.companyProfileId,
        // As people write them; the form parses any common format back to E.164.
        phoneNumbers: input.phoneNumbers.map(formatNumber),
        currentProvider: input.currentProvider,
        preferredPortingDate: input.preferredPortingDate ?? "",
        contractScenario: input.contractScenario ?? "",
        distributionGroupId: input.distributionGroupId ?? "",
        callbackUrl: input.callbackUrl ?? "",
        comment: input.comment ?? "",
        customerReference: input.customerReference ?? "",
      },
      documents: latestPerKind(documents).map((d) => ({
        kind: d.kind,
        filename: d.filename,
        contentType: d.contentType,
        size: d.size,
        url: `/api/v1/porting-requests/${row.id}/documents/${d.id}`,
      })),
      problems: request.rejectionCodes,
    },
  };
}

function latestPerKind(documents: readonly PortingRequestDocumentDto[]): PortingRequestDocumentDto[] {
  const byKind = new Map<DocumentKind, PortingRequestDocumentDto>();
  for (const document of documents) byKind.set(document.kind, document);
  return [...byKind.values()];
}

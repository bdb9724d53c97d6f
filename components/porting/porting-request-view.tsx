"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { SessionEndedNotice } from "@/components/ui/session-ended";
import { StatusBadge } from "@/components/ui/status-badge";
import { ScheduledMoment } from "./scheduled-moment";
import { CONTRACT_SCENARIO_INFO, NUMBER_TYPE_LABELS, countryName, countryNameInText, isCountryCode, profileFieldLabel, type ProfileField } from "@/lib/porting/countries";
import { flaggedParts, type FlaggedParts, type RejectionProblem } from "@/lib/porting/rejection-codes";
import { isFinalStatus, statusLabel } from "@/lib/porting/statuses";
import { useNow } from "@/components/shared/use-now";
import { formatCalendarDate, formatDateTimeUtc, formatNumber, plural } from "@/components/shared/format";
import { FetchError, isSessionEnded } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { fetchPortingRequest, queryKeys, type LiveRequest } from "./live-data";
import { NextSteps } from "./next-steps";
import { ProblemMarker, RejectionProblems } from "./rejection-problems";
import { RequestActions } from "./request-actions";
import { AddDocumentForm } from "./add-document-form";
import type { CommentJson, RequestDocumentJson } from "./conversation-data";
import { RequestConversation } from "./request-conversation";
import { RequestDocuments } from "./request-documents";
import { RequestTimeline } from "./request-timeline";
import { useRequestDocuments } from "./use-request-documents";
import { WaitingForYouBanner } from "./waiting-for-you";
import type { RequestActionNotice } from "./use-request-action";

// One porting request as its customer sees it, live: react-query starts from the server-rendered
// DTO and polls GET /api/v1/porting-requests/{id}; a status change made elsewhere (support, a
// colleague, the API) appears without a reload and is announced politely to screen readers.

type NamedRef = { id: string; name: string };

export type PortingRequestViewProps = {
  /** The request as the API shows it (portingRequestJson), so the first render and the poll agree. */
  initial: LiveRequest;
  renderedAt: number;
  companyProfile: NamedRef | null;
  distributionGroup: NamedRef | null;
  /** The company profile's fields now (a Blocked request marks the ones its rejection concerns). */
  profileValues?: Partial<Record<ProfileField, string | null>> | null;
  /** The conversation with support and the documents, as the API lists them; both kept fresh here. */
  comments: CommentJson[];
  documents: RequestDocumentJson[];
  /** Server-rendered sections below the documents (notifications). */
  children?: ReactNode;
};

/** Where the page shows each kind of part a rejection code points at. */
const PROBLEM_HREFS = {
  company_profile: "#details-title",
  current_provider: "#details-title",
  contract: "#details-title",
  numbers: "#numbers-title",
  document: "#documents-title",
};

export const correctedRequestHref = (id: string) => `/porting-requests/new?from=${encodeURIComponent(id)}`;

export function PortingRequestView({
  initial,
  renderedAt,
  companyProfile,
  distributionGroup,
  profileValues,
  comments,
  documents: initialDocuments,
  children,
}: PortingRequestViewProps) {
  const query = useQuery({
    queryKey: queryKeys.detail(initial.id),
    queryFn: ({ signal }) => fetchPortingRequest(initial.id, signal),
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: useLivePollInterval(),
  });
  const request = query.data;
  const documents = useRequestDocuments(initial.id, initialDocuments, renderedAt).data;
  const open = !isFinalStatus(request.status);
  // History entries that arrive by polling start their "just now" from a recent clock.
  const now = useNow(renderedAt, 15_000);
  const [notice, setNotice] = useState<{ tone: RequestActionNotice["tone"] | "info"; text: string } | null>(null);

  // A status that changes under the user's eyes is said once, in words, in the live region; so is a
  // new first possible porting date while the request stays Delayed. Our own actions report their
  // outcome themselves, so the status they lead to is not announced again.
  const announced = useRef({ status: initial.status, date: initial.firstPossiblePortingDate });
  useEffect(() => {
    const last = announced.current;
    const date = request.firstPossiblePortingDate;
    if (request.status === last.status && (request.status !== "delayed" || date === last.date)) return;
    announced.current = { status: request.status, date };
    setNotice({
      tone: "info",
      text:
        request.status === last.status && date
          ? `New first possible porting date: ${formatCalendarDate(date)}. ${request.statusReason}`
          : `Status changed to ${statusLabel(request.status)}: ${request.statusReason}`,
    });
  }, [request.status, request.statusReason, request.firstPossiblePortingDate]);

  function onActionNotice(next: RequestActionNotice) {
    if (next.status) announced.current = { status: next.status, date: announced.current.date };
    setNotice(next);
  }

  const pollError = query.isRefetchError ? query.error : null;
  const flags = flaggedParts<RejectionProblem>(request.rejectionCodes);
  const canCorrect = request.status === "blocked" && !request.resubmittedAs;
  const numberCount = request.phoneNumbers.length;
  const groupName = request.distributionGroupId ? (distributionGroup?.name ?? "your chosen group") : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href={request.sandbox ? "/porting-requests?sandbox=true" : "/porting-requests"} className="text-sm font-medium text-brand-700 hover:underline">
          {request.sandbox ? "← Sandbox" : "← Porting requests"}
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{request.reference}</h1>
              <StatusBadge status={request.status} />
              {request.sandbox ? (
                <span
                  className="rounded-full bg-amber-50 px-2.5 py-0.5 text-xs font-semibold text-amber-800 ring-1 ring-inset ring-amber-300"
                  title="Made with a test API key: a simulated provider moves it; support never sees it and it never reaches your voice numbers."
                >
                  Sandbox
                </span>
              ) : null}
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {plural(numberCount, `${NUMBER_TYPE_LABELS[request.numberType].toLowerCase()} number`)} from{" "}
              {countryNameInText(request.country)} · {request.currentProvider} · created{" "}
              <RelativeTime iso={request.createdAt} now={now} />
            </p>
          </div>
          <div className="w-full sm:w-auto">
            {canCorrect ? (
              <ButtonLink href={correctedRequestHref(request.id)} className="w-full sm:w-auto" data-testid="create-corrected-request">
                Create corrected request
              </ButtonLink>
            ) : null}
            <RequestActions
              variant="page"
              onNotice={onActionNotice}
              request={{
                id: request.id,
                reference: request.reference,
                status: request.status,
                version: request.version,
                allowedActions: request.allowedActions,
                numberCount,
                numbers: request.phoneNumbers.slice(0, 3).map((n) => n.number),
                currentProvider: request.currentProvider,
                distributionGroupName: groupName,
                sandbox: request.sandbox,
              }}
            />
          </div>
        </div>
      </div>

      <div role="status" aria-live="polite" className="space-y-2 empty:hidden">
        {notice ? (
          <Notice tone={notice.tone} onDismiss={() => setNotice(null)}>
            {notice.text}
          </Notice>
        ) : null}
        {isSessionEnded(pollError) ? <SessionEndedNotice what="page" /> : null}
        {pollError instanceof FetchError && pollError.status === 404 ? (
          <Notice tone="warning">This request is no longer available.</Notice>
        ) : null}
      </div>

      <WaitingForYouBanner show={request.waitingForCustomer} />

      <section aria-labelledby="current-status" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="current-status" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
          Current status
        </h2>
        <div className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1">
          <StatusBadge status={request.status} />
          <span className="text-sm text-slate-500">
            since <RelativeTime iso={request.statusChangedAt} now={now} />
          </span>
        </div>
        <p className="mt-2 text-base text-slate-900" data-testid="status-reason">
          {request.statusReason}
        </p>
        {request.resubmissionOf ? (
          <p className="mt-2 text-sm text-slate-700" data-testid="resubmission-of">
            This request corrects{" "}
            <Link href={`/porting-requests/${request.resubmissionOf.id}`} className="font-medium text-brand-700 hover:underline">
              {request.resubmissionOf.reference}
            </Link>
            , which was declined.
          </p>
        ) : null}
        {request.status === "blocked" && request.rejectionCodes.length > 0 ? (
          <div className="mt-4 rounded-lg border border-red-200 bg-red-50/60 p-4" role="group" aria-labelledby="what-to-fix">
            <h3 id="what-to-fix" className="text-sm font-semibold text-red-950">
              What to fix{request.rejectionCodes.length > 1 ? ` (${request.rejectionCodes.length} problems)` : ""}
            </h3>
            <p className="mt-0.5 text-sm text-red-900">
              Each problem is also marked where it shows on this page.{" "}
              {canCorrect ? "A corrected request starts with everything this one holds, so you only change what is listed here." : null}
            </p>
            <div className="mt-3">
              <RejectionProblems problems={request.rejectionCodes} country={request.country} hrefs={PROBLEM_HREFS} />
            </div>
            <div className="mt-4 flex flex-wrap items-center gap-3">
              {canCorrect ? (
                <ButtonLink href={correctedRequestHref(request.id)}>Create corrected request</ButtonLink>
              ) : request.resubmittedAs ? (
                <p className="text-sm text-slate-800" data-testid="resubmitted-as">
                  Corrected as{" "}
                  <Link href={`/porting-requests/${request.resubmittedAs.id}`} className="font-semibold text-brand-700 hover:underline">
                    {request.resubmittedAs.reference}
                  </Link>
                  .
                </p>
              ) : null}
            </div>
          </div>
        ) : null}
        <ScheduledMoment at={request.scheduledPortingAt} audience="customer" />
        {request.status === "delayed" && request.firstPossiblePortingDate ? (
          <div className="mt-4 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3">
            <p className="text-sm font-medium text-amber-900">First possible porting date</p>
            <p className="mt-0.5 text-xl font-semibold text-amber-950" data-testid="first-possible-porting-date">
              {formatCalendarDate(request.firstPossiblePortingDate)}
            </p>
          </div>
        ) : null}
        <h3 className="mt-5 text-sm font-semibold text-slate-900">What happens next</h3>
        <div className="mt-1">
          <NextSteps request={request} distributionGroupName={groupName} />
        </div>
      </section>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title={`Numbers (${numberCount})`} id="numbers">
            <NumbersTable numbers={request.phoneNumbers} flagged={flags.numbers} />
          </Card>
          <RequestConversation
            requestId={request.id}
            viewer="customer"
            initialComments={comments}
            renderedAt={renderedAt}
            final={!open}
            waitingForCustomer={request.waitingForCustomer}
          />
          <Card title="History" id="history">
            <RequestTimeline history={request.history} documents={documents} renderedAt={now} />
          </Card>
          <RequestDocuments requestId={request.id} documents={documents} flagged={flags.documents}>
            {open ? (
              <AddDocumentForm requestId={request.id} />
            ) : (
              <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-500">Documents can be added while a request is open.</p>
            )}
          </RequestDocuments>
          {children}
        </div>
        <Card title="Details" id="details">
          <Facts
            request={request}
            companyProfile={companyProfile}
            groupName={groupName}
            renderedAt={now}
            flags={flags}
            profileValues={profileValues ?? null}
          />
        </Card>
      </div>
    </div>
  );
}

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} className="self-start rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

function NumbersTable({ numbers, flagged }: { numbers: LiveRequest["phoneNumbers"]; flagged: FlaggedParts["numbers"] }) {
  return (
    <div className="max-h-96 overflow-y-auto">
      <table className="min-w-full text-sm">
        <thead className="sr-only">
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {numbers.map((n) => {
            const problems = flagged.get(n.number) ?? [];
            return (
              <tr key={n.number} className={problems.length > 0 ? "bg-red-50/70" : undefined} data-flagged={problems.length > 0 || undefined}>
                <td className={`py-2 pr-4 ${problems.length > 0 ? "border-l-2 border-red-500 pl-2" : ""}`}>
                  <span className="font-medium tabular-nums text-slate-900">{formatNumber(n.number)}</span>
                  <ProblemMarker problems={problems} />
                </td>
                <td className="py-2 text-right align-top text-slate-600">{NUMBER_TYPE_LABELS[n.type]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function Facts({
  request,
  companyProfile,
  groupName,
  renderedAt,
  flags,
  profileValues,
}: {
  request: LiveRequest;
  companyProfile: NamedRef | null;
  groupName: string | null;
  renderedAt: number;
  flags: FlaggedParts;
  profileValues: Partial<Record<ProfileField, string | null>> | null;
}) {
  const nl = request.country === "NL";
  const none = <span className="text-slate-500">None</span>;
  const flagged = new Set<string>();
  const marked = (label: string, value: ReactNode, problems: readonly RejectionProblem[]): [string, ReactNode] => {
    if (problems.length > 0) flagged.add(label);
    return [
      label,
      <>
        {value}
        <ProblemMarker problems={problems} />
      </>,
    ];
  };
  const profileProblems = [...flags.profileFields.entries()];
  const rows: [string, ReactNode][] = [
    ["Reference", request.reference],
    ...(request.customerReference ? [["Your reference", request.customerReference] as [string, ReactNode]] : []),
    ["Status", <StatusBadge key="s" status={request.status} />],
    ["Country", countryName(request.country)],
    ["Number type", NUMBER_TYPE_LABELS[request.numberType]],
    marked("Current provider", request.currentProvider, flags.currentProvider),
  ];
  if (!nl || request.preferredPortingDate) {
    rows.push(["Preferred porting date", request.preferredPortingDate ? formatDateTimeUtc(request.preferredPortingDate) : "As soon as possible"]);
  }
  if (request.firstPossiblePortingDate) {
    rows.push(["First possible porting date", formatCalendarDate(request.firstPossiblePortingDate)]);
  }
  if (request.contractScenario || flags.contract.length > 0) {
    rows.push(marked("Contract", request.contractScenario ? CONTRACT_SCENARIO_INFO[request.contractScenario].label : none, flags.contract));
  }
  rows.push(
    [
      "Distribution group",
      groupName && request.distributionGroupId ? (
        <Link key="g" href={`/distribution-groups/${request.distributionGroupId}`} className="text-brand-700 hover:underline">
          {groupName}
        </Link>
      ) : (
        none
      ),
    ],
    [
      "Company profile",
      <>
        {companyProfile ? (
          <Link key="p" href={`/company-profiles/${companyProfile.id}`} className="text-brand-700 hover:underline">
            {companyProfile.name}
          </Link>
        ) : (
          none
        )}
        {profileProblems.length > 0 ? (
          <ul className="mt-1.5 space-y-1.5 rounded-md border border-red-200 bg-red-50/70 p-2" data-testid="flagged-profile-fields">
            {profileProblems.map(([field, problems]) => (
              <li key={field}>
                <span className="block text-xs text-slate-600">
                  {isCountryCode(request.country) ? profileFieldLabel(request.country, field as ProfileField) : field}
                </span>
                <span className="block text-slate-900">{profileValues?.[field as ProfileField] || <span className="text-slate-500">Not given</span>}</span>
                <ProblemMarker problems={problems} />
              </li>
            ))}
          </ul>
        ) : null}
      </>,
    ],
    ["Callback URL", request.callbackUrl ? <span className="break-all">{request.callbackUrl}</span> : none],
    ["Comment", request.comment ? <span className="whitespace-pre-line">{request.comment}</span> : none],
    [
      "Created",
      <span key="c" title={formatDateTimeUtc(request.createdAt)}>
        {formatDateTimeUtc(request.createdAt)}
      </span>,
    ],
    ["Last updated", <RelativeTime key="u" iso={request.updatedAt} now={renderedAt} />],
  );
  return (
    <dl className="space-y-3 text-sm">
      {rows.map(([label, value]) => (
        <div
          key={label}
          data-flagged={flagged.has(label) || undefined}
          className={`grid grid-cols-[9rem_1fr] gap-2 lg:grid-cols-1 lg:gap-0.5 xl:grid-cols-[9rem_1fr] xl:gap-2 ${flagged.has(label) ? "-mx-2 rounded-md bg-red-50/70 px-2 py-1" : ""}`}
        >
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

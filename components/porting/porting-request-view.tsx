"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { SessionEndedNotice } from "@/components/ui/session-ended";
import { StatusBadge } from "@/components/ui/status-badge";
import { CONTRACT_SCENARIO_INFO, NUMBER_TYPE_LABELS, countryName, countryNameInText } from "@/lib/porting/countries";
import { statusLabel } from "@/lib/porting/statuses";
import { useNow } from "@/components/shared/use-now";
import { formatCalendarDate, formatDateTimeUtc, formatNumber, plural } from "@/components/shared/format";
import { FetchError, isSessionEnded } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { fetchPortingRequest, queryKeys, type LiveRequest } from "./live-data";
import { NextSteps } from "./next-steps";
import { RequestActions } from "./request-actions";
import { RequestTimeline } from "./request-timeline";
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
  /** Server-rendered sections below the history (documents, later notifications). */
  children?: ReactNode;
};

export function PortingRequestView({ initial, renderedAt, companyProfile, distributionGroup, children }: PortingRequestViewProps) {
  const query = useQuery({
    queryKey: queryKeys.detail(initial.id),
    queryFn: ({ signal }) => fetchPortingRequest(initial.id, signal),
    initialData: initial,
    initialDataUpdatedAt: renderedAt,
    refetchInterval: useLivePollInterval(),
  });
  const request = query.data;
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
  const numberCount = request.phoneNumbers.length;
  const groupName = request.distributionGroupId ? (distributionGroup?.name ?? "your chosen group") : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href="/porting-requests" className="text-sm font-medium text-brand-700 hover:underline">
          ← Porting requests
        </Link>
        <div className="mt-2 flex flex-wrap items-start justify-between gap-4">
          <div>
            <div className="flex flex-wrap items-center gap-3">
              <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{request.reference}</h1>
              <StatusBadge status={request.status} />
            </div>
            <p className="mt-1 text-sm text-slate-600">
              {plural(numberCount, `${NUMBER_TYPE_LABELS[request.numberType].toLowerCase()} number`)} from{" "}
              {countryNameInText(request.country)} · {request.currentProvider} · created{" "}
              <RelativeTime iso={request.createdAt} now={now} />
            </p>
          </div>
          <div className="w-full sm:w-auto">
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

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={`Numbers (${numberCount})`} id="numbers">
            <NumbersTable numbers={request.phoneNumbers} />
          </Card>
          <Card title="History" id="history">
            <RequestTimeline history={request.history} renderedAt={now} />
          </Card>
          {children}
        </div>
        <Card title="Details" id="details">
          <Facts request={request} companyProfile={companyProfile} groupName={groupName} renderedAt={now} />
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

function NumbersTable({ numbers }: { numbers: LiveRequest["phoneNumbers"] }) {
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
          {numbers.map((n) => (
            <tr key={n.number}>
              <td className="py-2 pr-4 font-medium tabular-nums text-slate-900">{formatNumber(n.number)}</td>
              <td className="py-2 text-right text-slate-600">{NUMBER_TYPE_LABELS[n.type]}</td>
            </tr>
          ))}
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
}: {
  request: LiveRequest;
  companyProfile: NamedRef | null;
  groupName: string | null;
  renderedAt: number;
}) {
  const nl = request.country === "NL";
  const none = <span className="text-slate-500">None</span>;
  const rows: [string, ReactNode][] = [
    ["Reference", request.reference],
    ...(request.customerReference ? [["Your reference", request.customerReference] as [string, ReactNode]] : []),
    ["Status", <StatusBadge key="s" status={request.status} />],
    ["Country", countryName(request.country)],
    ["Number type", NUMBER_TYPE_LABELS[request.numberType]],
    ["Current provider", request.currentProvider],
  ];
  if (!nl || request.preferredPortingDate) {
    rows.push(["Preferred porting date", request.preferredPortingDate ? formatDateTimeUtc(request.preferredPortingDate) : "As soon as possible"]);
  }
  if (request.firstPossiblePortingDate) {
    rows.push(["First possible porting date", formatCalendarDate(request.firstPossiblePortingDate)]);
  }
  if (request.contractScenario) {
    rows.push(["Contract", CONTRACT_SCENARIO_INFO[request.contractScenario].label]);
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
      companyProfile ? (
        <Link key="p" href={`/company-profiles/${companyProfile.id}`} className="text-brand-700 hover:underline">
          {companyProfile.name}
        </Link>
      ) : (
        none
      ),
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
        <div key={label} className="grid grid-cols-[9rem_1fr] gap-2 lg:grid-cols-1 lg:gap-0.5 xl:grid-cols-[9rem_1fr] xl:gap-2">
          <dt className="text-slate-500">{label}</dt>
          <dd className="min-w-0 text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

"use client";

import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { NUMBER_TYPE_LABELS, countryName } from "@/lib/porting/country-names";
import { formatCalendarDate, numbersSummary } from "@/components/shared/format";
import { type LiveRequest } from "./live-data";
import { RequestActions, type RequestActionsRequest } from "./request-actions";
import { WaitingForYouBadge } from "./waiting-for-you";
import type { RequestActionNotice } from "./use-request-action";

// The list's rows: a table on wide screens, cards on phones, each with the actions the request allows now.

type RowProps = {
  rows: LiveRequest[];
  renderedAt: number;
  groupNames: Record<string, string>;
  onNotice: (notice: RequestActionNotice) => void;
};

function actionTarget(row: LiveRequest, groupNames: Record<string, string>): RequestActionsRequest {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    version: row.version,
    allowedActions: row.allowedActions,
    numberCount: row.phoneNumbers.length,
    numbers: row.phoneNumbers.slice(0, 3).map((n) => n.number),
    currentProvider: row.currentProvider,
    distributionGroupName: row.distributionGroupId ? (groupNames[row.distributionGroupId] ?? "your chosen group") : null,
    sandbox: row.sandbox,
  };
}

const SHORT_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** The spec: a Delayed request's first possible porting date is found "in the porting request overview". */
function FirstPossibleDate({ row }: { row: LiveRequest }) {
  if (row.status !== "delayed" || !row.firstPossiblePortingDate) return null;
  return (
    <span className="mt-1 block text-xs whitespace-nowrap text-amber-900" data-testid="row-first-possible-date">
      First possible:{" "}
      <time dateTime={row.firstPossiblePortingDate} title={formatCalendarDate(row.firstPossiblePortingDate)}>
        {SHORT_DATE.format(new Date(`${row.firstPossiblePortingDate}T00:00:00Z`))}
      </time>
    </span>
  );
}

function Numbers({ row }: { row: LiveRequest }) {
  const { first, more } = numbersSummary(row.phoneNumbers[0]?.number, row.phoneNumbers.length);
  return (
    <>
      <span className="whitespace-nowrap tabular-nums">{first}</span>
      {more ? <span className="whitespace-nowrap text-slate-500"> {more}</span> : null}
    </>
  );
}

/** The customer's own reference under ours; long ones are cut with the whole text on hover. */
function CustomerReference({ value }: { value: string | null }) {
  if (!value) return null;
  return (
    <span className="block max-w-32 truncate text-xs font-normal text-slate-500" title={value}>
      <span className="sr-only">Your reference: </span>
      {value}
    </span>
  );
}

export function RequestTable({ rows, renderedAt, groupNames, onNotice }: RowProps) {
  return (
    <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white md:block">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Porting requests, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Reference</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Numbers</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Country</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Type</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Status</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Last reason</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">Last change</th>
            <th scope="col" className="px-4 py-3 whitespace-nowrap">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.id} data-request-id={row.id} className="align-top hover:bg-slate-50/60">
              <td className="px-4 py-3 font-medium whitespace-nowrap">
                <Link href={`/porting-requests/${row.id}`} className="text-brand-700 hover:underline">
                  {row.reference}
                </Link>
                <CustomerReference value={row.customerReference} />
              </td>
              <td className="px-4 py-3">
                <Numbers row={row} />
              </td>
              <td className="px-4 py-3 whitespace-nowrap">{countryName(row.country)}</td>
              <td className="px-4 py-3 whitespace-nowrap">{NUMBER_TYPE_LABELS[row.numberType]}</td>
              <td className="px-4 py-3">
                <StatusBadge status={row.status} />
                <FirstPossibleDate row={row} />
                <WaitingForYouBadge show={row.waitingForCustomer} />
              </td>
              <td className="max-w-64 px-4 py-3 text-slate-600">
                <p className="line-clamp-2" title={row.statusReason}>
                  {row.statusReason}
                </p>
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                <RelativeTime iso={row.statusChangedAt} now={renderedAt} />
              </td>
              <td className="px-4 py-3 text-right whitespace-nowrap">
                <RequestActions request={actionTarget(row, groupNames)} variant="row" onNotice={onNotice} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RequestCards({ rows, renderedAt, groupNames, onNotice }: RowProps) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Porting requests, newest first">
      {rows.map((row) => (
        <li key={row.id} data-request-id={row.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <Link href={`/porting-requests/${row.id}`} className="font-semibold text-brand-700 hover:underline">
                {row.reference}
              </Link>
              <CustomerReference value={row.customerReference} />
            </div>
            <div className="shrink-0 text-right">
              <StatusBadge status={row.status} />
              <WaitingForYouBadge show={row.waitingForCustomer} />
            </div>
          </div>
          <p className="mt-2 text-sm text-slate-900">
            <Numbers row={row} />
          </p>
          <p className="mt-1 text-sm text-slate-600">
            {countryName(row.country)} · {NUMBER_TYPE_LABELS[row.numberType]} ·{" "}
            <RelativeTime iso={row.statusChangedAt} now={renderedAt} />
          </p>
          <FirstPossibleDate row={row} />
          <p className="mt-2 line-clamp-3 text-sm text-slate-600">{row.statusReason}</p>
          {row.allowedActions.length > 0 ? (
            <div className="mt-3 border-t border-slate-100 pt-3">
              <RequestActions request={actionTarget(row, groupNames)} variant="row" onNotice={onNotice} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

"use client";

import Link from "next/link";
import { formatNumber, plural } from "@/components/shared/format";
import { Pill } from "@/components/ui/pill";
import { StatusBadge } from "@/components/ui/status-badge";
import { countryName, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { STATUSES } from "@/lib/porting/statuses";
import type { SupportQueueItem } from "@/lib/support/queue";
import { WaitAge } from "./wait-age";

// The queue's rows: a table on wide screens, cards on phones, each with how long it has waited.

function NumbersSummary({ item, stacked = false }: { item: SupportQueueItem; stacked?: boolean }) {
  const first = item.phoneNumbers[0] ? formatNumber(item.phoneNumbers[0]) : "—";
  const type = NUMBER_TYPE_LABELS[item.numberType];
  return (
    <span>
      <span className="font-medium text-slate-900">{plural(item.numberCount, "number")}</span>
      {stacked ? (
        <>
          <span className="block text-xs whitespace-nowrap text-slate-500">{first}</span>
          <span className="block text-xs text-slate-500">{type}</span>
        </>
      ) : (
        <span className="block text-xs text-slate-500">
          {first} · {type}
        </span>
      )}
    </span>
  );
}

/** The conversation beside the status: customer comments no agent has read, and a question still open. */
function ConversationMarkers({ item }: { item: SupportQueueItem }) {
  if (item.unreadComments === 0 && !item.waitingForCustomer) return null;
  return (
    <span className="mt-1 flex flex-wrap gap-1">
      {item.unreadComments > 0 ? (
        <span data-testid="queue-unread">
          <Pill tone="blue">
            <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-blue-600" />
            {plural(item.unreadComments, "unread message")}
          </Pill>
        </span>
      ) : null}
      {item.waitingForCustomer ? <Pill tone="slate">Waiting for customer</Pill> : null}
    </span>
  );
}

function NewMarker() {
  return (
    <span className="rounded bg-brand-600 px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide text-white">New</span>
  );
}

type RowsProps = { items: SupportQueueItem[]; now: number; showNewMarker: boolean; ageLabel: string };

export function QueueTable({ items, now, showNewMarker, ageLabel }: RowsProps) {
  return (
    <div className="hidden overflow-hidden rounded-xl border border-slate-200 bg-white md:block">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-3">Reference</th>
            <th scope="col" className="px-4 py-3">Account</th>
            <th scope="col" className="px-4 py-3">Country</th>
            <th scope="col" className="px-4 py-3">Numbers</th>
            <th scope="col" className="px-4 py-3">Status</th>
            <th scope="col" className="px-4 py-3">{ageLabel}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((item) => {
            const isNew = item.status === "requested";
            return (
              <tr key={item.id} className={isNew && showNewMarker ? "bg-brand-50/50" : undefined}>
                <td className={`px-4 py-3 ${isNew && showNewMarker ? "border-l-4 border-l-brand-600" : "border-l-4 border-l-transparent"}`}>
                  <span className="flex items-center gap-2">
                    <Link href={`/support/porting-requests/${item.id}`} className="font-semibold text-brand-700 hover:underline">
                      {item.reference}
                    </Link>
                    {isNew && showNewMarker ? <NewMarker /> : null}
                  </span>
                </td>
                <td className="px-4 py-3">
                  <Link href={`/support/accounts/${item.accountId}`} className="text-slate-800 hover:text-brand-700 hover:underline">
                    {item.accountName}
                  </Link>
                  {item.customerReference ? (
                    <span className="block max-w-56 truncate text-xs text-slate-500" title={item.customerReference}>
                      <span className="sr-only">Customer reference: </span>
                      {item.customerReference}
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-3 whitespace-nowrap">{countryName(item.country)}</td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <NumbersSummary item={item} />
                </td>
                <td className="px-4 py-3">
                  <StatusBadge status={item.status} />
                  <ConversationMarkers item={item} />
                </td>
                <td className="px-4 py-3 whitespace-nowrap">
                  <WaitAge item={item} now={now} />
                  {item.status === "delayed" && item.firstPossiblePortingDate ? (
                    <span className="block text-xs text-slate-500">until {shortDate(item.firstPossiblePortingDate)}</span>
                  ) : null}
                  <AgreedDate item={item} block />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function QueueCards({ items, now, showNewMarker, ageLabel }: RowsProps) {
  return (
    <ul className="space-y-3 md:hidden" aria-label="Requests">
      {items.map((item) => {
        const isNew = item.status === "requested" && showNewMarker;
        return (
          <li
            key={item.id}
            className={`rounded-xl border bg-white p-4 shadow-sm ${isNew ? "border-slate-200 border-l-4 border-l-brand-600" : "border-slate-200"}`}
          >
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <span className="flex items-center gap-2">
                  <Link href={`/support/porting-requests/${item.id}`} className="font-semibold text-brand-700 hover:underline">
                    {item.reference}
                  </Link>
                  {isNew ? <NewMarker /> : null}
                </span>
                <Link href={`/support/accounts/${item.accountId}`} className="mt-0.5 block truncate text-sm text-slate-700 hover:underline">
                  {item.accountName}
                </Link>
                {item.customerReference ? (
                  <span className="block truncate text-xs text-slate-500" title={item.customerReference}>
                    <span className="sr-only">Customer reference: </span>
                    {item.customerReference}
                  </span>
                ) : null}
              </div>
              <div className="shrink-0 text-right">
                <StatusBadge status={item.status} />
                <ConversationMarkers item={item} />
              </div>
            </div>
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">Numbers</dt>
                <dd>
                  <NumbersSummary item={item} stacked />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Country</dt>
                <dd>{countryName(item.country)}</dd>
              </div>
              <div className="col-span-2">
                <dt className="text-xs text-slate-500">{ageLabel}</dt>
                <dd>
                  <WaitAge item={item} now={now} />
                  {item.status === "delayed" && item.firstPossiblePortingDate ? (
                    <span className="text-xs text-slate-500"> · until {shortDate(item.firstPossiblePortingDate)}</span>
                  ) : null}
                  <AgreedDate item={item} />
                </dd>
              </div>
            </dl>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Outside NL: the moment support confirmed ("scheduled"), else the customer's preferred one; the
 * wait counts from it (lib/support/wait-thresholds.ts). Nothing for NL or "as soon as possible".
 */
function AgreedDate({ item, block = false }: { item: SupportQueueItem; block?: boolean }) {
  if (STATUSES[item.status].final) return null;
  const at = item.scheduledPortingAt ?? item.preferredPortingDate;
  if (!at) return null;
  const text = `${item.scheduledPortingAt ? "Scheduled" : "Preferred"} ${shortMoment(at)}`;
  return (
    <span className={`${block ? "block" : "ml-1"} text-xs ${item.scheduledPortingAt ? "font-medium text-sky-800" : "text-slate-500"}`} data-testid="agreed-date">
      {block ? null : "· "}
      <time dateTime={at}>{text}</time>
    </span>
  );
}

function shortMoment(iso: string): string {
  const date = new Date(iso);
  return `${new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" }).format(date)} UTC`;
}

function shortDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(parsed);
}

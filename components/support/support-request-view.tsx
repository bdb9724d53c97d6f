"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { ACTOR_ROLE_LABELS, formatBytes, formatCalendarDate, formatDateTimeUtc, formatNumber, plural } from "@/components/shared/format";
import { FetchError } from "@/components/shared/fetch-json";
import { useLivePollInterval } from "@/components/shared/live-updates";
import { fetchPortingRequest, queryKeys } from "@/components/porting/live-data";
import { ProblemMarker, RejectionProblems } from "@/components/porting/rejection-problems";
import Link from "next/link";
import { flaggedParts } from "@/lib/porting/rejection-codes";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { CONTRACT_SCENARIO_INFO, countryName, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import type { PortingRequestDto } from "@/lib/porting/dto";
import { STATUSES, statusLabel } from "@/lib/porting/statuses";
import { isSupportAction, SUPPORT_ACTION_COPY, type SupportAction } from "@/lib/support/status-change-form";
import { SupportActionDialog, type SupportActionOutcome } from "./support-action-dialog";
import { ScheduledMoment } from "@/components/porting/scheduled-moment";
import { CompleteEarlyDialog, ScheduleControls } from "./schedule-controls";
import { useNow } from "@/components/shared/use-now";
import { Field, Section } from "./section";
import { WaitAge } from "./wait-age";
import { AddDocumentForm } from "@/components/porting/add-document-form";
import type { CommentJson, RequestDocumentJson } from "@/components/porting/conversation-data";
import { RequestConversation } from "@/components/porting/request-conversation";
import { RequestDocuments } from "@/components/porting/request-documents";
import { timelineEntries } from "@/components/porting/request-timeline";
import { useRequestDocuments } from "@/components/porting/use-request-documents";
import { DOCUMENT_KIND_LABELS } from "@/lib/porting/document-files";

// The live part of the support request page: status, actions, the conversation with the customer,
// numbers, details, history (with documents added later) and the documents, kept fresh from
// GET /api/v1/porting-requests/{id} (the JSON integrators get) and its comments and documents. The
// account and company profile around it are rendered on the server (`aside`).

type PageNotice = { tone: "success" | "warning"; title: string; text?: string };

export function SupportRequestView({
  initial,
  distributionGroupName,
  aside,
  serverNow,
  comments,
  documents: initialDocuments,
}: {
  initial: PortingRequestDto;
  distributionGroupName: string | null;
  aside: ReactNode;
  serverNow: number;
  /** The conversation (internal notes included) and the documents, as the API lists them; kept fresh here. */
  comments: CommentJson[];
  documents: RequestDocumentJson[];
}) {
  const queryClient = useQueryClient();
  const now = useNow(serverNow);
  const query = useQuery({
    queryKey: queryKeys.detail(initial.id),
    queryFn: ({ signal }) => fetchPortingRequest(initial.id, signal),
    initialData: initial,
    refetchInterval: useLivePollInterval(),
  });
  const request = query.data;
  const documents = useRequestDocuments(initial.id, initialDocuments, serverNow).data;
  // Stays mounted after closing (open: false), so the dialog can hand the focus back to its button.
  const [dialog, setDialog] = useState<{ action: SupportAction; opening: number; open: boolean } | null>(null);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [completeEarly, setCompleteEarly] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);

  // After an action the dialog returns the focus to the button that opened it; when that button
  // is gone (Accept after accepting), the result takes the focus instead of the page's body. The
  // dialog's close event is a task of its own, so this looks after it has run.
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => {
      const active = document.activeElement;
      if (!active || active === document.body) noticeRef.current?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [notice]);

  // The way forward first (the primary button), rejection last: it ends the request.
  const actions = request.allowedActions
    .filter(isSupportAction)
    .sort((a, b) => Number(a === "reject") - Number(b === "reject"));

  function onOutcome(outcome: SupportActionOutcome) {
    setDialog((d) => (d ? { ...d, open: false } : d));
    if (outcome.kind === "done") {
      queryClient.setQueryData(queryKeys.detail(request.id), outcome.request);
      void queryClient.invalidateQueries({ queryKey: ["support-queue"] });
      setNotice({
        tone: "success",
        title: `${SUPPORT_ACTION_COPY[outcome.action].done}: ${outcome.request.reference} is now ${outcome.request.statusLabel}.`,
        text: "The customer is notified by email and callback.",
      });
    } else if (outcome.kind === "changed") {
      if (outcome.request) queryClient.setQueryData(queryKeys.detail(request.id), outcome.request);
      void queryClient.invalidateQueries({ queryKey: queryKeys.detail(request.id) });
      setNotice({ tone: "warning", title: outcome.message, text: "Nothing was overwritten. Check the request below and act again if needed." });
    } else {
      void queryClient.invalidateQueries({ queryKey: queryKeys.detail(request.id) });
      setNotice({ tone: "warning", title: "This request is no longer available." });
    }
  }

  const pollFailed = query.isError;
  const gone = query.error instanceof FetchError && query.error.status === 404;
  const info = STATUSES[request.status];
  const flags = flaggedParts(request.rejectionCodes);
  const flaggedNumbers = flags.numbers;

  return (
    <div className="space-y-6">
      <div ref={noticeRef} tabIndex={-1} role="status" aria-live="polite" className="outline-none empty:hidden">
        {notice ? (
          <Notice tone={notice.tone} title={notice.title} onDismiss={() => setNotice(null)}>
            {notice.text}
          </Notice>
        ) : null}
      </div>
      {pollFailed ? (
        <div role="alert">
          <Notice tone="warning" title={gone ? "This request is no longer available." : "Could not refresh this request"}>
            {gone ? null : "Showing the last state we received; we keep trying."}
          </Notice>
        </div>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Section title="Status" headingId="status-heading">
            <div className="flex flex-wrap items-center gap-3">
              <span data-testid="request-status">
                <StatusBadge status={request.status} />
              </span>
              {info.final ? (
                <span className="text-sm text-slate-600">
                  <RelativeTime iso={request.statusChangedAt} now={serverNow} />
                </span>
              ) : (
                <span className="text-sm text-slate-600">
                  for <WaitAge item={request} now={now} />
                </span>
              )}
            </div>
            <p className="mt-3 text-sm text-slate-900">
              <span className="font-medium">Reason: </span>
              <span data-testid="status-reason">{request.statusReason}</span>
            </p>
            {request.firstPossiblePortingDate ? (
              <p className="mt-1 text-sm text-slate-700">
                <span className="font-medium">First possible porting date: </span>
                {formatCalendarDate(request.firstPossiblePortingDate)}
              </p>
            ) : null}
            <ScheduledMoment at={request.scheduledPortingAt} audience="support" />
            <p className="mt-1 text-xs text-slate-500">{info.description}</p>
            {request.rejectionCodes.length > 0 ? (
              <div className="mt-3">
                <h3 className="text-sm font-medium text-slate-900">What the customer must fix</h3>
                <div className="mt-2">
                  <RejectionProblems problems={request.rejectionCodes} country={request.country} headingLevel={4} testId="support-rejection-problems" />
                </div>
              </div>
            ) : null}
            {request.resubmittedAs ? (
              <p className="mt-3 text-sm text-slate-900" data-testid="resubmitted-as">
                Resubmitted as{" "}
                <Link href={`/support/porting-requests/${request.resubmittedAs.id}`} className="font-semibold text-brand-700 hover:underline">
                  {request.resubmittedAs.reference}
                </Link>
                .
              </p>
            ) : null}

            <div className="mt-4 border-t border-slate-100 pt-4">
              {actions.length > 0 ? (
                <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" role="group" aria-label="Support actions">
                  {actions.map((action) => (
                    <Button
                      key={action}
                      variant={action === "reject" ? "danger" : actions[0] === action ? "primary" : "secondary"}
                      aria-haspopup="dialog"
                      onClick={() => {
                        setNotice(null);
                        // Completing by hand before a confirmed moment asks first (issue 14 item 5).
                        if (action === "complete" && request.scheduledPortingAt) return setCompleteEarly(true);
                        setDialog((d) => ({ action, opening: (d?.opening ?? 0) + 1, open: true }));
                      }}
                    >
                      {action === "delay" && request.status === "delayed" ? "Set a new date" : SUPPORT_ACTION_COPY[action].label}
                    </Button>
                  ))}
                  <ScheduleControls request={request} onNotice={setNotice} />
                </div>
              ) : (
                <p className="text-sm text-slate-600">{noActionsText(request)}</p>
              )}
            </div>
          </Section>

          <RequestConversation
            requestId={request.id}
            viewer="support"
            initialComments={comments}
            renderedAt={serverNow}
            final={info.final}
            waitingForCustomer={request.waitingForCustomer}
          />

          <Section title={`Numbers (${request.phoneNumbers.length})`} headingId="numbers-heading">
            <ul className="divide-y divide-slate-100 text-sm">
              {request.phoneNumbers.map((n) => (
                <li key={n.number} className="flex items-start justify-between gap-3 py-2">
                  <span>
                    <span className="font-mono tabular-nums">{formatNumber(n.number)}</span>
                    <ProblemMarker problems={flaggedNumbers.get(n.number) ?? []} />
                  </span>
                  <span className="text-slate-600">{NUMBER_TYPE_LABELS[n.type]}</span>
                </li>
              ))}
            </ul>
          </Section>

          <Section title="Details" headingId="details-heading">
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <Field label="Country">{countryName(request.country)}</Field>
              <Field label="Number type">{NUMBER_TYPE_LABELS[request.numberType]}</Field>
              <Field label="Current provider">{request.currentProvider}</Field>
              {request.customerReference ? <Field label="Customer reference">{request.customerReference}</Field> : null}
              {request.country === "NL" ? (
                <Field label="Contract scenario">
                  {request.contractScenario ? CONTRACT_SCENARIO_INFO[request.contractScenario].label : "—"}
                </Field>
              ) : (
                <Field label="Preferred porting date">
                  {request.preferredPortingDate ? formatDateTimeUtc(request.preferredPortingDate) : "As soon as possible"}
                </Field>
              )}
              <Field label="Distribution group">{distributionGroupName ?? "None"}</Field>
              <Field label="Callback URL">
                {request.callbackUrl ? <span className="break-all">{request.callbackUrl}</span> : "None"}
              </Field>
              <Field label="Created">
                <RelativeTime iso={request.createdAt} now={serverNow} />
              </Field>
              <Field label="Last change">
                <RelativeTime iso={request.updatedAt} now={serverNow} />
              </Field>
              <Field label="Comment from the customer" wide>
                <span className="whitespace-pre-line">{request.comment ?? "None"}</span>
              </Field>
            </dl>
          </Section>

          <Section title="History" headingId="history-heading">
            <History entries={request.history} documents={documents} now={serverNow} />
          </Section>
        </div>

        <aside className="min-w-0 space-y-6" aria-label="Account, company profile and documents">
          {aside}
          <RequestDocuments requestId={request.id} documents={documents} flagged={flags.documents}>
            {info.final ? (
              <p className="mt-4 border-t border-slate-100 pt-3 text-xs text-slate-500">Documents can be added while a request is open.</p>
            ) : (
              <AddDocumentForm requestId={request.id} />
            )}
          </RequestDocuments>
        </aside>
      </div>

      <CompleteEarlyDialog
        open={completeEarly}
        request={request}
        onClose={() => setCompleteEarly(false)}
        onConfirm={() => {
          setCompleteEarly(false);
          setDialog((d) => ({ action: "complete", opening: (d?.opening ?? 0) + 1, open: true }));
        }}
      />
      {dialog ? (
        <SupportActionDialog
          key={dialog.opening}
          open={dialog.open}
          action={dialog.action}
          request={request}
          onClose={() => setDialog((d) => (d ? { ...d, open: false } : d))}
          onOutcome={onOutcome}
        />
      ) : null}
    </div>
  );
}

function noActionsText(request: PortingRequestDto): string {
  if (STATUSES[request.status].final) return `No actions: ${statusLabel(request.status)} is final.`;
  if (request.status === "ready_to_be_ported") return "Waiting for the customer to perform or cancel the porting.";
  return "No support actions are possible in this status.";
}

/** Status changes and, beside them, the documents added after the creation (issue 14), newest first. */
function History({ entries, documents, now }: { entries: PortingRequestDto["history"]; documents: readonly RequestDocumentJson[]; now: number }) {
  const timeline = timelineEntries(entries, documents);
  const newestStatus = timeline.find((e) => e.kind === "status");
  const added = timeline.length - entries.length;
  return (
    <ol
      className="relative space-y-5 border-l border-slate-200 pl-5"
      aria-label={`${plural(entries.length, "status change")}${added > 0 ? ` and ${plural(added, "document")} added` : ""}, newest first`}
    >
      {timeline.map((item, index) =>
        item.kind === "document" ? (
          <li key={`document-${item.document.id}`} className="relative" data-testid="timeline-document">
            <span aria-hidden className="absolute -left-[26px] top-1 h-3 w-3 rounded-sm border-2 border-white bg-slate-400" />
            <p className="text-sm font-medium text-slate-900">Document added: {DOCUMENT_KIND_LABELS[item.document.kind]}</p>
            <p className="mt-0.5 break-all text-sm text-slate-700">
              {item.document.fileName} · {formatBytes(item.document.size)}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              {item.document.uploadedBy ? `${item.document.uploadedBy.name} (${ACTOR_ROLE_LABELS[item.document.uploadedBy.role]}) · ` : ""}
              {formatDateTimeUtc(item.document.createdAt)} (<RelativeTime iso={item.document.createdAt} now={now} />)
            </p>
          </li>
        ) : (
          <HistoryEntry key={`${item.at}-${index}`} entry={item.status} current={item === newestStatus} now={now} />
        ),
      )}
    </ol>
  );
}

function HistoryEntry({ entry, current, now }: { entry: PortingRequestDto["history"][number]; current: boolean; now: number }) {
  return (
    <li className="relative">
      <span
        aria-hidden
        className={`absolute -left-[26px] top-1 h-3 w-3 rounded-full border-2 border-white ${
          current ? "bg-brand-600" : "bg-slate-300"
        }`}
      />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <StatusBadge status={entry.to} />
        {entry.from && entry.from !== entry.to ? (
          <span className="text-xs text-slate-500">from {statusLabel(entry.from)}</span>
        ) : entry.from === entry.to ? (
          <span className="text-xs text-slate-500">new date</span>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-900">{entry.reason}</p>
      {entry.firstPossiblePortingDate ? (
        <p className="mt-0.5 text-sm text-slate-700">First possible porting date: {formatCalendarDate(entry.firstPossiblePortingDate)}</p>
      ) : null}
      <p className="mt-1 text-xs text-slate-500">
        {entry.actor.name} ({ACTOR_ROLE_LABELS[entry.actor.role]}) · {formatDateTimeUtc(entry.at)} (
        <RelativeTime iso={entry.at} now={now} />)
      </p>
    </li>
  );
}

"use client";

import type { ReactNode } from "react";
import { CONTRACT_SCENARIO_INFO, COUNTRIES, NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { DOCUMENT_KIND_LABELS, formatBytes } from "@/lib/porting/document-files";
import { formatNumber } from "@/lib/porting/numbers";
import type { ContractScenario, CountryCode, NumberType } from "@/lib/porting/values";
import { formatUtc, stepIndex, type ChosenDocuments, type NumberRow } from "./new-request-model";

const PREVIEW = 12;

export function NewRequestReviewStep({
  country,
  numberType,
  profileName,
  numbers,
  currentProvider,
  preferredPortingDate,
  contractScenario,
  groupName,
  callbackUrl,
  comment,
  customerReference,
  documents,
  onEdit,
}: {
  country: CountryCode;
  numberType: NumberType;
  profileName: string | null;
  numbers: readonly NumberRow[];
  currentProvider: string;
  preferredPortingDate: string;
  contractScenario: ContractScenario | null;
  groupName: string | null;
  callbackUrl: string;
  comment: string;
  customerReference: string;
  documents: ChosenDocuments;
  onEdit: (step: number) => void;
}) {
  const c = COUNTRIES[country];
  const chosenDocuments = Object.entries(documents).filter(([, d]) => d);
  return (
    <div className="space-y-4">
      <Section title="Country and number type" onEdit={() => onEdit(stepIndex("country"))}>
        <Item label="Country">{c.name}</Item>
        <Item label="Number type">{NUMBER_TYPE_LABELS[numberType]}</Item>
      </Section>
      <Section title="Company profile" onEdit={() => onEdit(stepIndex("profile"))}>
        <Item label="Profile">{profileName ?? <Missing />}</Item>
      </Section>
      <Section title="Phone numbers" onEdit={() => onEdit(stepIndex("numbers"))}>
        <Item label={`${numbers.length} ${numbers.length === 1 ? "number" : "numbers"}`}>
          {numbers.length === 0 ? (
            <Missing />
          ) : (
            <>
              <ul className="flex flex-wrap gap-1.5">
                {numbers.slice(0, PREVIEW).map((n) => (
                  <li key={`${n.index}-${n.input}`} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-800">
                    {n.e164 ? formatNumber(n.e164) : n.input}
                  </li>
                ))}
              </ul>
              {numbers.length > PREVIEW ? (
                <details className="mt-1.5">
                  <summary className="cursor-pointer text-sm text-brand-700">and {numbers.length - PREVIEW} more</summary>
                  <ul className="mt-1.5 flex flex-wrap gap-1.5">
                    {numbers.slice(PREVIEW).map((n) => (
                      <li key={`${n.index}-${n.input}`} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-800">
                        {n.e164 ? formatNumber(n.e164) : n.input}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </>
          )}
        </Item>
      </Section>
      <Section title="Porting details" onEdit={() => onEdit(stepIndex("details"))}>
        <Item label="Current provider">{currentProvider.trim() || <Missing />}</Item>
        <Item label="Your reference">{customerReference.trim() || "None"}</Item>
        <Item label="Porting date">
          {c.preferredDateAllowed ? (preferredPortingDate ? formatUtc(preferredPortingDate) : "As soon as possible") : "Set by the current provider"}
        </Item>
        {c.contractScenarios ? (
          <Item label="Contract">{contractScenario ? CONTRACT_SCENARIO_INFO[contractScenario].label : <Missing />}</Item>
        ) : null}
        <Item label="Distribution group">{groupName ?? "None — configure later"}</Item>
        <Item label="Callback URL">{callbackUrl.trim() ? <span className="break-all">{callbackUrl.trim()}</span> : "None"}</Item>
        <Item label="Comment">{comment.trim() ? <span className="whitespace-pre-wrap">{comment.trim()}</span> : "None"}</Item>
      </Section>
      <Section title="Documents" onEdit={() => onEdit(stepIndex("documents"))}>
        {chosenDocuments.length === 0 ? (
          <Item label="Files">None</Item>
        ) : (
          chosenDocuments.map(([kind, d]) =>
            d ? (
              <Item key={kind} label={DOCUMENT_KIND_LABELS[kind as keyof typeof DOCUMENT_KIND_LABELS]}>
                <span className="break-all">{d.file.name}</span> <span className="text-slate-500">({formatBytes(d.file.size)})</span>
              </Item>
            ) : null,
          )
        )}
      </Section>
      <p className="text-sm text-slate-600">
        {c.nlFlow
          ? "After you submit, the request is Requested. Support checks it and sends it to the current provider; when it agrees, the request becomes Ready to be ported and you perform the porting."
          : "After you submit, the request is Requested. Support checks it, runs the porting with the current provider and completes it; the numbers then appear on your voice account."}{" "}
        Every status change is emailed to the company profile’s notification addresses.
      </p>
    </div>
  );
}

function Section({ title, onEdit, children }: { title: string; onEdit: () => void; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
        <button
          type="button"
          onClick={onEdit}
          className="rounded px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50"
          aria-label={`Edit ${title.toLowerCase()}`}
        >
          Edit
        </button>
      </div>
      <dl className="divide-y divide-slate-100 px-4">{children}</dl>
    </section>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2.5 text-sm sm:grid-cols-[12rem_1fr] sm:gap-4">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 text-slate-900">{children}</dd>
    </div>
  );
}

function Missing() {
  return <span className="text-red-700">Missing</span>;
}

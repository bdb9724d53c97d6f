"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { setVoiceNumberGroupAction } from "@/app/(app)/numbers/actions";
import { formatDateTimeUtc, formatNumber } from "@/components/shared/format";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { Spinner } from "@/components/ui/spinner";
import { NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { useHydrated } from "@/components/shared/use-hydrated";
import type { VoiceNumberDto } from "@/lib/voice-numbers/dto";

// The account's numbers with their distribution group, changeable per row (select + Save) or for
// several at once (check rows, choose a group, Apply). The server's answer is shown at once; the
// page then refreshes from the server.

type Group = { id: string; name: string };
type Message = { tone: "success" | "danger"; text: string };

const NONE = "";

export function VoiceNumbersTable({ items, groups }: { items: VoiceNumberDto[]; groups: Group[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // The server's answer per number, shown until the refreshed page arrives with the same value.
  const [saved, setSaved] = useState<Record<string, Pick<VoiceNumberDto, "distributionGroupId" | "distributionGroupName">>>({});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkGroup, setBulkGroup] = useState<string>(NONE);
  const [message, setMessage] = useState<Message | null>(null);
  const bulkId = useId();
  const hydrated = useHydrated();

  const current = (n: VoiceNumberDto) => saved[n.number] ?? n;
  const groupName = (id: string) => (id === NONE ? "no group" : (groups.find((g) => g.id === id)?.name ?? "the group"));

  function apply(numbers: string[], groupId: string, after: () => void) {
    setMessage(null);
    setBusy(new Set(numbers));
    startTransition(async () => {
      try {
        const result = await setVoiceNumberGroupAction({ numbers, distributionGroupId: groupId === NONE ? null : groupId });
        if (result.ok) {
          setSaved((s) => ({
            ...s,
            ...Object.fromEntries(
              result.data.map((n) => [n.number, { distributionGroupId: n.distributionGroupId, distributionGroupName: n.distributionGroupName }]),
            ),
          }));
          after();
          const who = numbers.length === 1 ? formatNumber(numbers[0] ?? "") : `${numbers.length} numbers`;
          setMessage({
            tone: "success",
            text: groupId === NONE ? `${who}: no distribution group any more.` : `${who} now ${numbers.length === 1 ? "rings" : "ring"} “${groupName(groupId)}”.`,
          });
          router.refresh();
        } else {
          setMessage({ tone: "danger", text: result.code === "not_found" ? `${result.message} The page has been reloaded.` : result.message });
          if (result.code === "not_found") router.refresh();
        }
      } catch {
        setMessage({ tone: "danger", text: "We couldn't reach the server. Check your connection and try again." });
      } finally {
        setBusy(new Set());
      }
    });
  }

  const allSelected = items.length > 0 && items.every((n) => selected.has(n.number));
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(items.map((n) => n.number)));
  const toggle = (number: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });

  return (
    <div className="space-y-3" data-ready={hydrated ? "true" : undefined}>
      <div role="status" aria-live="polite" className="empty:hidden">
        {message ? (
          <Notice tone={message.tone} onDismiss={() => setMessage(null)}>
            {message.text}
          </Notice>
        ) : null}
      </div>

      {selected.size > 0 ? (
        <div
          role="region"
          aria-label="Change the group of the selected numbers"
          className="flex flex-wrap items-end gap-3 rounded-xl border border-blue-200 bg-brand-50 p-3"
        >
          <p className="basis-full text-sm font-medium text-slate-900 sm:basis-auto sm:self-center">
            {selected.size} selected
          </p>
          <div className="min-w-0 flex-1 sm:max-w-xs">
            <label htmlFor={bulkId} className="block text-xs font-medium text-slate-700">
              Move the selected numbers to
            </label>
            <select
              id={bulkId}
              value={bulkGroup}
              onChange={(e) => setBulkGroup(e.target.value)}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              <option value={NONE}>No group</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <Button size="sm" disabled={pending} onClick={() => apply([...selected], bulkGroup, () => setSelected(new Set()))}>
            {pending && busy.size > 1 ? <Spinner /> : null}
            Apply to {selected.size}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}

      <label className="flex items-center gap-2 px-1 text-sm text-slate-700 md:hidden">
        <input type="checkbox" checked={allSelected} onChange={toggleAll} className="h-4 w-4 accent-brand-600" />
        Select every number on this page
      </label>
      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
        <table className="block w-full text-sm md:table">
          <caption className="sr-only">Your numbers, their distribution group and where they came from</caption>
          <thead className="hidden bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 md:table-header-group">
            <tr>
              <th scope="col" className="w-10 px-4 py-3">
                <input
                  type="checkbox"
                  aria-label="Select every number on this page"
                  checked={allSelected}
                  onChange={toggleAll}
                  className="h-4 w-4 accent-brand-600"
                />
              </th>
              <th scope="col" className="px-4 py-3">
                Number
              </th>
              <th scope="col" className="px-4 py-3">
                Type
              </th>
              <th scope="col" className="px-4 py-3">
                Distribution group
              </th>
              <th scope="col" className="px-4 py-3">
                Came from
              </th>
            </tr>
          </thead>
          <tbody className="block divide-y divide-slate-100 md:table-row-group">
            {items.map((n) => {
              const shown = current(n);
              const value = drafts[n.number] ?? shown.distributionGroupId ?? NONE;
              const changed = value !== (shown.distributionGroupId ?? NONE);
              const formatted = formatNumber(n.number);
              const saving = pending && busy.has(n.number);
              const selectId = `group-${n.number.slice(1)}`;
              return (
                <tr key={n.number} role="row" data-number={n.number} className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-2 p-4 md:table-row md:p-0">
                  <td role="cell" className="row-span-3 pt-0.5 md:table-cell md:px-4 md:py-3">
                    <input
                      type="checkbox"
                      aria-label={`Select ${formatted}`}
                      checked={selected.has(n.number)}
                      onChange={() => toggle(n.number)}
                      className="h-4 w-4 accent-brand-600"
                    />
                  </td>
                  <td role="cell" className="md:table-cell md:px-4 md:py-3">
                    <span className="font-medium whitespace-nowrap text-slate-900">{formatted}</span>
                    <span className="ml-2 text-xs text-slate-500 md:hidden">{NUMBER_TYPE_LABELS[n.type]}</span>
                  </td>
                  <td role="cell" className="hidden text-slate-700 md:table-cell md:px-4 md:py-3">
                    {NUMBER_TYPE_LABELS[n.type]}
                  </td>
                  <td role="cell" className="md:table-cell md:px-4 md:py-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <label htmlFor={selectId} className="sr-only">
                        Distribution group for {formatted}
                      </label>
                      <select
                        id={selectId}
                        value={value}
                        onChange={(e) => setDrafts((d) => ({ ...d, [n.number]: e.target.value }))}
                        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm md:max-w-56"
                      >
                        <option value={NONE}>No group</option>
                        {groups.map((g) => (
                          <option key={g.id} value={g.id}>
                            {g.name}
                          </option>
                        ))}
                      </select>
                      <Button
                        size="sm"
                        variant={changed ? "primary" : "secondary"}
                        disabled={!changed || pending}
                        aria-label={`Save the group of ${formatted}`}
                        onClick={() =>
                          apply([n.number], value, () =>
                            setDrafts((d) => {
                              const next = { ...d };
                              delete next[n.number];
                              return next;
                            }),
                          )
                        }
                      >
                        {saving ? <Spinner /> : null}
                        {saving ? "Saving…" : "Save"}
                      </Button>
                    </div>
                  </td>
                  <td role="cell" className="text-slate-700 md:table-cell md:px-4 md:py-3">
                    {n.portingRequestId && n.portingRequestReference ? (
                      <span>
                        <span className="text-slate-500 md:hidden">From </span>
                        <Link href={`/porting-requests/${n.portingRequestId}`} className="font-medium text-brand-700 hover:underline">
                          {n.portingRequestReference}
                        </Link>
                      </span>
                    ) : (
                      <span className="text-slate-500">Added to your account</span>
                    )}
                    <span className="block text-xs text-slate-500" title={formatDateTimeUtc(n.createdAt)}>
                      since {new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(n.createdAt))}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

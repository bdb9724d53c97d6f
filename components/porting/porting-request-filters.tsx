"use client";

import Link from "next/link";
import { useState, type FormEvent, type ReactNode } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { COUNTRY_OPTIONS } from "@/lib/porting/country-names";
import type { ListFilterOptions } from "@/lib/porting/list-filter-options";
import type { CountryCode } from "@/lib/porting/values";
import { exportHref, hasFilters, withFilter, type ListFilters } from "./list-filters";

// The list's search and filters, written to the URL (typing waits for Enter or Search; a menu or
// date applies at once), and the export of the current view as CSV.

type ToolbarProps = { filters: ListFilters; options: ListFilterOptions; onChange: (next: ListFilters) => void; pending: boolean };

export function Toolbar(props: ToolbarProps) {
  // Keyed by the URL's q, so a back/forward navigation puts the box back in step with the view.
  return <ToolbarInner key={props.filters.q ?? ""} {...props} />;
}

const selectClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm shadow-sm focus:border-brand-500";

function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="block text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}

const MENU_FILTERS = ["country", "companyProfileId", "currentProvider", "createdFrom", "createdTo"] as const;

function ToolbarInner({ filters, options, onChange, pending }: ToolbarProps) {
  const [q, setQ] = useState(filters.q ?? "");
  // On a phone the five menus fold away behind one button (open when one of them is set); from
  // lg up they are always shown.
  const active = MENU_FILTERS.filter((name) => filters[name]).length;
  const [menusOpen, setMenusOpen] = useState(active > 0);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange(withFilter(filters, { q: q.trim() || undefined }));
  }
  const set = (change: Partial<ListFilters>) => onChange(withFilter(filters, change));
  // A provider from a shared link that this account's menu does not list still shows as chosen.
  const providers =
    filters.currentProvider && !options.currentProviders.some((p) => p.toLowerCase() === filters.currentProvider!.toLowerCase())
      ? [filters.currentProvider, ...options.currentProviders]
      : options.currentProviders;
  const chosenProvider = providers.find((p) => p.toLowerCase() === filters.currentProvider?.toLowerCase()) ?? "";

  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        {/* Without JavaScript this is a plain GET form: the same URL, rendered by the server. */}
        <form role="search" action="/porting-requests" onSubmit={submit} className="flex flex-1 gap-2">
          {(["status", "country", "createdFrom", "createdTo", "currentProvider", "companyProfileId"] as const).map((name) =>
            filters[name] ? <input key={name} type="hidden" name={name} value={filters[name]} /> : null,
          )}
          <div className="flex-1">
            <label htmlFor="request-search" className="block text-xs font-medium text-slate-600">
              Search by number or reference
            </label>
            <input
              id="request-search"
              type="search"
              name="q"
              value={q}
              maxLength={100}
              onChange={(event) => setQ(event.target.value)}
              placeholder="e.g. 020 794 0100, PR-000004 or your own reference"
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500"
            />
          </div>
          <Button type="submit" variant="secondary" className="self-end" disabled={pending}>
            Search
          </Button>
        </form>
        {/* A plain link: the browser downloads the file with the session cookie; every page of this view, not just this one. */}
        <a href={exportHref(filters)} download className={buttonClass("secondary", "md", "self-start sm:self-end")}>
          <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
            <path d="M10 3a1 1 0 0 1 1 1v7.59l2.3-2.3a1 1 0 1 1 1.4 1.42l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.42L9 11.6V4a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1v1h10v-1a1 1 0 1 1 2 0v2a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1Z" />
          </svg>
          Export CSV
        </a>
      </div>

      <button
        type="button"
        aria-expanded={menusOpen}
        aria-controls="request-filter-menus"
        onClick={() => setMenusOpen((open) => !open)}
        className={buttonClass("ghost", "sm", "lg:hidden")}
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className={`h-4 w-4 transition-transform ${menusOpen ? "rotate-90" : ""}`}>
          <path d="M7.3 4.3a1 1 0 0 1 1.4 0l5 5a1 1 0 0 1 0 1.4l-5 5a1 1 0 0 1-1.4-1.4L11.58 10 7.3 5.7a1 1 0 0 1 0-1.4Z" />
        </svg>
        Filters{active > 0 ? ` (${active})` : ""}
      </button>
      <div
        id="request-filter-menus"
        className={`${menusOpen ? "grid" : "hidden"} grid-cols-2 gap-3 lg:grid lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] lg:items-start`}
      >
        <Field id="request-country" label="Country">
          <select
            id="request-country"
            value={filters.country ?? ""}
            onChange={(event) => set({ country: (event.target.value || undefined) as CountryCode | undefined })}
            className={selectClass}
          >
            <option value="">All countries</option>
            {COUNTRY_OPTIONS.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="request-profile" label="Company profile">
          <select
            id="request-profile"
            value={filters.companyProfileId ?? ""}
            onChange={(event) => set({ companyProfileId: event.target.value || undefined })}
            className={selectClass}
          >
            <option value="">All profiles</option>
            {filters.companyProfileId && !options.companyProfiles.some((p) => p.id === filters.companyProfileId) ? (
              <option value={filters.companyProfileId}>Unknown profile</option>
            ) : null}
            {options.companyProfiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="request-provider" label="Current provider">
          <select id="request-provider" value={chosenProvider} onChange={(event) => set({ currentProvider: event.target.value || undefined })} className={selectClass}>
            <option value="">All providers</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        <Field id="request-created-from" label="Created from">
          <input
            id="request-created-from"
            type="date"
            value={filters.createdFrom ?? ""}
            max={filters.createdTo}
            onChange={(event) => set({ createdFrom: event.target.value || undefined })}
            className={selectClass.replace("pr-8", "pr-2")}
          />
        </Field>
        <Field id="request-created-to" label="Created to">
          <input
            id="request-created-to"
            type="date"
            value={filters.createdTo ?? ""}
            min={filters.createdFrom}
            onChange={(event) => set({ createdTo: event.target.value || undefined })}
            className={selectClass.replace("pr-8", "pr-2")}
          />
        </Field>
        {hasFilters(filters) ? (
          <Link
            href={filters.sandbox ? "/porting-requests?sandbox=true" : "/porting-requests"}
            className="col-span-2 mb-2 self-end justify-self-start text-sm font-medium whitespace-nowrap text-brand-700 underline-offset-2 hover:underline lg:col-span-1"
            onNavigate={(event) => {
              event.preventDefault();
              // Clearing the filters keeps the view (live or sandbox).
              onChange(filters.sandbox ? { sandbox: true } : {});
            }}
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}

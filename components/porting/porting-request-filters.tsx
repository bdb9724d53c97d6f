"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { COUNTRY_LIST } from "@/lib/porting/countries";
import type { CountryCode } from "@/lib/porting/values";
import { hasFilters, withFilter, type ListFilters } from "./list-filters";

// The list's search and country filter, written to the URL (typing waits a moment; Enter does not).

export function Toolbar({ filters, onChange, pending }: { filters: ListFilters; onChange: (next: ListFilters) => void; pending: boolean }) {
  // Keyed by the URL's q, so a back/forward navigation puts the box back in step with the view.
  return <ToolbarInner key={filters.q ?? ""} filters={filters} onChange={onChange} pending={pending} />;
}

function ToolbarInner({ filters, onChange, pending }: { filters: ListFilters; onChange: (next: ListFilters) => void; pending: boolean }) {
  const [q, setQ] = useState(filters.q ?? "");
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onChange(withFilter(filters, { q: q.trim() || undefined }));
  }
  return (
    <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
      {/* Without JavaScript this is a plain GET form: the same URL, rendered by the server. */}
      <form role="search" action="/porting-requests" onSubmit={submit} className="flex flex-1 gap-2">
        {filters.status ? <input type="hidden" name="status" value={filters.status} /> : null}
        {filters.country ? <input type="hidden" name="country" value={filters.country} /> : null}
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
            placeholder="e.g. 020 794 0100 or PR-000004"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500"
          />
        </div>
        <Button type="submit" variant="secondary" className="self-end" disabled={pending}>
          Search
        </Button>
      </form>
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="request-country" className="block text-xs font-medium text-slate-600">
            Country
          </label>
          <select
            id="request-country"
            name="country"
            value={filters.country ?? ""}
            onChange={(event) => onChange(withFilter(filters, { country: (event.target.value || undefined) as CountryCode | undefined }))}
            className="mt-1 block rounded-md border border-slate-300 bg-white py-2 pr-8 pl-3 text-sm shadow-sm focus:border-brand-500"
          >
            <option value="">All countries</option>
            {COUNTRY_LIST.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        {hasFilters(filters) ? (
          <Link
            href="/porting-requests"
            className="mb-2 text-sm font-medium whitespace-nowrap text-brand-700 underline-offset-2 hover:underline"
            onNavigate={(event) => {
              event.preventDefault();
              onChange({});
            }}
          >
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}

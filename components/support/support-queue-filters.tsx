"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { countryName } from "@/lib/porting/countries";
import type { SupportQueuePage } from "@/lib/support/queue";
import { COUNTRY_CODES } from "@/lib/porting/values";
import { queueHref, type QueueFilters } from "@/lib/support/queue-filters";
import { QUEUE_VIEW_LIST } from "@/lib/support/queue-views";

// The queue's views (tabs with their counts) and its search, both kept in the URL.

export function QueueTabs({ filters, counts }: { filters: QueueFilters; counts: SupportQueuePage["counts"] }) {
  return (
    <nav aria-label="Queue by status" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-slate-200">
        {QUEUE_VIEW_LIST.map((view) => {
          const current = view.id === filters.status;
          const count = counts[view.id];
          const highlight = view.emphasis && count > 0;
          return (
            <li key={view.id} className="-mb-px">
              <Link
                href={queueHref({ status: view.id, q: filters.q, country: filters.country })}
                scroll={false}
                aria-current={current ? "page" : undefined}
                className={`flex items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium transition-colors ${
                  current
                    ? "border-brand-600 text-brand-700"
                    : highlight
                      ? "border-transparent text-slate-900 hover:border-slate-300"
                      : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                <span>{view.label}</span>
                <span
                  className={`min-w-6 rounded-full px-1.5 py-0.5 text-center text-xs tabular-nums ${
                    highlight
                      ? "bg-brand-600 font-semibold text-white"
                      : current
                        ? "bg-brand-100 text-brand-700"
                        : "bg-slate-100 text-slate-600"
                  }`}
                >
                  {count.toLocaleString("en")}
                  {highlight ? <span className="sr-only"> new</span> : null}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export function SearchForm({ filters }: { filters: QueueFilters }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [q, setQ] = useState(filters.q ?? "");
  const [country, setCountry] = useState<string>(filters.country ?? "");

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const href = queueHref({
      status: filters.status,
      q: q.trim() || undefined,
      country: (COUNTRY_CODES as readonly string[]).includes(country) ? (country as QueueFilters["country"]) : undefined,
    });
    startTransition(() => router.push(href, { scroll: false }));
  }

  return (
    // A plain GET form underneath: it works before the page's script has loaded.
    <form role="search" action="/support" method="get" onSubmit={submit} className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <input type="hidden" name="status" value={filters.status} />
      <div className="min-w-0 flex-1">
        <label htmlFor="queue-q" className="block text-sm font-medium text-slate-700">
          Search
        </label>
        <input
          id="queue-q"
          name="q"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={100}
          placeholder="Number, reference or account"
          aria-describedby="queue-q-hint"
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400"
        />
        <p id="queue-q-hint" className="sr-only">
          A full phone number in any format, a reference such as PR-000123, or part of an account name.
        </p>
      </div>
      <div>
        <label htmlFor="queue-country" className="block text-sm font-medium text-slate-700">
          Country
        </label>
        <select
          id="queue-country"
          name="country"
          value={country}
          onChange={(e) => setCountry(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm sm:w-44"
        >
          <option value="">All countries</option>
          {COUNTRY_CODES.map((code) => (
            <option key={code} value={code}>
              {countryName(code)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary", "md", "flex-1 sm:flex-none")} disabled={pending}>
          {pending ? (
            <>
              <Spinner /> Searching…
            </>
          ) : (
            "Search"
          )}
        </button>
        {filters.q || filters.country ? (
          <Link href={queueHref({ status: filters.status })} className={buttonClass("ghost", "md")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}

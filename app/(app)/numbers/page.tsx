import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { KeepFresh } from "@/components/account/keep-fresh";
import { VoiceNumbersTable } from "@/components/account/voice-numbers-table";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { listDistributionGroups } from "@/lib/distribution-groups/list-distribution-groups";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { VoiceNumberPage } from "@/lib/voice-numbers/dto";
import { listVoiceNumbers } from "@/lib/voice-numbers/list-voice-numbers";

export const metadata: Metadata = { title: "Numbers" };

const PAGE_SIZE = 50;

const param = (value: string | string[] | undefined) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined);

function href(params: { q?: string; group?: string; cursor?: string }): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1])));
  const query = search.toString();
  return query ? `/numbers?${query}` : "/numbers";
}

export default async function NumbersPage(props: PageProps<"/numbers">) {
  const actor = await requireCustomerPage();
  const searchParams = await props.searchParams;
  const q = param(searchParams.q);
  const group = param(searchParams.group);
  const cursor = param(searchParams.cursor);

  const groups = await listDistributionGroups(actor);
  let page: VoiceNumberPage = { items: [], nextCursor: null };
  let problem: string | null = null;
  let groupApplied = group;
  let qApplied = q;
  try {
    page = await listVoiceNumbers(actor, { q, groupId: group, cursor, limit: PAGE_SIZE });
  } catch (error) {
    // A stale link (a deleted group, an old page cursor) is a message on the page, not an error page.
    if (error instanceof NotFoundError) {
      problem = "That distribution group doesn't exist (any more). Showing all numbers instead.";
      groupApplied = undefined;
    } else if (error instanceof ValidationError) {
      problem = Object.values(error.fieldErrors).flat()[0] ?? error.message;
      if (error.fieldErrors.q) qApplied = undefined;
    } else throw error;
    page = await listVoiceNumbers(actor, { q: qApplied, groupId: groupApplied, limit: PAGE_SIZE });
  }
  const filtered = Boolean(qApplied || groupApplied);
  const groupLabel = groupApplied === "none" ? "without a group" : groups.find((g) => g.id === groupApplied)?.name;

  if (!filtered && !cursor && page.items.length === 0 && !problem) {
    return (
      <>
        <PageHeader title="Numbers" description="The numbers on your voice account and where their calls ring." />
        <KeepFresh />
        <EmptyState
          title="No numbers yet"
          action={<ButtonLink href="/porting-requests">Go to porting requests</ButtonLink>}
        >
          Numbers appear here when a porting request completes: they are assigned to your voice account, with the distribution group
          you chose for the request.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Numbers" description="The numbers on your voice account and where their calls ring." />
      <KeepFresh />

      {problem ? (
        <div role="alert" className="mb-4">
          <Notice tone="warning">{problem}</Notice>
        </div>
      ) : null}

      <Form action="/numbers" className="mb-4 flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-3 sm:p-4" role="search" aria-label="Search numbers">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="numbers-q" className="block text-xs font-medium text-slate-700">
            Number
          </label>
          <input
            id="numbers-q"
            name="q"
            type="search"
            inputMode="tel"
            defaultValue={q}
            placeholder="+31 20 794 0100, 020 794…"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm"
          />
        </div>
        <div className="min-w-0 flex-1 basis-44 sm:max-w-xs">
          <label htmlFor="numbers-group" className="block text-xs font-medium text-slate-700">
            Distribution group
          </label>
          <select
            id="numbers-group"
            name="group"
            defaultValue={groupApplied ?? ""}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            <option value="">All groups</option>
            <option value="none">No group</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary", "sm", "py-1.5")}>
            Search
          </button>
          {filtered ? (
            <Link href="/numbers" className={buttonClass("ghost", "sm", "py-1.5")}>
              Clear
            </Link>
          ) : null}
        </div>
      </Form>

      {filtered ? (
        <p className="mb-3 text-sm text-slate-600" aria-live="polite">
          {page.items.length === 0 ? "No numbers" : `${page.items.length}${page.nextCursor ? "+" : ""} ${page.items.length === 1 ? "number" : "numbers"}`}
          {qApplied ? ` matching “${qApplied}”` : ""}
          {groupLabel ? (groupApplied === "none" ? ` ${groupLabel}` : ` in “${groupLabel}”`) : ""}.
        </p>
      ) : null}

      {page.items.length === 0 ? (
        <EmptyState title="No numbers match" action={<ButtonLink href="/numbers" variant="secondary">Show all numbers</ButtonLink>}>
          Search for a whole number in any format, or part of one.
        </EmptyState>
      ) : (
        <VoiceNumbersTable items={page.items} groups={groups.map((g) => ({ id: g.id, name: g.name }))} />
      )}

      {(cursor && !problem) || page.nextCursor ? (
        <nav aria-label="Pages" className="mt-4 flex flex-wrap justify-between gap-2">
          {cursor && !problem ? (
            <Link href={href({ q: qApplied, group: groupApplied })} className={buttonClass("secondary", "sm")}>
              First page
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={href({ q: qApplied, group: groupApplied, cursor: page.nextCursor })} className={buttonClass("secondary", "sm")}>
              Next page
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}

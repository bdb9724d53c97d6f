import Link from "next/link";
import { formatDateTimeUtc } from "@/components/shared/format";
import type { ResubmissionChange, ResubmissionComparison } from "@/lib/support/resubmission-changes";
import { Section } from "./section";

// On a corrected request's support page: the Blocked request it corrects, why that was rejected,
// and what changed since, field by field; what a rejection code pointed at is listed even when
// unchanged, since that is what support checks first. Rendered on the server.

export function ResubmissionChanges({ comparison }: { comparison: ResubmissionComparison }) {
  const { original, rows, unchangedFlagged } = comparison;
  const changed = rows.filter((r) => r.changed).length;
  return (
    <Section title={`What changed since ${original.reference} was rejected`} headingId="resubmission-heading">
      <div data-testid="resubmission-changes">
        <p className="text-sm text-slate-700">
          This request is a resubmission of{" "}
          <Link href={`/support/porting-requests/${original.id}`} className="font-semibold text-brand-700 hover:underline">
            {original.reference}
          </Link>
          , rejected{original.rejectedAt ? ` ${formatDateTimeUtc(original.rejectedAt)}` : ""}: “{original.reason}”
        </p>
        {original.rejectionCodes.length > 0 ? (
          <p className="mt-1 text-sm text-slate-700">
            <span className="font-medium">Problems flagged: </span>
            {original.rejectionCodes.map((c) => c.label).join(", ")}.
          </p>
        ) : null}
        <p className="mt-2 text-sm text-slate-900">
          {changed === 0 ? "Nothing changed." : `${changed} ${changed === 1 ? "part changed" : "parts changed"}.`}{" "}
          {unchangedFlagged > 0 ? (
            <span className="font-medium text-amber-800">
              {unchangedFlagged} flagged {unchangedFlagged === 1 ? "part is" : "parts are"} unchanged.
            </span>
          ) : rows.some((r) => r.flaggedBy.length > 0) ? (
            <span className="text-green-800">Every flagged part changed.</span>
          ) : null}
        </p>
        {rows.length > 0 ? (
          <>
            {/* Phones: one block per part, before above now. */}
            <ul className="mt-3 divide-y divide-slate-100 text-sm sm:hidden">
              {rows.map((row) => (
                <li key={row.key} className="py-2" data-key={row.key} data-changed={row.changed || undefined}>
                  <p className="font-medium text-slate-700">
                    {row.label}
                    <FlagNote row={row} />
                  </p>
                  <p className="mt-0.5 break-words text-slate-500">
                    <span className="text-xs">At the rejection: </span>
                    {row.changed ? <del className="decoration-slate-400">{row.before ?? "—"}</del> : (row.before ?? "—")}
                  </p>
                  <p className={`break-words ${row.changed ? "font-medium text-slate-900" : "text-slate-600"}`}>
                    <span className="text-xs font-normal text-slate-500">Now: </span>
                    {row.after ?? "—"}
                  </p>
                  {row.note ? <p className="text-xs text-slate-600">{row.note}</p> : null}
                </li>
              ))}
            </ul>
            <table className="mt-3 hidden min-w-full text-sm sm:table">
              <caption className="sr-only">Changes since the rejection, field by field</caption>
              <thead className="text-left text-xs font-semibold tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Field
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    At the rejection
                  </th>
                  <th scope="col" className="py-2">
                    Now
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 align-top">
                {rows.map((row) => (
                  <tr key={row.key} data-key={row.key} data-changed={row.changed || undefined}>
                    <th scope="row" className="py-2 pr-4 text-left font-medium text-slate-700">
                      {row.label}
                      <FlagNote row={row} />
                    </th>
                    <td className="py-2 pr-4 break-words text-slate-500">
                      {row.changed ? <del className="decoration-slate-400">{row.before ?? "—"}</del> : (row.before ?? "—")}
                    </td>
                    <td className={`py-2 break-words ${row.changed ? "font-medium text-slate-900" : "text-slate-600"}`}>
                      {row.changed ? <ins className="no-underline">{row.after ?? "—"}</ins> : (row.after ?? "—")}
                      {row.note ? <span className="mt-0.5 block text-xs font-normal text-slate-600">{row.note}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
      </div>
    </Section>
  );
}

function FlagNote({ row }: { row: ResubmissionChange }) {
  if (row.flaggedBy.length === 0) return null;
  return (
    <span className={`mt-0.5 block text-xs font-medium ${row.changed ? "text-green-800" : "text-amber-800"}`} title={`Flagged: ${row.flaggedBy.join(", ")}`}>
      {row.changed ? "Flagged · changed" : "Flagged · unchanged"}
    </span>
  );
}

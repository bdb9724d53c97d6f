import type { Metadata } from "next";
import { requestTime } from "@/lib/clock";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireCustomerPage } from "@/lib/auth/page";
import { countryName } from "@/lib/porting/countries";
import { NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { formatNumber } from "@/lib/porting/numbers";
import { listPortingRequests } from "@/lib/porting/queries";

export const metadata: Metadata = { title: "Porting requests" };

export default async function PortingRequestsPage() {
  const actor = await requireCustomerPage();
  const page = await listPortingRequests(actor, { limit: 50 });
  const now = requestTime();
  return (
    <>
      <PageHeader title="Porting requests" description="Your requests to move numbers onto the voice platform, newest first." />
      {page.items.length === 0 ? (
        <EmptyState title="No porting requests yet">Create your first request to move your numbers to us.</EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Reference</th>
                <th scope="col" className="px-4 py-3">Numbers</th>
                <th scope="col" className="px-4 py-3">Country</th>
                <th scope="col" className="px-4 py-3">Type</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">Last change</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((item) => (
                <tr key={item.id}>
                  <td className="px-4 py-3 font-medium">{item.reference}</td>
                  <td className="px-4 py-3 whitespace-nowrap">
                    {item.phoneNumbers[0] ? formatNumber(item.phoneNumbers[0]) : "—"}
                    {item.numberCount > 1 ? <span className="text-slate-500"> and {item.numberCount - 1} more</span> : null}
                  </td>
                  <td className="px-4 py-3">{countryName(item.country)}</td>
                  <td className="px-4 py-3">{NUMBER_TYPE_LABELS[item.numberType]}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={item.status} />
                    <p className="mt-1 max-w-xs truncate text-xs text-slate-500">{item.statusReason}</p>
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-600">
                    <RelativeTime iso={item.statusChangedAt} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

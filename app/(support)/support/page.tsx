import type { Metadata } from "next";
import { requestTime } from "@/lib/clock";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireSupportPage } from "@/lib/auth/page";
import { countryName } from "@/lib/porting/countries";
import { listPortingRequests } from "@/lib/porting/queries";

export const metadata: Metadata = { title: "Support queue" };

export default async function SupportQueuePage() {
  const actor = await requireSupportPage();
  const page = await listPortingRequests(actor, { limit: 50 });
  const now = requestTime();
  return (
    <>
      <PageHeader title="Support queue" description="Porting requests of every account." />
      {page.items.length === 0 ? (
        <EmptyState title="Nothing in the queue" />
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">Reference</th>
                <th scope="col" className="px-4 py-3">Account</th>
                <th scope="col" className="px-4 py-3">Country</th>
                <th scope="col" className="px-4 py-3">Numbers</th>
                <th scope="col" className="px-4 py-3">Status</th>
                <th scope="col" className="px-4 py-3">In this status since</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((item) => (
                <tr key={item.id}>
                  <td className="px-4 py-3 font-medium">{item.reference}</td>
                  <td className="px-4 py-3">{item.accountName}</td>
                  <td className="px-4 py-3">{countryName(item.country)}</td>
                  <td className="px-4 py-3">{item.numberCount}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={item.status} />
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

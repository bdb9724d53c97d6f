import type { Metadata } from "next";
import Link from "next/link";
import { NewRequestWizard } from "@/components/porting/new-request-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";
import { loadNewRequestOptions } from "@/lib/porting/new-request-options";
import { checkNumbersAction, createPortingRequestAction } from "./actions";

export const metadata: Metadata = { title: "New porting request" };

export default async function NewPortingRequestPage() {
  const actor = await requireCustomerPage();
  const options = await loadNewRequestOptions(actor);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/porting-requests" className="text-slate-600 hover:text-slate-900">
          ← Porting requests
        </Link>
      </nav>
      <PageHeader
        title="New porting request"
        description="Move numbers from your current provider to our voice platform, step by step. Nothing is sent until you submit on the last step."
      />
      <NewRequestWizard options={options} checkNumbers={checkNumbersAction} createRequest={createPortingRequestAction} />
    </>
  );
}

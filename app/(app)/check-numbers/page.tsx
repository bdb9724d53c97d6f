import type { Metadata } from "next";
import { CheckNumbersForm } from "@/components/porting/check-numbers-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireCustomerPage } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Check numbers" };

export default async function CheckNumbersPage() {
  await requireCustomerPage();
  return (
    <>
      <PageHeader
        title="Check numbers"
        description="Before you order: whether we can port your numbers, and what a porting request for them needs. Nothing is stored or reserved."
      />
      <CheckNumbersForm />
    </>
  );
}

import { ButtonLink } from "@/components/ui/button";

// A foreign, unknown or malformed id: the same answer for all three, so nothing leaks.
export default function CompanyProfileNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="text-2xl font-semibold text-slate-900">Company profile not found</h1>
      <p className="text-slate-600">There is no company profile at this address in your account. Check the link, or find the profile in your list.</p>
      <ButtonLink href="/company-profiles" className="mt-2">
        Go to company profiles
      </ButtonLink>
    </div>
  );
}

import { NotFoundPage } from "@/components/ui/not-found-page";

// A foreign, unknown or malformed id: the same answer for all three, so nothing leaks.
export default function CompanyProfileNotFound() {
  return <NotFoundPage title="Company profile not found" what="company profile" short="profile" list={{ href: "/company-profiles", label: "Go to company profiles" }} />;
}

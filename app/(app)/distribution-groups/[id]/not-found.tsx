import { NotFoundPage } from "@/components/ui/not-found-page";

// A foreign, unknown or malformed id: the same answer for all three, so nothing leaks.
export default function DistributionGroupNotFound() {
  return <NotFoundPage title="Distribution group not found" what="distribution group" short="group" list={{ href: "/distribution-groups", label: "Go to distribution groups" }} />;
}

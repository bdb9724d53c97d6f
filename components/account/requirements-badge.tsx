import type { CompanyProfileDto } from "@/lib/company-profiles/dto";
import { requirementFieldLabel } from "@/lib/company-profiles/dto";

/** "Meets requirements" in green, or "Missing: KvK number, City" in amber (the field names as the country calls them). */
export function RequirementsBadge({ profile }: { profile: Pick<CompanyProfileDto, "meetsRequirements" | "missingRequirements" | "country"> }) {
  if (profile.meetsRequirements) {
    return (
      <span className="inline-flex items-center gap-1 rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800 ring-1 ring-inset ring-green-200">
        <svg aria-hidden viewBox="0 0 20 20" className="h-3.5 w-3.5" fill="currentColor">
          <path fillRule="evenodd" d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" clipRule="evenodd" />
        </svg>
        Meets requirements
      </span>
    );
  }
  const labels = profile.missingRequirements.map((field) => requirementFieldLabel(profile.country, field));
  return (
    <span className="inline-flex items-start gap-1 rounded-lg bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-200">
      <svg aria-hidden viewBox="0 0 20 20" className="mt-px h-3.5 w-3.5 shrink-0" fill="currentColor">
        <path fillRule="evenodd" d="M8.3 3.1a2 2 0 0 1 3.4 0l6 10.4A2 2 0 0 1 16 16.5H4a2 2 0 0 1-1.7-3l6-10.4ZM10 7a1 1 0 0 0-1 1v3a1 1 0 1 0 2 0V8a1 1 0 0 0-1-1Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" clipRule="evenodd" />
      </svg>
      <span>Missing: {labels.join(", ")}</span>
    </span>
  );
}

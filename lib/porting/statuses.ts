import { FINAL_STATUSES, PORTING_STATUSES, type CountryCode, type PortingStatus } from "./values";

// The seven statuses of the customer documentation (shared/spec/porting-requests.md), with the
// spec's own labels and descriptions. The "Only for NL number porting." prefix is not part of the
// description: the `countries` field carries that fact instead (DESIGN.md, "Statuses").
// Pure data, safe to import from client components.

/** Colour tokens the UI maps to badge classes; one per status so a list reads at a glance. */
export type BadgeColour = "gray" | "blue" | "amber" | "violet" | "red" | "zinc" | "green";

export type StatusInfo = {
  id: PortingStatus;
  label: string;
  description: string;
  /** "all", or the only countries where a request can reach this status. */
  countries: "all" | readonly CountryCode[];
  final: boolean;
  badge: BadgeColour;
};

const NL_ONLY = ["NL"] as const satisfies readonly CountryCode[];

export const STATUSES = {
  requested: {
    id: "requested",
    label: "Requested",
    description: "We have received your request and will look into it as soon as possible.",
    countries: "all",
    final: false,
    badge: "gray",
  },
  in_progress: {
    id: "in_progress",
    label: "In progress",
    description: "We are currently looking into your request and you'll receive an update as soon as possible.",
    countries: "all",
    final: false,
    badge: "blue",
  },
  delayed: {
    id: "delayed",
    label: "Delayed",
    description:
      "There has been a delay in the request, you can find the first possible porting date in the porting request overview or via the Get Porting Request endpoint.",
    countries: NL_ONLY,
    final: false,
    badge: "amber",
  },
  ready_to_be_ported: {
    id: "ready_to_be_ported",
    label: "Ready to be ported",
    description:
      "Your request is ready to be ported as you are. Complete your porting request via the tooling or via the Perform Porting Request endpoint.",
    countries: NL_ONLY,
    final: false,
    badge: "violet",
  },
  blocked: {
    id: "blocked",
    label: "Blocked",
    description:
      "Your request has been declined. Please create a new porting request with the valid information. Find out what should be improved via the porting request page or via the Get Porting Request endpoint.",
    // DESIGN.md: rejection by support is `blocked` in every country.
    countries: "all",
    final: true,
    badge: "red",
  },
  cancelled: {
    id: "cancelled",
    label: "Cancelled",
    // Verbatim from the spec. Outside NL a customer may also cancel while requested or in progress
    // (DESIGN.md records that decision); the transition table, not this text, is the rule.
    description:
      "You cancelled the request. This is only possible when the status of the porting request is Ready to be ported.",
    countries: "all",
    final: true,
    badge: "zinc",
  },
  completed: {
    id: "completed",
    label: "Completed",
    description:
      "Your porting request is completed and the numbers are assigned with the (optionally) set configuration.",
    countries: "all",
    final: true,
    badge: "green",
  },
} as const satisfies { [S in PortingStatus]: StatusInfo & { id: S } };

/** In the order of the spec's table (also the order of status tabs). */
export const STATUS_LIST: readonly StatusInfo[] = PORTING_STATUSES.map((id) => STATUSES[id]);

export function statusInfo(status: PortingStatus): StatusInfo {
  return STATUSES[status];
}

/**
 * The spec's description of a status, fitted to the request's country. The spec's Cancelled text
 * ("only possible when … Ready to be ported") states the Dutch rule; elsewhere a customer may also
 * cancel while Requested or In progress (DESIGN.md), so only its first sentence holds there. Every
 * place that shows a description to a customer (pages, emails, the statuses endpoint) reads it here.
 * Without a country, the spec's own text.
 */
export function statusDescription(status: PortingStatus, country: string | null): string {
  // Only where a request reaches Ready to be ported (the NL flow, the catalogue's `nlFlow`: a test
  // holds the two equal) does support cancel; elsewhere only the customer does.
  if (status === "cancelled" && country !== null && !statusAppliesTo("ready_to_be_ported", country.toUpperCase())) return "You cancelled the request.";
  return STATUSES[status].description;
}

export function statusLabel(status: PortingStatus): string {
  return STATUSES[status].label;
}

export function isFinalStatus(status: PortingStatus): boolean {
  return (FINAL_STATUSES as readonly PortingStatus[]).includes(status);
}

export function statusAppliesTo(status: PortingStatus, country: string): boolean {
  const countries = STATUSES[status].countries;
  return countries === "all" || (countries as readonly string[]).includes(country);
}

/** The statuses a request of this country can have, for filters and the statuses endpoint. */
export function statusesForCountry(country: string): StatusInfo[] {
  return STATUS_LIST.filter((s) => statusAppliesTo(s.id, country));
}

import type { PortingStatus } from "./values";

// The transition table of DESIGN.md as pure data: the server verbs, the API and the UI buttons all
// read this one table, so a rule changes in exactly one place. Safe to import from client code.

export const TRANSITION_ACTIONS = ["accept", "reject", "delay", "mark_ready", "complete", "perform", "cancel"] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];

export type TransitionRole = "support" | "customer";
/** "NL" runs the Dutch (COIN) flow; "non_NL" is every other country; "all" is both. */
export type TransitionCountries = "NL" | "non_NL" | "all";

export type Transition = {
  action: TransitionAction;
  from: readonly PortingStatus[];
  to: PortingStatus;
  role: TransitionRole;
  countries: TransitionCountries;
  /** Support must type a reason; a customer may, and otherwise gets `defaultReason`. */
  needsReason: boolean;
  defaultReason: string | null;
  needsFirstPossibleDate: boolean;
};

export const CUSTOMER_PERFORM_REASON = "Performed by customer";
export const CUSTOMER_CANCEL_REASON = "Cancelled by customer";

const support = (t: Omit<Transition, "role" | "needsReason" | "defaultReason">): Transition => ({
  ...t,
  role: "support",
  needsReason: true,
  defaultReason: null,
});

const customer = (t: Omit<Transition, "role" | "needsReason" | "needsFirstPossibleDate">): Transition => ({
  ...t,
  role: "customer",
  needsReason: false,
  needsFirstPossibleDate: false,
});

export const TRANSITIONS: readonly Transition[] = [
  support({ action: "accept", from: ["requested"], to: "in_progress", countries: "all", needsFirstPossibleDate: false }),
  // DESIGN.md: rejection is `blocked` in every country.
  support({
    action: "reject",
    from: ["requested", "in_progress", "delayed"],
    to: "blocked",
    countries: "all",
    needsFirstPossibleDate: false,
  }),
  // The donor proposes a (new) later date: in_progress → delayed, and delayed → delayed with a new date.
  support({ action: "delay", from: ["in_progress", "delayed"], to: "delayed", countries: "NL", needsFirstPossibleDate: true }),
  support({
    action: "mark_ready",
    from: ["in_progress", "delayed"],
    to: "ready_to_be_ported",
    countries: "NL",
    needsFirstPossibleDate: false,
  }),
  support({ action: "complete", from: ["in_progress"], to: "completed", countries: "non_NL", needsFirstPossibleDate: false }),
  customer({
    action: "perform",
    from: ["ready_to_be_ported"],
    to: "completed",
    countries: "NL",
    defaultReason: CUSTOMER_PERFORM_REASON,
  }),
  // NL follows the spec's table (cancel only when ready); elsewhere a customer may cancel what
  // support has not finished (DESIGN.md, "Decisions").
  customer({ action: "cancel", from: ["ready_to_be_ported"], to: "cancelled", countries: "NL", defaultReason: CUSTOMER_CANCEL_REASON }),
  customer({
    action: "cancel",
    from: ["requested", "in_progress"],
    to: "cancelled",
    countries: "non_NL",
    defaultReason: CUSTOMER_CANCEL_REASON,
  }),
];

/** Button texts, shared by the customer and support pages. */
export const ACTION_LABELS: Record<TransitionAction, string> = {
  accept: "Accept",
  reject: "Reject",
  delay: "Delay",
  mark_ready: "Mark ready to be ported",
  complete: "Complete",
  perform: "Perform porting",
  cancel: "Cancel porting",
};

export function countryMatches(countries: TransitionCountries, country: string): boolean {
  if (countries === "all") return true;
  return countries === "NL" ? country === "NL" : country !== "NL";
}

type RequestState = { status: PortingStatus; country: string };

/** The transitions this role may take on a request in this state now, in table order. */
export function availableTransitions(request: RequestState, role: TransitionRole): Transition[] {
  return TRANSITIONS.filter(
    (t) => t.role === role && t.from.includes(request.status) && countryMatches(t.countries, request.country),
  );
}

/** Action ids for buttons and the DTO's `allowedActions`. */
export function allowedActions(request: RequestState, role: TransitionRole): TransitionAction[] {
  return [...new Set(availableTransitions(request, role).map((t) => t.action))];
}

/** The row that allows `action` on a request in this state, or undefined when the table refuses. */
export function findTransition(
  action: TransitionAction,
  status: PortingStatus,
  country: string,
  role: TransitionRole,
): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.action === action && t.role === role && t.from.includes(status) && countryMatches(t.countries, country),
  );
}

/** The row that leads to `to` from this state for this role (for callers that name the target status). */
export function findTransitionTo(
  to: PortingStatus,
  status: PortingStatus,
  country: string,
  role: TransitionRole,
): Transition | undefined {
  return TRANSITIONS.find(
    (t) => t.to === to && t.role === role && t.from.includes(status) && countryMatches(t.countries, country),
  );
}

/**
 * Whether this role may ever take this action, in any status or country. False is a 403 (a customer
 * calling a support transition); true-but-not-now is a 409 conflict (DESIGN.md).
 */
export function roleMayTakeAction(action: TransitionAction, role: TransitionRole): boolean {
  return TRANSITIONS.some((t) => t.action === action && t.role === role);
}

/** Whether this role has any transition that ends in `to`. */
export function roleMayReachStatus(to: PortingStatus, role: TransitionRole): boolean {
  return TRANSITIONS.some((t) => t.to === to && t.role === role);
}

export function isTransitionAction(value: string): value is TransitionAction {
  return (TRANSITION_ACTIONS as readonly string[]).includes(value);
}

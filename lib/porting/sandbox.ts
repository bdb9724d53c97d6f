import type { RejectionCode } from "./rejection-codes";
import type { CountryCode, PortingStatus } from "./values";

// The sandbox's magic numbers (issue 15 item 5, DESIGN.md "Sandbox"), as data: the simulated
// provider and support (lib/porting/sandbox-provider.ts) read it, and so do the API reference
// page's table and the OpenAPI document, so what is documented is what happens. Pure and
// client-safe.
//
// A sandbox request whose numbers include a magic number takes one step of its scenario every
// SANDBOX_STEP_SECONDS (the time it has been in its current status); any other sandbox request
// stays Requested. After the scenario's last step the request is the customer's as usual
// (NL Ready to be ported: Perform or Cancel).

export type SandboxScenario = {
  /** E.164. */
  number: string;
  /** As people write it. */
  display: string;
  country: CountryCode;
  /** The statuses it moves through after Requested, one a step. */
  steps: readonly PortingStatus[];
  /** What an integrator tests with it, in one sentence. */
  description: string;
};

export const SANDBOX_SCENARIOS: readonly SandboxScenario[] = [
  {
    number: "+31209990001",
    display: "+31 20 999 0001",
    country: "NL",
    steps: ["in_progress", "ready_to_be_ported"],
    description: "Accepted, then Ready to be ported: Perform or Cancel it as usual.",
  },
  {
    number: "+31209990002",
    display: "+31 20 999 0002",
    country: "NL",
    steps: ["in_progress", "delayed", "ready_to_be_ported"],
    description: "Accepted, Delayed with a first possible porting date 14 days ahead, then Ready to be ported.",
  },
  {
    number: "+31209990003",
    display: "+31 20 999 0003",
    country: "NL",
    steps: ["in_progress", "blocked"],
    description: "Accepted, then Blocked with a reason and the rejection code number_not_with_provider (resubmit it to try the correction flow).",
  },
  {
    number: "+493099900001",
    display: "+49 30 9990 0001",
    country: "DE",
    steps: ["in_progress", "completed"],
    description: "Accepted, then Completed by the provider (no voice number is assigned in the sandbox).",
  },
];

/** Every other number of a sandbox request: it stays Requested. */
export const SANDBOX_OTHER_NUMBERS = "Any other number: the request stays Requested.";

export const SANDBOX_DEFAULT_STEP_SECONDS = 5;

/** How many days ahead the simulated provider's first possible porting date lies (Delayed). */
export const SANDBOX_DELAY_DAYS = 14;

/** The rejection the simulated provider gives (Blocked). */
export const SANDBOX_REJECTION: { code: RejectionCode; reason: string } = {
  code: "number_not_with_provider",
  reason: "Sandbox: the current provider says this number is not in the customer's name with them.",
};

/** Who moves sandbox requests, in their history and status emails. */
export const SANDBOX_ACTOR_NAME = "Sandbox provider";

const BY_NUMBER = new Map(SANDBOX_SCENARIOS.map((s) => [s.number, s]));

/** The scenario a request's numbers choose (the first magic number in the request's order), or null. */
export function scenarioForNumbers(numbers: readonly string[]): SandboxScenario | null {
  for (const number of numbers) {
    const scenario = BY_NUMBER.get(number);
    if (scenario) return scenario;
  }
  return null;
}

/** The status a request in `status` moves to next in `scenario`; null when its scenario is over. */
export function nextSandboxStatus(scenario: SandboxScenario, status: PortingStatus): PortingStatus | null {
  if (status === "requested") return scenario.steps[0] ?? null;
  const at = scenario.steps.indexOf(status);
  return at >= 0 ? (scenario.steps[at + 1] ?? null) : null;
}

/** The reason the simulated provider or support gives for a step. */
export function sandboxStepReason(to: PortingStatus, firstPossiblePortingDate: string | null): string {
  switch (to) {
    case "in_progress":
      return "Sandbox: accepted and sent to the current provider.";
    case "delayed":
      return `Sandbox: the current provider asks for more time; first possible porting date ${firstPossiblePortingDate ?? ""}.`;
    case "ready_to_be_ported":
      return "Sandbox: the current provider agreed; perform the porting when you are ready.";
    case "blocked":
      return SANDBOX_REJECTION.reason;
    case "completed":
      return "Sandbox: the provider ported the numbers.";
    default:
      return `Sandbox: moved to ${to}.`;
  }
}

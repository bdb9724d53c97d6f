import { z } from "zod";
import { rejectionCodesInput } from "@/lib/porting/rejection-code-input";
import type { RejectionCode } from "@/lib/porting/rejection-codes";
import { requiredReason, transitionInputFields } from "@/lib/porting/schemas";
import type { TransitionAction } from "@/lib/porting/transitions";

// The support agent's status changes as the request page offers them: the form schema (shared by
// the dialog's resolver and the server action), and the canned reasons to pick from. The verb
// (transitionPortingRequest) checks everything again: status, country, reason, date. Client-safe.

export const SUPPORT_ACTIONS = ["accept", "reject", "delay", "mark_ready", "complete"] as const satisfies readonly TransitionAction[];
export type SupportAction = (typeof SUPPORT_ACTIONS)[number];

export function isSupportAction(action: string): action is SupportAction {
  return (SUPPORT_ACTIONS as readonly string[]).includes(action);
}

export const DATE_REQUIRED = "Give the first possible porting date proposed by the current provider.";

/** The status-change input (lib/porting/schemas.ts), with what the agent's form asks more. */
export const supportTransitionSchema = transitionInputFields
  .extend({
    action: z.enum(SUPPORT_ACTIONS, { error: "Unknown action." }),
    reason: requiredReason,
    // The page always knows the version it shows: a change by someone else meanwhile is a conflict.
    expectedVersion: z.coerce.number({ error: "The request's version is missing: reload the page." }).int().positive(),
    // Reject: what the customer must fix, as codes (the verb checks the numbers against the request).
    rejectionCodes: rejectionCodesInput.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.action === "delay" && !input.firstPossiblePortingDate) {
      ctx.addIssue({ code: "custom", path: ["firstPossiblePortingDate"], message: DATE_REQUIRED });
    }
    if (input.action === "reject" && (input.rejectionCodes ?? []).length === 0) {
      ctx.addIssue({ code: "custom", path: ["rejectionCodes"], message: REJECTION_CODES_REQUIRED_IN_FORM });
    }
  });

export const REJECTION_CODES_REQUIRED_IN_FORM = "Tick at least one problem, so the customer knows what to fix.";

export type SupportTransitionInput = z.input<typeof supportTransitionSchema>;

export type SupportActionCopy = {
  /** Button and dialog title. */
  label: string;
  /** What the dialog explains before the agent confirms. */
  description: string;
  submit: string;
  /** Shown after success. */
  done: string;
  tone: "primary" | "danger";
  /** Reasons agents give most; picking one fills the text, which stays editable. */
  cannedReasons: readonly string[];
};

export const SUPPORT_ACTION_COPY: Record<SupportAction, SupportActionCopy> = {
  accept: {
    label: "Accept",
    description: "The request moves to In progress. The customer gets the reason by email and callback.",
    submit: "Accept request",
    done: "Accepted",
    tone: "primary",
    cannedReasons: [
      "Documents verified, request submitted to the current provider",
      "Request checked; we are contacting the current provider",
      "Letter of authorisation received; porting started",
    ],
  },
  reject: {
    label: "Reject",
    description:
      "The request is Blocked and final: the customer must create a new request. Say exactly what to correct.",
    submit: "Reject request",
    done: "Rejected",
    tone: "danger",
    cannedReasons: [
      "The name on the letter of authorisation does not match the contract holder at the current provider. Please create a new request with a letter signed by the contract holder.",
      "The address does not match the address registered at the current provider. Please create a new request with the address as on the provider's invoice.",
      "The letter of authorisation is missing or not signed. Please create a new request with a signed letter.",
      "One or more numbers are not registered to this customer at the current provider.",
      "The current provider declined the port: the numbers are still under a contract that does not allow porting.",
    ],
  },
  delay: {
    label: "Delay",
    description: "The request is Delayed until the first possible porting date the current provider proposed.",
    submit: "Delay request",
    done: "Delayed",
    tone: "primary",
    cannedReasons: [
      "The current provider proposed a later date",
      "The numbers are under contract until the end of the notice period",
      "The current provider moved the date",
    ],
  },
  mark_ready: {
    label: "Mark ready to be ported",
    description:
      "The request becomes Ready to be ported: the customer can now perform the porting (or cancel it).",
    submit: "Mark ready",
    done: "Marked ready to be ported",
    tone: "primary",
    cannedReasons: [
      "Donor agreed; ready for porting",
      "The current provider confirmed the porting date; ready for porting",
    ],
  },
  complete: {
    label: "Complete",
    description:
      "The request is Completed: every number is assigned to the customer's voice account, with the chosen distribution group.",
    submit: "Complete request",
    done: "Completed",
    tone: "primary",
    cannedReasons: [
      "Ported by the current provider; the numbers are assigned to your voice account",
      "Porting carried out on the preferred date; the numbers are assigned to your voice account",
    ],
  },
};

/** Picking a common rejection reason also ticks the problems it names (the agent may untick them). */
export const CANNED_REJECTION_CODES: Readonly<Record<string, readonly RejectionCode[]>> = {
  [SUPPORT_ACTION_COPY.reject.cannedReasons[0]!]: ["company_name", "letter_of_authorisation"],
  [SUPPORT_ACTION_COPY.reject.cannedReasons[1]!]: ["address"],
  [SUPPORT_ACTION_COPY.reject.cannedReasons[2]!]: ["letter_of_authorisation"],
  [SUPPORT_ACTION_COPY.reject.cannedReasons[3]!]: ["number_not_with_provider"],
  [SUPPORT_ACTION_COPY.reject.cannedReasons[4]!]: ["contract_term"],
};

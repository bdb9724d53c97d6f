import { z } from "zod";
import { COUNTRIES, numberTypeSupport } from "./countries";
import { rejectionCodesInput } from "./rejection-code-input";
import { TRANSITION_ACTIONS } from "./transitions";
import { CONTRACT_SCENARIOS, COUNTRY_CODES, MAX_REASON_LENGTH, NUMBER_TYPES, PORTING_STATUSES } from "./values";

// One zod schema per input, shared by the form resolver, the server action and the REST API
// (STYLE.md habit 2). Client-safe on purpose: no env, no database, no Node modules. Checks that
// need those (company profile, numbers against the database, the callback URL guard) run in the
// domain verb, which reports them in the same field-error shape.

export const MAX_NUMBERS_PER_REQUEST = 500;
export const MAX_COMMENT_LENGTH = 2000;
// In values.ts, so a client component can read it without bundling zod with this module's schemas.
export { MAX_REASON_LENGTH };
export const MAX_CUSTOMER_REFERENCE_LENGTH = 100;

/** Forms send "" for an empty optional field; the API may send null or leave it out. */
const emptyToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToNull, schema.nullish());

export const PREFERRED_DATE_EARLIEST_HOUR_UTC = 6;
export const PREFERRED_DATE_LATEST_HOUR_UTC = 20;

/** Whether a moment falls in the 06:00–20:00 UTC window in which a preferred-date port is picked up. */
export function withinPortingWindow(date: Date): boolean {
  const minutes = date.getUTCHours() * 60 + date.getUTCMinutes() + date.getUTCSeconds() / 60;
  return minutes >= PREFERRED_DATE_EARLIEST_HOUR_UTC * 60 && minutes <= PREFERRED_DATE_LATEST_HOUR_UTC * 60;
}

export const createPortingRequestFields = z.object({
  country: z.enum(COUNTRY_CODES, { error: "Choose a country we port from: NL, BE, DE, GB, FR or ES." }),
  numberType: z.enum(NUMBER_TYPES, { error: "Choose a number type: geographic, national, mobile or toll_free." }),
  companyProfileId: z.uuid({ error: "Choose a company profile." }),
  phoneNumbers: z
    .array(
      z
        .string({ error: "Enter the phone number as text." })
        .trim()
        .min(1, "Enter a phone number here, or remove the empty line.")
        .max(64, "This is too long to be one phone number."),
      { error: "Enter the phone numbers to port." },
    )
    .min(1, "Enter at least one phone number.")
    .max(MAX_NUMBERS_PER_REQUEST, `At most ${MAX_NUMBERS_PER_REQUEST} numbers per request: split them over several requests.`),
  currentProvider: z
    .string({ error: "Name your current provider." })
    .trim()
    .min(1, "Name your current provider.")
    .max(200, "Keep the provider's name under 200 characters.")
    // trim() keeps zero-width and other invisible characters: a name needs a letter or a digit.
    .regex(/[\p{L}\p{N}]/u, "Name your current provider: this has no letters or digits."),
  preferredPortingDate: optional(
    z.iso.datetime({ offset: true, error: "Give the date and time in ISO 8601, such as 2030-05-14T09:00:00Z." }),
  ),
  contractScenario: optional(z.enum(CONTRACT_SCENARIOS, { error: "Choose one of the contract scenarios." })),
  distributionGroupId: optional(z.uuid({ error: "Choose a distribution group." })),
  callbackUrl: optional(
    z
      .string()
      .trim()
      .max(2000, "The callback URL is longer than 2000 characters.")
      .pipe(z.url({ protocol: /^https?$/, error: "Enter a full URL, starting with https://." })),
  ),
  comment: optional(
    z.string().trim().max(MAX_COMMENT_LENGTH, `Keep the comment under ${MAX_COMMENT_LENGTH} characters.`),
  ),
  // The customer's own reference (a purchase order, a ticket): shown in the lists, searched, exported.
  customerReference: optional(
    z
      .string({ error: "Give your reference as text." })
      .trim()
      .max(MAX_CUSTOMER_REFERENCE_LENGTH, `Keep your reference to ${MAX_CUSTOMER_REFERENCE_LENGTH} characters or fewer.`),
  ),
});

export const createPortingRequestSchema = createPortingRequestFields
  .superRefine((input, ctx) => {
    const country = COUNTRIES[input.country];
    const support = numberTypeSupport(input.country, input.numberType);
    if (!support.supported) {
      ctx.addIssue({ code: "custom", path: ["numberType"], message: support.reason });
    }
    if (input.preferredPortingDate) {
      const date = new Date(input.preferredPortingDate);
      if (!country.preferredDateAllowed) {
        ctx.addIssue({ code: "custom", path: ["preferredPortingDate"], message: country.preferredDateNote });
      } else if (!withinPortingWindow(date)) {
        ctx.addIssue({
          code: "custom",
          path: ["preferredPortingDate"],
          message: "Choose a time between 06:00 and 20:00 UTC: ports are carried out in that window.",
        });
      } else if (date.getTime() <= Date.now()) {
        ctx.addIssue({ code: "custom", path: ["preferredPortingDate"], message: "Choose a moment in the future." });
      }
    }
    if (input.contractScenario && !country.contractScenarios) {
      ctx.addIssue({
        code: "custom",
        path: ["contractScenario"],
        message: "Contract scenarios apply to Dutch requests only; leave it empty.",
      });
    }
  })
  .transform((input) => ({
    country: input.country,
    numberType: input.numberType,
    companyProfileId: input.companyProfileId,
    phoneNumbers: input.phoneNumbers,
    currentProvider: input.currentProvider,
    preferredPortingDate: input.preferredPortingDate ? new Date(input.preferredPortingDate) : null,
    // The EU code's default for business requests: switch when the contract ends.
    contractScenario: input.contractScenario ?? COUNTRIES[input.country].defaultContractScenario,
    distributionGroupId: input.distributionGroupId ?? null,
    callbackUrl: input.callbackUrl ?? null,
    comment: input.comment ?? null,
    customerReference: input.customerReference ?? null,
  }));

export type CreatePortingRequestInput = z.input<typeof createPortingRequestSchema>;
export type CreatePortingRequestData = z.output<typeof createPortingRequestSchema>;

// ---- status changes ----------------------------------------------------------------------------
// One input for every status change (STYLE.md habit 2), whoever sends it: the customer's server
// actions and the API's perform / cancel take it as it is, support's form and the API's
// transitions extend it where they need more. The verb (transition-porting-request.ts) checks
// what depends on the request itself: whether the transition table wants a reason or a date.

export const REASON_REQUIRED = "Give a reason: the customer receives it with the status update.";

/** The reason rule, written once: text, trimmed, at most MAX_REASON_LENGTH characters. */
const reasonText = (typeError: string) =>
  z.string({ error: typeError }).trim().max(MAX_REASON_LENGTH, `Keep the reason under ${MAX_REASON_LENGTH} characters.`);

/** Perform and cancel have a default reason, so it may be left out. */
export const optionalReason = reasonText("Give the reason as text.").nullish();

/** Support's changes: the customer receives the reason, so an empty one is refused before the verb. */
export const requiredReason = reasonText(REASON_REQUIRED).min(1, REASON_REQUIRED);

/** A Dutch operator's first possible porting date, as a calendar date. */
export const firstPossiblePortingDate = z.iso.date({ error: "Give the date as YYYY-MM-DD." });

export const transitionInputFields = z.object({
  // Any string: an id that is not a UUID is a 404 like any unknown id, not a validation error.
  id: z.string({ error: "The porting request id is missing." }),
  reason: z.preprocess(emptyToNull, optionalReason),
  firstPossiblePortingDate: optional(firstPossiblePortingDate),
  // The version the caller looked at: a change by someone else meanwhile is a conflict, not an overwrite.
  expectedVersion: optional(z.coerce.number({ error: "The version must be a number." }).int().positive()),
});

/** The verb's own input: the action, or (the API's transitions) the target status. */
export const transitionPortingRequestSchema = transitionInputFields
  .extend({
    action: z.enum(TRANSITION_ACTIONS, { error: "Unknown action." }).optional(),
    to: z.enum(PORTING_STATUSES, { error: "Unknown status." }).optional(),
    // A rejection's codes (lib/porting/rejection-codes.ts): required for a rejection, refused otherwise (the verb).
    rejectionCodes: rejectionCodesInput.nullish(),
  })
  .refine((input) => (input.action === undefined) !== (input.to === undefined), {
    path: ["action"],
    message: "Give either the action or the target status.",
  });

/** The customer's perform and cancel, from a page or the API: the request, an optional reason and version. */
export const customerTransitionSchema = transitionInputFields.pick({ id: true, reason: true, expectedVersion: true });

export type CustomerTransitionInput = z.input<typeof customerTransitionSchema>;

export type TransitionPortingRequestInput = z.input<typeof transitionPortingRequestSchema>;

export const DEFAULT_LIST_LIMIT = 25;
export const MAX_LIST_LIMIT = 100;

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** The list filters; they live in the URL (`?status=…&country=…&q=…&cursor=…`). */
export const listPortingRequestsSchema = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(PORTING_STATUSES, { error: "Unknown status." }).optional()),
  country: z.preprocess(emptyToUndefined, z.enum(COUNTRY_CODES, { error: "Unknown country." }).optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100, "Search for at most 100 characters.").optional()),
  cursor: z.preprocess(emptyToUndefined, z.string().max(500, "Invalid cursor.").optional()),
  limit: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(MAX_LIST_LIMIT, `At most ${MAX_LIST_LIMIT} per page.`).default(DEFAULT_LIST_LIMIT),
  ),
});

export type ListPortingRequestsInput = z.input<typeof listPortingRequestsSchema>;

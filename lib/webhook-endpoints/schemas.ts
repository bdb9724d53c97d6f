import { z } from "zod";
import { EVENT_CATALOGUE_TYPES } from "./event-catalogue";

// The inputs of webhook endpoints, one schema each, used by the verbs, the Settings page's server
// actions and the API (lib/api/webhook-schemas.ts documents them from these). Client-safe.

export const MAX_WEBHOOK_ENDPOINTS_PER_ACCOUNT = 20;
export const MAX_DESCRIPTION_LENGTH = 200;

const catalogueHint = `Event types: ${EVENT_CATALOGUE_TYPES.join(", ")} (GET /api/v1/event-types).`;

const url = z
  .string({ error: "Give the URL that receives the events, such as https://hooks.example.com/porting." })
  .trim()
  .min(1, "Give the URL that receives the events, such as https://hooks.example.com/porting.")
  .describe("Where the events are POSTed: https, a public address (private, loopback and other internal addresses are refused), at most 2000 characters.");

const events = z
  .array(
    z.enum(EVENT_CATALOGUE_TYPES, {
      error: (issue) => (typeof issue.input === "string" ? `"${issue.input.slice(0, 100)}" is not an event type. ${catalogueHint}` : `Each event type is a string. ${catalogueHint}`),
    }),
    { error: `events is a list of event types, such as ["porting_request.status_changed"]; an empty list means every type.` },
  )
  .max(EVENT_CATALOGUE_TYPES.length * 2, "List each event type once.")
  // A type named twice is the same subscription: kept once, in catalogue order.
  .transform((types) => EVENT_CATALOGUE_TYPES.filter((t) => types.includes(t)))
  .describe("The event types this endpoint receives; an empty list (the default) means every type, including types added later.");

const description = z
  .string({ error: "description must be text." })
  .trim()
  .max(MAX_DESCRIPTION_LENGTH, `Keep the description under ${MAX_DESCRIPTION_LENGTH} characters.`)
  .describe(`What this endpoint is for (your own note, up to ${MAX_DESCRIPTION_LENGTH} characters).`);

export const createWebhookEndpointSchema = z.object({
  url,
  events: events.default([]),
  description: description.default(""),
});

export const updateWebhookEndpointSchema = z
  .strictObject(
    {
      url: url.optional(),
      events: events.optional(),
      description: description.optional(),
      enabled: z.boolean({ error: "enabled must be true or false." }).optional().describe("`false` stops deliveries to this endpoint (nothing is queued for it while disabled); `true` starts them again."),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Only url, events, description and enabled can be changed, not ${issue.keys.join(", ")}.` : undefined) },
  )
  .refine((v) => Object.values(v).some((value) => value !== undefined), { message: "Send at least one of url, events, description and enabled." });

export type CreateWebhookEndpointInput = z.input<typeof createWebhookEndpointSchema>;
export type UpdateWebhookEndpointInput = z.input<typeof updateWebhookEndpointSchema>;

const limit = z.coerce
  .number({ error: "limit must be a number." })
  .int("limit must be a whole number.")
  .min(1, "limit must be at least 1.")
  .max(100, "limit must be at most 100.")
  .default(25)
  .describe("Items per page, 1 to 100 (default 25).");
const cursor = z.string().max(500, "This cursor is not valid: start again from the first page.").optional().describe("`nextCursor` of the previous page.");

export const listWebhookEndpointsQuerySchema = z.object({
  limit,
  cursor,
  accountId: z.string().max(100).optional().describe("Support only: one account's endpoints (default: every account's). A customer's own account is implied."),
});

export const listWebhookDeliveriesQuerySchema = z.object({ limit, cursor });

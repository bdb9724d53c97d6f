import { z } from "zod";

// Input of the voice-number verbs, shared by the page, the server actions and the REST API.
// Client-safe.

export const DEFAULT_NUMBERS_LIMIT = 50;
export const MAX_NUMBERS_LIMIT = 100;
export const MAX_NUMBERS_PER_CHANGE = 500;

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list filters; they live in the URL (`/numbers?q=…&group=…&cursor=…`). */
export const listVoiceNumbersSchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(40, "Search for at most 40 characters.").optional()),
  // A group's id, or "none" for numbers without a group. Any other text is a 404 like a foreign id.
  groupId: z.preprocess(emptyToUndefined, z.string().max(100, "Unknown distribution group.").optional()),
  cursor: z.preprocess(emptyToUndefined, z.string().max(200, "This page link is no longer valid.").optional()),
  limit: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: "Give the page size as a number." })
      .int("Give the page size as a whole number.")
      .min(1, "Ask for at least 1 number per page.")
      .max(MAX_NUMBERS_LIMIT, `At most ${MAX_NUMBERS_LIMIT} per page.`)
      .default(DEFAULT_NUMBERS_LIMIT),
  ),
});
export type ListVoiceNumbersInput = z.input<typeof listVoiceNumbersSchema>;

const numberText = z
  .string({ error: "Give the number as text, such as +31201234567." })
  .trim()
  .min(1, "Give the number, such as +31201234567.")
  .max(40, "This is too long to be one phone number.");

/** Which numbers go to which group; `distributionGroupId: null` takes them out of any group. */
export const setVoiceNumberGroupSchema = z
  .object({
    number: numberText.optional(),
    numbers: z
      .array(numberText, { error: "Give the numbers as a list." })
      .min(1, "Choose at least one number.")
      .max(MAX_NUMBERS_PER_CHANGE, `At most ${MAX_NUMBERS_PER_CHANGE} numbers at once.`)
      .optional(),
    distributionGroupId: z.preprocess(
      (value) => (value === "" ? null : value),
      z
        .string({ error: "Choose a distribution group, or none." })
        .regex(UUID, "Choose one of your distribution groups.")
        .nullable(),
    ),
  })
  .refine((input) => input.number !== undefined || input.numbers !== undefined, {
    path: ["numbers"],
    message: "Choose at least one number.",
  })
  .transform((input) => ({
    numbers: [...new Set([...(input.number !== undefined ? [input.number] : []), ...(input.numbers ?? [])])],
    distributionGroupId: input.distributionGroupId,
  }));
export type SetVoiceNumberGroupInput = z.input<typeof setVoiceNumberGroupSchema>;

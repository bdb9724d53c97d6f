import { z } from "zod";
import { formatDestination, MAX_DESTINATION_LENGTH, parseDestination } from "./destinations";

// Distribution group input, shared by the form resolver, the server actions, the REST API and the
// verbs. Destinations are read in the account's country (a national "020 123 4567" is Dutch for a
// Dutch account), so the full schema is built per country; `distributionGroupFields` is the
// country-free shape for adapters that only need to know what arrives. Client-safe.

export const MAX_DESTINATIONS = 20;
export const MAX_GROUP_NAME_LENGTH = 100;

const nameSchema = z
  .string({ error: "Give the group a name, such as “Reception”." })
  .trim()
  .min(1, "Give the group a name, such as “Reception”.")
  .max(MAX_GROUP_NAME_LENGTH, `Keep the name under ${MAX_GROUP_NAME_LENGTH} characters.`);

const rawDestination = z
  .string({ error: "Enter the destination as text." })
  .trim()
  .min(1, "Enter a SIP URI or a phone number here, or remove this row.")
  .max(MAX_DESTINATION_LENGTH, `A destination is at most ${MAX_DESTINATION_LENGTH} characters.`);

const destinationList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .array(item, { error: "Enter the destinations as a list." })
    .min(1, "Add at least one destination: calls ring the destinations in order.")
    .max(MAX_DESTINATIONS, `At most ${MAX_DESTINATIONS} destinations per group.`);

export const distributionGroupFields = z.object({
  name: nameSchema,
  destinations: destinationList(rawDestination),
});

function destinationsSchema(country: string) {
  const item = rawDestination.transform((value, ctx) => {
    const result = parseDestination(value, country);
    if (!result.ok) {
      ctx.issues.push({ code: "custom", message: result.message, input: value });
      return z.NEVER;
    }
    return result.value;
  });
  return destinationList(item).superRefine((values, ctx) => {
    const first = new Map<string, number>();
    values.forEach((value, index) => {
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else {
        ctx.addIssue({
          code: "custom",
          path: [index],
          message: `${formatDestination(value)} is listed twice: it is the same as destination ${earlier + 1}.`,
        });
      }
    });
  });
}

/** A whole group (create). Destinations come out normalised: E.164 numbers, lower-case SIP hosts. */
export function distributionGroupSchema(country: string) {
  return z.object({ name: nameSchema, destinations: destinationsSchema(country) });
}

/** A change (PATCH): rename, new destinations, or both. */
export function distributionGroupPatchSchema(country: string) {
  return distributionGroupSchema(country)
    .partial()
    .refine((input) => input.name !== undefined || input.destinations !== undefined, {
      path: ["name"],
      message: "Give a new name or new destinations.",
    });
}

export type DistributionGroupInput = z.input<typeof distributionGroupFields>;
export type DistributionGroupPatch = Partial<DistributionGroupInput>;
export type DistributionGroupData = z.output<ReturnType<typeof distributionGroupSchema>>;

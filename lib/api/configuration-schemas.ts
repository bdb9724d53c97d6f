import { z } from "zod";
import { distributionGroupFields, MAX_DESTINATIONS } from "@/lib/distribution-groups/schemas";
import { MAX_NUMBERS_PER_CHANGE } from "@/lib/voice-numbers/schemas";
import { ListQuery, requestComponents, responseComponents, VoiceNumber } from "./schemas";

// The API's schemas for what a customer configures besides requests: distribution groups (create,
// change, delete) and where a voice number's calls go. Beside lib/api/schemas.ts and registered
// in the same registries, so the OpenAPI document and the contract tests see them like the rest.
// Client-safe.

const groupFields = distributionGroupFields.shape;

export const CreateDistributionGroupBody = z
  .strictObject({
    name: groupFields.name.describe("Your name for the group, unique in the account (case-insensitive), up to 100 characters."),
    destinations: groupFields.destinations.describe(
      `1 to ${MAX_DESTINATIONS} destinations in ring order: SIP URIs (\`sip:reception@acme.example\`) or phone numbers in any common format (national formats are read in your account's country; answered in E.164). Each once.`,
    ),
  })
  .describe("A new distribution group: where calls to its numbers go.");

export const UpdateDistributionGroupBody = CreateDistributionGroupBody.partial().describe(
  "Rename, replace the destinations (the whole ordered list: reordering is a new list), or both. Numbers using the group follow at once.",
);

const numberText = z.string().describe("Any common format (`+31 20 123 4567`, `020 123 4567`); national formats are read in your account's country.");
const groupChoice = z
  .uuid()
  .nullable()
  .describe("One of your distribution groups; `null` takes the numbers out of any group.");

export const UpdateVoiceNumberBody = z
  .strictObject({ distributionGroupId: groupChoice })
  .describe("Where calls to this number go.");

export const UpdateVoiceNumbersBody = z
  .strictObject({
    numbers: z.array(numberText).min(1).max(MAX_NUMBERS_PER_CHANGE).describe(`1 to ${MAX_NUMBERS_PER_CHANGE} numbers of your voice account.`),
    distributionGroupId: groupChoice,
  })
  .describe("Move several numbers at once: all or nothing (a number that is not on your account changes none of them).");

export const ListVoiceNumbersQuery = ListQuery.extend({
  q: z.string().trim().max(40, "Search for at most 40 characters.").optional().describe("A whole number in any format, or a part of one (`794 01`)."),
  distributionGroupId: z
    .string()
    .max(100, "Give a distribution group id or `none`.")
    .optional()
    .describe("Only the numbers of this distribution group (its id), or `none` for numbers in no group. Another account's group is a 404."),
}).describe("Filters and paging of the number list.");

export const VoiceNumberPage = z.object({ data: z.array(VoiceNumber) }).describe("The changed numbers, in number order.");

requestComponents.add(CreateDistributionGroupBody, { id: "CreateDistributionGroup" });
requestComponents.add(UpdateDistributionGroupBody, { id: "UpdateDistributionGroup" });
requestComponents.add(UpdateVoiceNumberBody, { id: "UpdateVoiceNumber" });
requestComponents.add(UpdateVoiceNumbersBody, { id: "UpdateVoiceNumbers" });
responseComponents.add(VoiceNumberPage, { id: "VoiceNumbers" });

import { z } from "zod";
import { MAX_NUMBERS_PER_REQUEST } from "@/lib/porting/schemas";
import { COUNTRY_CODES, DOCUMENT_KINDS, NUMBER_TYPES } from "@/lib/porting/values";
import { requestComponents, responseComponents } from "./schemas";

// The REST API's contract for the portability check (issue 15 item 2), registered with the
// registries of lib/api/schemas.ts so the OpenAPI document is generated from it. Client-safe.

export const PortabilityCheckBody = z
  .strictObject({
    phoneNumbers: z
      .array(z.string().max(64))
      .min(1)
      .max(MAX_NUMBERS_PER_REQUEST)
      .describe(`1 to ${MAX_NUMBERS_PER_REQUEST} numbers in any common format; answered in the same order.`),
    country: z
      .enum(COUNTRY_CODES)
      .nullish()
      .describe("Reads national formats (020 123 4567) as numbers of this country, and expects every number to be from it. Without it, give numbers in international format."),
  })
  .describe("Numbers to check before ordering.");

export const PortabilityRequirements = z
  .object({
    country: z.enum(COUNTRY_CODES),
    numberType: z.enum(NUMBER_TYPES),
    leadTime: z.string().describe("How long a port of this type usually takes in this country."),
    documents: z.array(z.object({ kind: z.enum(DOCUMENT_KINDS), label: z.string(), required: z.boolean() })).describe("Documents a request needs (POST /documents)."),
    profileFields: z.array(z.object({ field: z.string(), label: z.string() })).describe("Company profile fields a request's profile must have."),
    preferredDateAllowed: z.boolean().describe("Whether a request may ask for a preferred porting moment (not in NL)."),
    completion: z.string().describe("How a request of this country is completed."),
  })
  .describe("What a porting request for this number needs (GET /countries/{code}/requirements has the whole catalogue).");

export const PortabilityResult = z
  .object({
    number: z.string().nullable().describe("E.164, when the input is a valid number."),
    input: z.string().describe("The number as given."),
    valid: z.boolean().describe("A valid phone number (libphonenumber-js metadata)."),
    country: z.string().nullable().describe("The number's country (ISO 3166-1 alpha-2), when valid."),
    numberType: z.enum(NUMBER_TYPES).nullable().describe("Our type for it, when it is one we know."),
    portable: z.boolean().describe("We can take it now from this account: a type we port in a country we port from, not on your voice account, not in an open request of yours, not another account's."),
    reason: z.string().nullable().describe("Why not, in one sentence; null when portable. Another account's number only says it is not portable from this account."),
    requirements: PortabilityRequirements.nullable().describe("Null when the number is not of a type we port in a country we port from."),
  })
  .describe("The answer for one number.");

export const PortabilityCheckResult = z.object({ data: z.array(PortabilityResult).describe("One entry per number, in the order given.") }).describe("The portability of each number.");

requestComponents.add(PortabilityCheckBody, { id: "PortabilityCheck" });
for (const [id, schema] of Object.entries({ PortabilityCheckResult, PortabilityResult, PortabilityRequirements })) {
  responseComponents.add(schema, { id });
}

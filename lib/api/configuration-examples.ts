import type { z } from "zod";
import type { CreateDistributionGroupBody, UpdateVoiceNumbersBody } from "./configuration-schemas";
import { EXAMPLE_GROUP_ID } from "./examples";

// Examples of the distribution group and number bodies for the OpenAPI document;
// the contract test checks each against its schema.

export const createDistributionGroupExample: z.input<typeof CreateDistributionGroupBody> = {
  name: "Reception",
  destinations: ["sip:reception@acme.example", "020 123 4599"],
};

export const updateVoiceNumbersExample: z.input<typeof UpdateVoiceNumbersBody> = {
  numbers: ["+31201234567", "020 123 4568"],
  distributionGroupId: EXAMPLE_GROUP_ID,
};

"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { createCompanyProfile } from "@/lib/company-profiles/create-company-profile";
import { deleteCompanyProfile } from "@/lib/company-profiles/delete-company-profile";
import { companyProfilePatchSchema, companyProfileSchema } from "@/lib/company-profiles/schemas";
import { updateCompanyProfile } from "@/lib/company-profiles/update-company-profile";

// Thin: the wrapper resolves the customer from the session and parses with the verbs' own schema;
// the verb checks the whole profile against its country and keeps it inside the account (another
// account's id is a not-found).

const id = z.string({ error: "The company profile id is missing." }).max(100, "This is not a company profile id.");

export const createCompanyProfileAction = action({ roles: ["customer"], input: companyProfileSchema }, (actor, input) =>
  createCompanyProfile(actor, input),
);

export const updateCompanyProfileAction = action(
  { roles: ["customer"], input: companyProfilePatchSchema.extend({ id }) },
  (actor, { id: profileId, ...changes }) => updateCompanyProfile(actor, profileId, changes),
);

export const deleteCompanyProfileAction = action({ roles: ["customer"], input: z.object({ id }) }, async (actor, input) => {
  await deleteCompanyProfile(actor, input.id);
  return { id: input.id };
});

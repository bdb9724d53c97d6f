"use server";

import { z } from "zod";
import { action } from "@/lib/auth/action";
import { createDistributionGroup } from "@/lib/distribution-groups/create-distribution-group";
import { deleteDistributionGroup } from "@/lib/distribution-groups/delete-distribution-group";
import { updateDistributionGroup } from "@/lib/distribution-groups/update-distribution-group";

// Thin: the wrapper resolves the customer and checks only the input's shape, so the verb (which
// reads destinations in the account's country) can name every problem in one round trip, keeps
// the name unique and refuses a delete while the group is in use.

const id = z.string({ error: "The distribution group id is missing." }).max(100, "This is not a distribution group id.");
const shape = z.object({
  name: z.string({ error: "Give the group a name." }),
  destinations: z.array(z.string({ error: "Enter the destination as text." }), { error: "Enter the destinations as a list." }),
});

export const createDistributionGroupAction = action({ roles: ["customer"], input: shape }, (actor, input) =>
  createDistributionGroup(actor, input),
);

export const updateDistributionGroupAction = action(
  { roles: ["customer"], input: shape.partial().extend({ id }) },
  (actor, { id: groupId, ...changes }) => updateDistributionGroup(actor, groupId, changes),
);

export const deleteDistributionGroupAction = action({ roles: ["customer"], input: z.object({ id }) }, async (actor, input) => {
  await deleteDistributionGroup(actor, input.id);
  return { id: input.id };
});

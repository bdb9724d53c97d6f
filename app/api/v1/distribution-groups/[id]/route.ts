// GET /api/v1/distribution-groups/{id} — one distribution group of the account.
// PATCH /api/v1/distribution-groups/{id} — rename it and/or replace its destinations; its numbers follow at once.
// DELETE /api/v1/distribution-groups/{id} — delete a group no number and no open request uses (else 409).
import { expectObject, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { UpdateDistributionGroupBody } from "@/lib/api/configuration-schemas";
import { distributionGroupJson } from "@/lib/api/serializers";
import { deleteDistributionGroup } from "@/lib/distribution-groups/delete-distribution-group";
import { getDistributionGroup } from "@/lib/distribution-groups/get-distribution-group";
import type { DistributionGroupPatch } from "@/lib/distribution-groups/schemas";
import { updateDistributionGroup } from "@/lib/distribution-groups/update-distribution-group";
import { ValidationError } from "@/lib/errors";

type Params = { id: string };

export const GET = route<"customer", Params>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  return json(distributionGroupJson(await getDistributionGroup(actor, id)));
});

export const PATCH = route<"customer", Params>({ roles: ["customer"] }, async (request, actor, { id }) => {
  const body = expectObject(await readJsonBody(request), '{ "name": "Front desk" }');
  const unknown = unknownFieldErrors(UpdateDistributionGroupBody, body);
  if (unknown) throw new ValidationError(unknown);
  return json(distributionGroupJson(await updateDistributionGroup(actor, id, body as DistributionGroupPatch)));
});

export const DELETE = route<"customer", Params>({ roles: ["customer"] }, async (_request, actor, { id }) => {
  await deleteDistributionGroup(actor, id);
  return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
});

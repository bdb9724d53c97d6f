// GET /api/v1/distribution-groups — the account's distribution groups (what completion assigns numbers to).
// POST /api/v1/distribution-groups — a new group: a unique name and its destinations in ring order.
import { expectObject, parseStrict, readJsonBody, unknownFieldErrors } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { pageInMemory } from "@/lib/api/lists";
import { route } from "@/lib/api/route";
import { ListQuery } from "@/lib/api/schemas";
import { CreateDistributionGroupBody } from "@/lib/api/configuration-schemas";
import { distributionGroupJson } from "@/lib/api/serializers";
import { createDistributionGroup } from "@/lib/distribution-groups/create-distribution-group";
import { listDistributionGroups } from "@/lib/distribution-groups/list-distribution-groups";
import type { DistributionGroupInput } from "@/lib/distribution-groups/schemas";
import { ValidationError } from "@/lib/errors";

export const GET = route({ roles: ["customer"] }, async (request, actor) => {
  const query = parseStrict(ListQuery, queryOf(request));
  const groups = (await listDistributionGroups(actor)).map(distributionGroupJson);
  return json(pageInMemory(groups, query));
});

export const POST = route({ roles: ["customer"] }, async (request, actor) => {
  const body = expectObject(await readJsonBody(request), '{ "name": "Reception", "destinations": ["sip:reception@acme.example"] }');
  // Only unknown fields are refused here: the verb names every other problem (destinations are
  // read in the account's country, the name must be free) in one answer, as the page does.
  const unknown = unknownFieldErrors(CreateDistributionGroupBody, body);
  if (unknown) throw new ValidationError(unknown);
  const group = distributionGroupJson(await createDistributionGroup(actor, body as DistributionGroupInput));
  return json(group, { status: 201, headers: { location: `/api/v1/distribution-groups/${group.id}` } });
});

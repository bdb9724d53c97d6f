// GET /api/v1/distribution-groups — the account's distribution groups (what completion assigns numbers to).
import { parseStrict } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { pageInMemory } from "@/lib/api/lists";
import { route } from "@/lib/api/route";
import { ListQuery } from "@/lib/api/schemas";
import { distributionGroupJson } from "@/lib/api/serializers";
import { listDistributionGroups } from "@/lib/distribution-groups/list-distribution-groups";

export const GET = route({ roles: ["customer"] }, async (request, actor) => {
  const query = parseStrict(ListQuery, queryOf(request));
  const groups = (await listDistributionGroups(actor)).map(distributionGroupJson);
  return json(pageInMemory(groups, query));
});

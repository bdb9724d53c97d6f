// GET /api/support/queue — the support queue as JSON (support only), for the queue page's polling: same filters as the page URL (?status=open|<status>|all&q=…&country=…&cursor=…).
import { json, searchParamsOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { listSupportQueue } from "@/lib/support/queue";

export const GET = route({ roles: ["support"] }, async (request, actor) => {
  return json(await listSupportQueue(actor, searchParamsOf(request)));
});

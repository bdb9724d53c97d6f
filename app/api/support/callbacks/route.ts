// GET /api/support/callbacks — failing callbacks across every account (support only), for the Callbacks page's polling: ?state=all|retrying|failed&cursor=….
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { listFailingCallbacks } from "@/lib/support/notification-lists";

export const GET = route({ roles: ["support"] }, async (request, actor) => {
  return json(await listFailingCallbacks(actor, queryOf(request)));
});

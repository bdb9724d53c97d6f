// GET /api/support/outbox — the mail outbox across every account (support only), for the Outbox page's polling: ?state=all|pending|delivered|not_sent|failed&cursor=….
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { listOutbox } from "@/lib/support/notification-lists";

export const GET = route({ roles: ["support"] }, async (request, actor) => {
  return json(await listOutbox(actor, queryOf(request)));
});

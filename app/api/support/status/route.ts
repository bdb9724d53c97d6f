// GET /api/support/status — the support console's status strip (support only): overdue requests, failing callbacks, unsent emails, the oldest pending delivery.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { readSupportStatus } from "@/lib/support/status";

export const GET = route({ roles: ["support"] }, async (_request, actor) => {
  return json(await readSupportStatus(actor));
});

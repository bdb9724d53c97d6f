// GET /api/v1/accounts/{id}/audit-events — who changed what in the account, newest first, keyset paged.
import { parseStrict } from "@/lib/api/body";
import { json, queryOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { listAuditEvents } from "@/lib/accounts/audit-log";
import { pageQuerySchema } from "@/lib/accounts/schemas";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  return json(await listAuditEvents(actor, id, parseStrict(pageQuerySchema.strict(), queryOf(request))));
});

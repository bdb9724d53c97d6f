// GET /api/v1/porting-requests/{id} — Get Porting Request: the full request with numbers and history; ETag, If-None-Match → 304.
import { jsonWithETag } from "@/lib/api/etag";
import { route } from "@/lib/api/route";
import { portingRequestJson } from "@/lib/porting/serialize";
import { getPortingRequestForActor } from "@/lib/porting/queries";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  return jsonWithETag(request, portingRequestJson(await getPortingRequestForActor(actor, id)));
});

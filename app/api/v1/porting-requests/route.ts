// GET /api/v1/porting-requests — the caller's requests (support: every account), newest first.
import { json, searchParamsOf } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { listPortingRequests } from "@/lib/porting/queries";

export const GET = route({ roles: ["customer", "support"] }, async (request, actor) => {
  const page = await listPortingRequests(actor, searchParamsOf(request));
  return json({ data: page.items, nextCursor: page.nextCursor });
});

// GET /api/v1/porting-requests/{id}/notifications — the emails and callback deliveries (with every attempt) of each status change; the request pages poll it.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { notificationsForRequest } from "@/lib/notifications/queries";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (_request, actor, { id }) => {
  return json(await notificationsForRequest(actor, id));
});

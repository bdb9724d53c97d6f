// GET /api/v1/event-types — the event types webhook endpoints subscribe to, each with what it means.
import { json } from "@/lib/api/json";
import { route } from "@/lib/api/route";
import { EVENT_CATALOGUE } from "@/lib/webhook-endpoints/event-catalogue";

export const GET = route({ roles: ["customer", "support"] }, async () => json({ data: EVENT_CATALOGUE }));

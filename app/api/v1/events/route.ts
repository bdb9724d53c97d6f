// GET /api/v1/events — Stream Events: the account's events (support: every account's) as Server-Sent Events; Last-Event-ID resumes.
import { openEventStream } from "@/lib/api/event-stream";
import { route } from "@/lib/api/route";

export const GET = route({ roles: ["customer", "support"] }, (request, actor, _params, call) =>
  openEventStream(request, actor, { page: false, apiKeyId: call.apiKeyId }),
);

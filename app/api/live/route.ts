// GET /api/live — the app's pages' live updates: the events of GET /api/v1/events, slim (id, type, request), plus delivery hints; a signed-in session only.
import { openEventStream } from "@/lib/api/event-stream";
import { HttpProblem } from "@/lib/api/problem";
import { route } from "@/lib/api/route";

export const GET = route({ roles: ["customer", "support"] }, async (request, actor, _params, call) => {
  if (call.apiKeyId) throw new HttpProblem(403, "This stream is for the app's pages; with an API key, use GET /api/v1/events.");
  return openEventStream(request, actor, { page: true, apiKeyId: null });
});

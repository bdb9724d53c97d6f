// Any other /api/v1 path — a problem+json 404 instead of the app's HTML page, so a client's typo reads like every other error.
import { problem } from "@/lib/api/problem";

function notFound(request: Request): Response {
  const path = new URL(request.url).pathname;
  return problem(404, `There is no endpoint ${request.method} ${path.slice(0, 200)}. The endpoints are listed on /docs/api and in /api/v1/openapi.json.`);
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

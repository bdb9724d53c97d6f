// GET /api/v1/openapi.json — the OpenAPI 3.1 document, generated from the zod schemas; public, like /docs/api.
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { appUrl } from "@/lib/env";

let cached: string | undefined;

export function GET(): Response {
  cached ??= JSON.stringify(buildOpenApiDocument({ serverUrl: appUrl() }));
  return new Response(cached, {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}

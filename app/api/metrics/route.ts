// GET /api/metrics — Prometheus text format, only with `Authorization: Bearer $METRICS_TOKEN` (404 while METRICS_TOKEN is unset).
import { timingSafeEqual } from "node:crypto";
import { problem } from "@/lib/api/problem";
import { publicRoute } from "@/lib/api/route";
import { env } from "@/lib/env";
import { renderMetrics } from "@/lib/notifications/queue-metrics";

export const dynamic = "force-dynamic";

function tokenMatches(header: string | null, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const GET = publicRoute(
  async (request) => {
    const token = env.METRICS_TOKEN;
    // Unconfigured, the endpoint does not exist: nothing about the service leaks by default.
    if (!token) return problem(404, "There is nothing at this address.");
    if (!tokenMatches(request.headers.get("authorization"), token)) {
      return problem(401, "Send the metrics token in the header `Authorization: Bearer <METRICS_TOKEN>`.", {}, { "www-authenticate": 'Bearer realm="metrics"' });
    }
    const { body, contentType } = await renderMetrics();
    return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  },
  { quiet: true },
);

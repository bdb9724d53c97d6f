// GET /api/ready — 200 when the database answers and carries this release's migrations; 503 problem+json otherwise.
import { problem } from "@/lib/api/problem";
import { publicRoute } from "@/lib/api/route";
import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

export const GET = publicRoute(
  async () => {
    const readiness = await checkReadiness();
    if (!readiness.ready) return problem(503, readiness.reason, {}, { "retry-after": "5" });
    return Response.json({ status: "ready", migrations: readiness.migrations }, { headers: { "cache-control": "no-store" } });
  },
  { quiet: true },
);

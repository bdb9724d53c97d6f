// GET /api/v1/porting-requests/export — the request list as CSV, one row per number, with the list's filters; streamed batch by batch.
// A static segment: Next.js matches it before the dynamic [id] next to it.
import { parseStrict } from "@/lib/api/body";
import { queryOf } from "@/lib/api/json";
import { portingRequestCriteria } from "@/lib/api/porting-request-query";
import { route } from "@/lib/api/route";
import { ExportPortingRequestsQuery } from "@/lib/api/schemas";
import { exportPortingRequestsCsv } from "@/lib/porting/export-porting-requests";

export const GET = route({ roles: ["customer", "support"] }, async (request, actor) => {
  // Every filter is checked before the first byte: once the 200 has gone out, an error cannot become a 422.
  const criteria = portingRequestCriteria(parseStrict(ExportPortingRequestsQuery, queryOf(request)));
  const batches = exportPortingRequestsCsv(actor, criteria);
  const encoder = new TextEncoder();
  // Pull-based: the next batch is read only when the client has taken the previous one.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="porting-requests-${date}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});

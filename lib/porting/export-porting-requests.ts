import "server-only";
import { desc, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db";
import { portingRequestNumbers, portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { encodeCursor } from "@/lib/shared/cursor";
import { csvLine } from "@/lib/shared/csv";
import { NUMBER_TYPE_LABELS } from "./countries";
import { EXPORT_COLUMNS } from "./export-columns";
import { CREATED_AT_TEXT, pageCondition, type PortingRequestListFilters } from "./queries";
import { statusLabel } from "./statuses";

// The request list as CSV, one row per number (issue 15 item 4): the same filters and tenant
// scope as the list, read in keyset batches of requests (newest first, as the list), so the export
// holds one batch in memory however many rows it has, no transaction stays open while a slow
// client downloads, and rows never repeat or go missing between batches (created_at and id never
// change). A request changed meanwhile shows as it was when its batch was read.

/** Requests per batch. A request holds at most 500 numbers, so a batch is at most 100,000 lines. */
export const EXPORT_BATCH_SIZE = 200;
/** Pieces of about this many characters go out as they are ready, not a whole batch at once. */
const CHUNK_CHARS = 64 * 1024;

export type ExportFilters = Omit<PortingRequestListFilters, "limit" | "cursor">;

/**
 * The CSV text of the export, piece by piece: the header first, then the rows of each batch of
 * requests in pieces of about CHUNK_CHARS. Nothing is read until the consumer asks for the next piece (a pull-based stream stops
 * asking while the client is not reading).
 */
export async function* exportPortingRequestsCsv(
  actor: Actor,
  filters: ExportFilters,
  options: { db?: Executor; batchSize?: number } = {},
): AsyncGenerator<string> {
  const db = options.db ?? getDb();
  const batchSize = options.batchSize ?? EXPORT_BATCH_SIZE;
  yield csvLine(EXPORT_COLUMNS);
  let cursor: string | undefined;
  for (;;) {
    const rows = await db
      .select({
        id: portingRequests.id,
        reference: portingRequests.reference,
        customerReference: portingRequests.customerReference,
        status: portingRequests.status,
        statusReason: portingRequests.statusReason,
        country: portingRequests.country,
        numberType: portingRequests.numberType,
        currentProvider: portingRequests.currentProvider,
        preferredPortingDate: portingRequests.preferredPortingDate,
        firstPossiblePortingDate: portingRequests.firstPossiblePortingDate,
        createdAt: portingRequests.createdAt,
        updatedAt: portingRequests.updatedAt,
        createdAtText: CREATED_AT_TEXT,
        // The outer id spelled out with its table: in a one-table select drizzle leaves columns
        // unqualified, and a bare "id" inside the subquery would mean the number row's own id.
        numbers: sql<string[]>`array(select ${portingRequestNumbers.number} from ${portingRequestNumbers} where ${portingRequestNumbers.portingRequestId} = ${portingRequests}.${sql.identifier("id")} order by ${portingRequestNumbers.position})`,
      })
      .from(portingRequests)
      .where(pageCondition(db, actor, { ...filters, ...(cursor ? { cursor } : {}) }))
      .orderBy(desc(portingRequests.createdAt), desc(portingRequests.id))
      .limit(batchSize);
    if (rows.length === 0) return;

    let text = "";
    for (const r of rows) {
      const common = {
        statusLabel: statusLabel(r.status),
        numberType: NUMBER_TYPE_LABELS[r.numberType],
        preferred: r.preferredPortingDate?.toISOString() ?? "",
        created: r.createdAt.toISOString(),
        updated: r.updatedAt.toISOString(),
      };
      for (const number of r.numbers) {
        text += csvLine([
          r.reference,
          r.customerReference ?? "",
          common.statusLabel,
          r.statusReason,
          r.country,
          common.numberType,
          number,
          r.currentProvider,
          common.preferred,
          r.firstPossiblePortingDate ?? "",
          common.created,
          common.updated,
        ]);
      }
      if (text.length >= CHUNK_CHARS) {
        yield text;
        text = "";
      }
    }
    if (text) yield text;
    if (rows.length < batchSize) return;
    const last = rows.at(-1)!;
    cursor = encodeCursor({ t: last.createdAtText, i: last.id });
  }
}

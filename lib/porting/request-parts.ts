import { getTableColumns, sql, type Column, type InferColumnsDataTypes, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { portingRequestEvents, portingRequestNumbers, portingRequests } from "@/db/schema";

// The parts of a request's GET JSON that live in tables of their own (numbers, history, …), each
// aggregated in SQL by a correlated subquery in the request's own SELECT: one request, or a page
// of fifty, with every part is ONE round trip to the database (issue 13), and the page's plan
// stays a keyset index scan, since a part is computed only for the rows the query returns.
//
// To add a part (a new table shown in the GET JSON): one entry in REQUEST_PARTS below, naming the
// columns it shows (all of the table's by default), the foreign key to the request and the order.
// Its rows arrive decoded by drizzle's own column mappers (timestamps as Date, …), typed from the
// table, as `parts.<name>` in toPortingRequestDto (lib/porting/dto.ts).

type Columns = Record<string, PgColumn>;

export type RequestPart<C extends Columns = Columns> = {
  /** The json_agg subquery, correlated to porting_requests.id. */
  sql: SQL;
  decode: (raw: unknown) => InferColumnsDataTypes<C>[];
};

/**
 * `columns` of the child rows of each request, as a JSON array in `orderBy` order. The keys are
 * the columns' database names, so the same mappers that decode a plain row decode these.
 */
export function childRows<C extends Columns>(columns: C, foreignKey: PgColumn, orderBy: SQL): RequestPart<C> {
  const entries = Object.entries(columns);
  const object = sql.join(
    entries.map(([, column]) => sql`${sql.raw(`'${column.name}'`)}, ${column}`),
    sql`, `,
  );
  return {
    sql: sql`coalesce((select json_agg(json_build_object(${object}) order by ${orderBy}) from ${sql.identifier(tableName(foreignKey))} where ${foreignKey} = ${portingRequests.id}), '[]'::json)`,
    decode: (raw) => (raw as Record<string, unknown>[]).map((row) => decodeRow(entries, row) as InferColumnsDataTypes<C>),
  };
}

function tableName(column: PgColumn): string {
  return (column.table as unknown as { [key: symbol]: string })[Symbol.for("drizzle:Name")]!;
}

function decodeRow(entries: [string, Column][], row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of entries) {
    const value = row[column.name];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out;
}

const { portingRequestId: _numberRequest, accountId: _numberAccount, open: _open, id: _numberId, ...numberColumns } = getTableColumns(portingRequestNumbers);
const { portingRequestId: _eventRequest, actorUserId: _actorUserId, ...eventColumns } = getTableColumns(portingRequestEvents);

/** Every part of the GET JSON kept outside porting_requests. Add new ones here (see above). */
export const REQUEST_PARTS = {
  numbers: childRows(numberColumns, portingRequestNumbers.portingRequestId, sql`${portingRequestNumbers.position}`),
  events: childRows(eventColumns, portingRequestEvents.portingRequestId, sql`${portingRequestEvents.id}`),
  links: resubmissionLinks(),
};

type RequestLinkRow = { id: string; reference: string };

/**
 * The requests a resubmission links (issue 14): the Blocked request this one corrects, and the
 * correction made from this one (unique: porting_requests_resubmission_of_key). The alias hides
 * the outer table's name inside each subquery, so `porting_requests.…` there is the outer row.
 */
function resubmissionLinks() {
  const link = sql`json_build_object('id', linked.id, 'reference', linked.reference)`;
  return {
    sql: sql`json_build_object(
      'resubmissionOf', (select ${link} from ${portingRequests} linked where linked.id = ${portingRequests.resubmissionOfId}),
      'resubmittedAs', (select ${link} from ${portingRequests} linked where linked.resubmission_of_id = ${portingRequests.id}))`,
    decode: (raw: unknown) => raw as { resubmissionOf: RequestLinkRow | null; resubmittedAs: RequestLinkRow | null },
  };
}

export type RequestPartRows = { [K in keyof typeof REQUEST_PARTS]: ReturnType<(typeof REQUEST_PARTS)[K]["decode"]> };

/** The SELECT list entries for every part (raw JSON), to spread into a select over porting_requests. */
export function partSelections(): { [K in keyof typeof REQUEST_PARTS]: SQL<unknown> } {
  return Object.fromEntries(Object.entries(REQUEST_PARTS).map(([name, part]) => [name, part.sql])) as {
    [K in keyof typeof REQUEST_PARTS]: SQL<unknown>;
  };
}

export function decodeParts(row: { [K in keyof typeof REQUEST_PARTS]: unknown }): RequestPartRows {
  return Object.fromEntries(
    Object.entries(REQUEST_PARTS).map(([name, part]) => [name, part.decode(row[name as keyof typeof REQUEST_PARTS])]),
  ) as RequestPartRows;
}

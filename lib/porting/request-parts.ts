import { getTableColumns, sql, type InferColumnsDataTypes, type SQL } from "drizzle-orm";
import { PgDialect, type PgColumn } from "drizzle-orm/pg-core";
import { portingRequestEvents, portingRequestNumbers, portingRequests } from "@/db/schema";

// The parts of a request's GET JSON that live in tables of their own (numbers, history, …), each
// aggregated in SQL by a correlated subquery in the request's own SELECT: one request, or a page
// of fifty, with every part is ONE round trip to the database (issue 13), and the page's plan
// stays a keyset index scan, since a part is computed only for the rows the query returns.
//
// The request row itself and every part's rows arrive as JSON built by PostgreSQL (`jsonObject`),
// keyed by the columns' property names, timestamps already as the ISO 8601 text the GET JSON
// shows: postgres.js parses each with one native JSON.parse, and no Date is made only to be
// turned back into text. For a list of 50 that is a few values per row for drizzle to map instead
// of thirty, and no Date at all (bench/README.md measures it over HTTP).
//
// To add a part (a new table shown in the GET JSON): one entry in REQUEST_PARTS below, naming the
// columns it shows (all of the table's by default), the foreign key to the request and the order.
// Its rows arrive as `JsonRow`s, typed from the table, as `parts.<name>` in toPortingRequestDto
// (lib/porting/dto.ts). And a migration with the content_version triggers on its table (as 0015
// does for numbers and history): the API keeps each request's JSON until that version moves.

type Columns = Record<string, PgColumn>;

/** A column's value as its JSON shows it: a timestamp as ISO 8601 UTC text, the rest as drizzle reads them. */
type JsonValue<T> = T extends Date ? string : T;

/** A row of `columns` as `jsonObject` builds it. */
export type JsonRow<C extends Columns> = { [K in keyof InferColumnsDataTypes<C>]: JsonValue<InferColumnsDataTypes<C>[K]> };

/**
 * The column kinds whose JSON (PostgreSQL's `to_json`) is the value drizzle reads from the column
 * itself. Any other kind (a numeric, a bigint, a Date-mode date, …) would silently change shape or
 * type in JSON: `jsonObject` refuses it rather than guessing (add its conversion here first).
 */
const SAME_IN_JSON = new Set(["PgUUID", "PgText", "PgVarchar", "PgChar", "PgEnumColumn", "PgInteger", "PgSmallInt", "PgSerial", "PgBigSerial53", "PgBoolean", "PgDateString", "PgJson", "PgJsonb"]);

/** Exactly Date#toISOString: UTC, milliseconds (truncated, as a Date made from the row truncates them), "Z". */
export function isoText(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/**
 * `json_build_object('property', column, …)` for these columns: one JSON object per row, keyed as
 * drizzle keys the row, timestamps (with time zone, Date mode) as `isoText`. At most 50 columns
 * (PostgreSQL's 100 arguments per function call).
 */
export function jsonObject<C extends Columns>(columns: C): SQL<JsonRow<C>> {
  const entries = Object.entries(columns);
  if (entries.length > 50) throw new Error(`json_build_object takes at most 50 columns, not ${entries.length}`);
  const pairs = entries.map(([key, column]) => {
    if (!/^[A-Za-z]\w*$/.test(key)) throw new Error(`Property name ${key} is not a plain identifier`);
    if (column.columnType === "PgTimestamp" && (column as PgColumn & { withTimezone?: boolean }).withTimezone) return sql`${sql.raw(`'${key}'`)}, ${isoText(column)}`;
    if (!SAME_IN_JSON.has(column.columnType)) throw new Error(`Column ${column.name} (${column.columnType}) has no JSON form here: add one to jsonObject`);
    return sql`${sql.raw(`'${key}'`)}, ${column}`;
  });
  return sql<JsonRow<C>>`json_build_object(${sql.join(pairs, sql`, `)})`;
}

const dialect = new PgDialect();

/**
 * The expression as SQL text, rendered once: drizzle otherwise walks every chunk of it (a hundred
 * for the request row, more for the parts) on every query. Only for expressions without
 * parameters, whose text never changes; the columns in it are written out in full
 * ("porting_requests"."id"), so they read the same in any statement over the unaliased table.
 */
function renderedOnce<T>(expression: SQL<T>): SQL<T> {
  const { sql: text, params } = dialect.sqlToQuery(expression);
  if (params.length > 0) throw new Error("renderedOnce: the expression has parameters, so its text is not fixed");
  return sql<T>`${sql.raw(text)}`;
}

export type RequestPart<C extends Columns = Columns> = {
  /** The json_agg subquery, correlated to porting_requests.id. */
  sql: SQL;
  /**
   * The table its rows live in. A write there must move the request's content_version (a trigger,
   * migration 0015): lib/porting/request-json-cache.test.ts checks every part's table has one.
   */
  table: string;
  decode: (raw: unknown) => JsonRow<C>[];
};

/** `columns` of the child rows of each request, as a JSON array of `jsonObject`s in `orderBy` order. */
export function childRows<C extends Columns>(columns: C, foreignKey: PgColumn, orderBy: SQL): RequestPart<C> {
  return {
    sql: renderedOnce(
      sql`coalesce((select json_agg(${jsonObject(columns)} order by ${orderBy}) from ${sql.identifier(tableName(foreignKey))} where ${foreignKey} = ${portingRequests.id}), '[]'::json)`,
    ),
    table: tableName(foreignKey),
    decode: (raw) => raw as JsonRow<C>[],
  };
}

function tableName(column: PgColumn): string {
  return (column.table as unknown as { [key: symbol]: string })[Symbol.for("drizzle:Name")]!;
}

/** The request row itself, as JSON (see the top of this file). */
export const REQUEST_ROW = renderedOnce(jsonObject(getTableColumns(portingRequests)));
export type RequestRow = JsonRow<typeof portingRequests._.columns>;

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
    sql: renderedOnce(sql`json_build_object(
      'resubmissionOf', (select ${link} from ${portingRequests} linked where linked.id = ${portingRequests.resubmissionOfId}),
      'resubmittedAs', (select ${link} from ${portingRequests} linked where linked.resubmission_of_id = ${portingRequests.id}))`),
    table: "porting_requests",
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

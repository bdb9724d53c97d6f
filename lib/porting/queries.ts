import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { getDb, type Executor } from "@/db";
import { accounts, portingRequestCounts, portingRequestNumbers, portingRequests, type PortingRequest } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/shared/cursor";
import { isUuid } from "@/lib/shared/ids";
import { containsPattern } from "@/lib/shared/like";
import { parseInput } from "@/lib/shared/validation";
import {
  LIST_NUMBER_PREVIEW,
  toPortingRequestDto,
  toPortingRequestListItemDto,
  type PortingRequestDto,
  type PortingRequestListItemDto,
  type PortingRequestParts,
} from "./dto";
import { normaliseNumber } from "./numbers";
import { requestJsonCache, type RequestJsonCache } from "./request-json-cache";
import { decodeParts, partSelections, REQUEST_ROW } from "./request-parts";
import { portingRequestJson } from "./serialize";
import { listPortingRequestsSchema, type ListPortingRequestsInput } from "./schemas";
import { COUNTRY_CODES, PORTING_STATUSES, type CountryCode, type PortingStatus } from "./values";

// No "server-only" here: the demo seed (db/seed.ts via lib/notifications/seed-records.ts, run by
// scripts/start.ts under plain Node, where that import throws) builds callback bodies with these reads.

// Tenant-scoped reads (STYLE.md habit 4). The tenant comes from the actor, never from input: a
// customer sees its own account, support sees every account. A foreign or malformed id is a 404.

/**
 * The WHERE part that keeps a customer inside its account, and on its key's side of it (DESIGN.md,
 * Sandbox): a test key sees only the account's sandbox requests, a live key only the live ones, a
 * browser session either (by id; lists choose with `listSandbox`). Support sees every account's
 * live requests and never a sandbox one.
 */
export function tenantCondition(actor: Actor): SQL | undefined {
  if (actor.role !== "customer") return eq(portingRequests.sandbox, false);
  return and(eq(portingRequests.accountId, actor.accountId), actor.sandbox === undefined ? undefined : eq(portingRequests.sandbox, actor.sandbox));
}

/**
 * Which side of the account a list, its counts or an export shows: the key's own (a test key the
 * sandbox, a live key the live requests), or for a browser session what its page asks for (live
 * unless `requested` is true). Sandbox and live rows never share a list. Asking a key for the
 * other side, or support for the sandbox, is a validation error rather than a silent switch.
 */
export function listSandbox(actor: Actor, requested: boolean | undefined): boolean {
  if (actor.role !== "customer") {
    if (requested) throw new ValidationError({ sandbox: ["Sandbox requests belong to their account alone: support never sees them."] });
    return false;
  }
  if (actor.sandbox === undefined) return requested ?? false;
  if (requested !== undefined && requested !== actor.sandbox) {
    throw new ValidationError({
      sandbox: [
        actor.sandbox
          ? "A test key (vp_test_…) sees only the sandbox: leave out sandbox, or use a live key for live requests."
          : "A live key never sees the sandbox: leave out sandbox, or use a test key (vp_test_…) for sandbox requests.",
      ],
    });
  }
  return actor.sandbox;
}

export async function findPortingRequestRow(db: Executor, actor: Actor, id: string): Promise<PortingRequest | null> {
  // Checked here rather than left to PostgreSQL, which would answer a malformed uuid with an error.
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(portingRequests)
    .where(and(eq(portingRequests.id, id), tenantCondition(actor)))
    .limit(1);
  return row ?? null;
}

/** Fetch-or-throw: the request when the actor may see it, else NotFoundError (never Forbidden: no existence leak). */
export async function getPortingRequestRowForActor(db: Executor, actor: Actor, id: string): Promise<PortingRequest> {
  const row = await findPortingRequestRow(db, actor, id);
  if (!row) throw new NotFoundError("porting request");
  return row;
}

/**
 * A LIMIT as a literal in the statement's text rather than a parameter ($n). drizzle writes an SQL
 * chunk given as the limit inline (pg-core dialect: `sql\` limit ${limit}\``); its type says number.
 */
function literalLimit(limit: number): number {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`A LIMIT must be a whole number, not ${limit}`);
  return sql.raw(String(limit)) as unknown as number;
}

/** created_at to the microsecond, for the keyset cursor (a Date would lose the microseconds). */
export const CREATED_AT_TEXT = sql<string>`to_char(${portingRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The requests matching `where` with everything their GET JSON shows (account name, numbers,
 * history, every part in lib/porting/request-parts.ts), newest first: ONE query, whatever the
 * number of requests or parts. The tenant condition is the caller's to put into `where`.
 */
async function selectFullRequests(db: Executor, where: SQL | undefined, options: { limit?: number; prepared?: boolean; name?: string } = {}) {
  const query = db
    .select({
      request: REQUEST_ROW,
      accountName: accounts.name,
      createdAtText: CREATED_AT_TEXT,
      ...partSelections(),
    })
    .from(portingRequests)
    .innerJoin(accounts, eq(accounts.id, portingRequests.accountId))
    .where(where)
    .orderBy(desc(portingRequests.createdAt), desc(portingRequests.id));
  const limited = options.limit === undefined ? query : query.limit(literalLimit(options.limit));
  // A prepared statement is parsed and planned once per connection and then only bound: for this
  // query (a subquery per part) planning cost as much as running it. Only for statements of a
  // fixed shape (GET by id, the list's filters): an id list of any length would prepare a new
  // statement per length. (drizzle uses the name only as "prepare"; postgres.js keys statements by text.)
  // The LIMIT is written into the text (one statement per page size, at most 101): as a parameter,
  // PostgreSQL cannot cost a generic plan's row count and keeps planning every call afresh (4 ms of
  // planning for 1.5 ms of running, for a list of 50; measured in bench/README.md).
  const rows = await (options.prepared ? limited.prepare(options.name ?? "porting_request_full").execute() : limited);
  return rows.map((row) => ({
    request: row.request,
    createdAtText: row.createdAtText,
    parts: { request: row.request, accountName: row.accountName, ...decodeParts(row) } satisfies PortingRequestParts,
  }));
}

/** The full DTO of a request already loaded within the actor's scope (inside a transaction: as it stands there). */
export async function loadPortingRequestDto(db: Executor, actor: Actor, request: PortingRequest): Promise<PortingRequestDto> {
  const [dto] = await loadPortingRequestDtos(db, actor, [request]);
  if (!dto) throw new NotFoundError("porting request");
  return dto;
}

/**
 * Full DTOs for requests already loaded within the actor's scope, in the given order: one query
 * for the lot. The API's list answers every item with the same JSON as Get Porting Request.
 */
export async function loadPortingRequestDtos(
  db: Executor,
  actor: Actor,
  requests: readonly PortingRequest[],
): Promise<PortingRequestDto[]> {
  if (requests.length === 0) return [];
  const rows = await selectFullRequests(
    db,
    inArray(
      portingRequests.id,
      requests.map((r) => r.id),
    ),
  );
  const byId = new Map(rows.map((row) => [row.request.id, row.parts]));
  return requests.flatMap((request) => {
    const parts = byId.get(request.id);
    // The caller's row is the one it holds (a transaction's own update included); the parts are read.
    return parts ? [toPortingRequestDto({ ...parts, request }, actor)] : [];
  });
}

/** Get Porting Request: the request, its account name and every part, in one round trip; else NotFoundError. */
export async function getPortingRequestForActor(actor: Actor, id: string, db: Executor = getDb()): Promise<PortingRequestDto> {
  if (!isUuid(id)) throw new NotFoundError("porting request");
  const [row] = await selectFullRequests(db, and(eq(portingRequests.id, id), tenantCondition(actor)), { prepared: true });
  if (!row) throw new NotFoundError("porting request");
  return toPortingRequestDto(row.parts, actor);
}

// ---- the list ----------------------------------------------------------------------------------

export type PortingRequestPage = {
  items: PortingRequestListItemDto[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
};

const REFERENCE = /^(?:PR-?)?0*(\d{1,9})$/i;

/** "PR-000123", "pr123", "123" → "PR-000123"; null when it cannot be a reference. */
export function normaliseReference(value: string): string | null {
  const ref = REFERENCE.exec(value.replace(/\s+/g, ""));
  return ref?.[1] ? `PR-${ref[1].padStart(6, "0")}` : null;
}

/**
 * The E.164 numbers a typed number can mean. International formats ("+31…", "0031…") mean one;
 * a national format means nothing without a country: the given one, else every one we port from.
 */
export function numberCandidates(q: string, country: CountryCode | undefined): string[] {
  const numbers = new Set<string>();
  if (/^\s*(\+|00)/.test(q)) {
    const international = parsePhoneNumberFromString(q.trim().replace(/^00/, "+"), { extract: false });
    if (international?.isValid()) numbers.add(international.number);
  } else {
    for (const c of country ? [country] : COUNTRY_CODES) {
      const e164 = normaliseNumber(q, c);
      if (e164) numbers.add(e164);
    }
  }
  return [...numbers];
}

function hasAnyNumber(db: Executor, numbers: readonly string[], actor: Actor): SQL {
  const scope = actor.role === "customer" ? eq(portingRequestNumbers.accountId, actor.accountId) : undefined;
  // `= any(array(subquery))` makes PostgreSQL run the (index-backed, tiny) number lookup first,
  // as an InitPlan, then fetch those requests by primary key. With `in (subquery)` the planner
  // walked the whole account newest-first, probing each row: 2 s at a million requests.
  const matching = db
    .select({ id: portingRequestNumbers.portingRequestId })
    .from(portingRequestNumbers)
    .where(and(inArray(portingRequestNumbers.number, [...numbers]), scope));
  return sql`${portingRequests.id} = any(array(${matching}))`;
}

/**
 * The search box: a reference ("PR-000123", "pr123", "123"), a phone number in any format, or part
 * of the customer's own reference (case-insensitive; the trigram index serves the ILIKE).
 */
function searchCondition(db: Executor, q: string, country: CountryCode | undefined, actor: Actor): SQL {
  const conditions: SQL[] = [sql`${portingRequests.customerReference} ilike ${containsPattern(q)}`];
  const reference = normaliseReference(q);
  if (reference) conditions.push(eq(portingRequests.reference, reference));

  const numbers = numberCandidates(q, country);
  if (numbers.length > 0) conditions.push(hasAnyNumber(db, numbers, actor));
  return conditions.length === 1 ? (conditions[0] as SQL) : (sql`(${sql.join(conditions, sql` or `)})` as SQL);
}

/**
 * Newest first, keyset on (created_at desc, id desc) so a page costs the same at row 10 and at row
 * 1,000,000, and rows created meanwhile never shift a page.
 */
export async function listPortingRequests(
  actor: Actor,
  input: ListPortingRequestsInput,
  db: Executor = getDb(),
): Promise<PortingRequestPage> {
  const filters = parseInput(listPortingRequestsSchema, input);
  // One query: the page and, per row, its number count and the first few numbers.
  const rows = await db
    .select({
      request: portingRequests,
      accountName: accounts.name,
      createdAtText: CREATED_AT_TEXT,
      numbers: sql<{ count: number; preview: string[] | null }>`(select json_build_object('count', count(*), 'preview', (array_agg(${portingRequestNumbers.number} order by ${portingRequestNumbers.position}))[1:${sql.raw(String(LIST_NUMBER_PREVIEW))}]) from ${portingRequestNumbers} where ${portingRequestNumbers.portingRequestId} = ${portingRequests.id})`,
    })
    .from(portingRequests)
    .innerJoin(accounts, eq(accounts.id, portingRequests.accountId))
    .where(pageCondition(db, actor, filters))
    .orderBy(desc(portingRequests.createdAt), desc(portingRequests.id))
    .limit(filters.limit + 1);
  const { page, nextCursor } = cut(rows, filters.limit);
  return {
    items: page.map((r) =>
      toPortingRequestListItemDto(
        r.request,
        { accountName: r.accountName, numberCount: r.numbers.count, phoneNumbers: r.numbers.preview ?? [] },
        actor,
      ),
    ),
    nextCursor,
  };
}

/**
 * The list's filters, parsed. Beyond the pages' own (`listPortingRequestsSchema`), the REST API
 * filters by numbers (E.164 candidates of one typed number), an exact reference, and a creation
 * range: `createdFrom` inclusive, `createdBefore` exclusive, `createdUntil` inclusive.
 */
export type PortingRequestListFilters = {
  status?: PortingStatus | undefined;
  country?: CountryCode | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
  numbers?: readonly string[] | undefined;
  reference?: string | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
  createdUntil?: Date | undefined;
  /** The current provider's name, case-insensitive, as a whole (not a part of it). */
  currentProvider?: string | undefined;
  /** Requests filed with this company profile; another account's profile simply matches nothing. */
  companyProfileId?: string | undefined;
  /** The account's sandbox instead of its live requests (`listSandbox` says who may ask). */
  sandbox?: boolean | undefined;
};

/** The list's WHERE for these filters, tenant and keyset cursor included (the export walks it too). */
export function pageCondition(db: Executor, actor: Actor, filters: Omit<PortingRequestListFilters, "limit">): SQL | undefined {
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : undefined;
  return and(
    actor.role === "customer" ? eq(portingRequests.accountId, actor.accountId) : undefined,
    eq(portingRequests.sandbox, listSandbox(actor, filters.sandbox)),
    filters.status ? eq(portingRequests.status, filters.status) : undefined,
    filters.country ? eq(portingRequests.country, filters.country) : undefined,
    filters.q ? searchCondition(db, filters.q, filters.country, actor) : undefined,
    filters.numbers ? (filters.numbers.length > 0 ? hasAnyNumber(db, filters.numbers, actor) : sql`false`) : undefined,
    filters.reference ? eq(portingRequests.reference, filters.reference) : undefined,
    filters.createdFrom ? gte(portingRequests.createdAt, filters.createdFrom) : undefined,
    filters.createdBefore ? lt(portingRequests.createdAt, filters.createdBefore) : undefined,
    filters.createdUntil ? lte(portingRequests.createdAt, filters.createdUntil) : undefined,
    filters.currentProvider ? sql`lower(${portingRequests.currentProvider}) = lower(${filters.currentProvider})` : undefined,
    filters.companyProfileId
      ? isUuid(filters.companyProfileId)
        ? eq(portingRequests.companyProfileId, filters.companyProfileId)
        : sql`false`
      : undefined,
    cursor
      ? sql`(${portingRequests.createdAt}, ${portingRequests.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
      : undefined,
  );
}

/** `limit + 1` rows fetched → the page and the cursor after its last row (null on the last page). */
function cut<R extends { createdAtText: string }>(rows: R[], limit: number, idOf: (row: R) => string = (row) => (row as R & { request: { id: string } }).request.id) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ t: last.createdAtText, i: idOf(last) }) : null;
  return { page, nextCursor };
}

/** The list with every item in full (numbers and history), as the REST API answers it: one query. */
export async function listFullPortingRequests(
  actor: Actor,
  filters: PortingRequestListFilters,
  db: Executor = getDb(),
): Promise<{ items: PortingRequestDto[]; nextCursor: string | null }> {
  // Free text (q) stays unprepared: a generic plan cannot know how selective an ILIKE pattern is.
  const rows = await selectFullRequests(db, pageCondition(db, actor, filters), { limit: filters.limit + 1, prepared: !filters.q });
  const { page, nextCursor } = cut(rows, filters.limit);
  return { items: page.map((row) => toPortingRequestDto(row.parts, actor)), nextCursor };
}

/**
 * The REST API's list: each item as the text of its public JSON (`portingRequestJson`, what Get
 * Porting Request answers), from the process's cache (lib/porting/request-json-cache.ts) when the
 * request has not changed since. One query reads the page's ids with their content versions; only
 * the requests not kept (or changed) are then read in full, in one more query for the lot.
 */
export async function listPortingRequestJson(
  actor: Actor,
  filters: PortingRequestListFilters,
  db: Executor = getDb(),
  cache: RequestJsonCache = requestJsonCache,
): Promise<{ items: string[]; nextCursor: string | null }> {
  const query = db
    .select({ id: portingRequests.id, contentVersion: portingRequests.contentVersion, accountName: accounts.name, createdAtText: CREATED_AT_TEXT })
    .from(portingRequests)
    .innerJoin(accounts, eq(accounts.id, portingRequests.accountId))
    .where(pageCondition(db, actor, filters))
    .orderBy(desc(portingRequests.createdAt), desc(portingRequests.id))
    .limit(literalLimit(filters.limit + 1));
  // Prepared as selectFullRequests explains; free text (q) stays unprepared, as in listFullPortingRequests.
  const rows = await (filters.q ? query : query.prepare("porting_request_page").execute());
  const { page, nextCursor } = cut(rows, filters.limit, (row) => row.id);

  const items = page.map((row) => cache.get(actor.role, row.id, row.contentVersion, row.accountName));
  const missing = page.filter((_row, index) => items[index] === undefined).map((row) => row.id);
  if (missing.length > 0) {
    // One array parameter, so one prepared statement serves any number of missing requests.
    const full = await selectFullRequests(db, and(sql`${portingRequests.id} = any(${sql.param(missing)}::uuid[])`, tenantCondition(actor)), { prepared: true, name: "porting_request_full_any" });
    const built = new Map(
      full.map(({ request, parts }) => {
        const json = JSON.stringify(portingRequestJson(toPortingRequestDto(parts, actor)));
        // Kept under the version it was read at, which may be newer than the page's: it is the JSON of that version.
        cache.set(actor.role, request.id, request.contentVersion, parts.accountName, json);
        return [request.id, json];
      }),
    );
    page.forEach((row, index) => {
      items[index] ??= built.get(row.id);
    });
  }
  // A request deleted between the two queries is left out, as a list read a moment later would.
  return { items: items.filter((json): json is string => json !== undefined), nextCursor };
}

/**
 * Requests per status for the status tabs: the actor's account, or every account for support; live
 * requests from the counts kept with every change, or (the sandbox, `listSandbox`) counted from
 * the account's few sandbox rows, which porting_request_counts never holds.
 */
export async function statusCounts(actor: Actor, db: Executor = getDb(), options: { sandbox?: boolean | undefined } = {}): Promise<Record<PortingStatus, number>> {
  if (actor.role === "customer" && listSandbox(actor, options.sandbox)) {
    const rows = await db
      .select({ status: portingRequests.status, count: sql<number>`count(*)::int` })
      .from(portingRequests)
      .where(and(eq(portingRequests.accountId, actor.accountId), eq(portingRequests.sandbox, true)))
      .groupBy(portingRequests.status);
    const counts = Object.fromEntries(PORTING_STATUSES.map((s) => [s, 0])) as Record<PortingStatus, number>;
    for (const row of rows) counts[row.status] = row.count;
    return counts;
  }
  listSandbox(actor, options.sandbox);
  const rows = await db
    .select({ status: portingRequestCounts.status, count: sql<number>`sum(${portingRequestCounts.count})::int` })
    .from(portingRequestCounts)
    .where(actor.role === "customer" ? eq(portingRequestCounts.accountId, actor.accountId) : undefined)
    .groupBy(portingRequestCounts.status);
  const counts = Object.fromEntries(PORTING_STATUSES.map((s) => [s, 0])) as Record<PortingStatus, number>;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

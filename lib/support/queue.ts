import "server-only";
import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { z } from "zod";
import { getDb, type Executor } from "@/db";
import { accounts, portingRequestNumbers, portingRequests } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { assertSupport } from "./access";
import { DEFAULT_QUEUE_VIEW, QUEUE_VIEWS, QUEUE_VIEW_IDS, viewCounts, type QueueViewId } from "./queue-views";
import { LIST_NUMBER_PREVIEW } from "@/lib/porting/dto";
import { normaliseNumber } from "@/lib/porting/numbers";
import { statusCounts } from "@/lib/porting/queries";
import { isFinalStatus } from "@/lib/porting/statuses";
import { decodeCursor, encodeCursor } from "@/lib/shared/cursor";
import { containsPattern } from "@/lib/shared/like";
import { parseInput } from "@/lib/shared/validation";
import { COUNTRY_CODES, type CountryCode, type NumberType, type PortingStatus } from "@/lib/porting/values";

// The support queue: requests of every account, in the order a support agent works them (see
// lib/support/queue-views.ts: open work oldest waiting first). Keyset pagination on
// (status_changed_at, id). Each status is read as its own ordered branch, so every branch walks the
// index porting_requests_status_changed_idx (status, status_changed_at, id) and stops after one
// page; the branches are merged and cut to a page. A tab over four statuses thus costs four short
// index scans, whatever the table's size, instead of a sort of every open request.

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const SUPPORT_QUEUE_PAGE_SIZE = 25;

export const supportQueueSchema = z.object({
  status: z.preprocess(emptyToUndefined, z.enum(QUEUE_VIEW_IDS, { error: "Unknown queue tab." }).default(DEFAULT_QUEUE_VIEW)),
  country: z.preprocess(emptyToUndefined, z.enum(COUNTRY_CODES, { error: "Unknown country." }).optional()),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100, "Search for at most 100 characters.").optional()),
  cursor: z.preprocess(emptyToUndefined, z.string().max(500, "Invalid cursor.").optional()),
  limit: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(100, "At most 100 per page.").default(SUPPORT_QUEUE_PAGE_SIZE),
  ),
});

export type SupportQueueInput = z.input<typeof supportQueueSchema>;

export type SupportQueueItem = {
  id: string;
  reference: string;
  customerReference: string | null;
  accountId: string;
  accountName: string;
  country: string;
  numberType: NumberType;
  numberCount: number;
  /** The first few numbers, E.164. */
  phoneNumbers: string[];
  status: PortingStatus;
  statusReason: string;
  statusChangedAt: string;
  firstPossiblePortingDate: string | null;
  /** Outside NL: the customer's preferred moment (ISO), null for "as soon as possible". */
  preferredPortingDate: string | null;
  /** Outside NL: the porting moment support confirmed; the request completes by itself then. */
  scheduledPortingAt: string | null;
  createdAt: string;
  version: number;
  /** Customer comments no support agent has read yet (opening the request reads them). */
  unreadComments: number;
  /** Support asked the customer for information and waits for the reply. */
  waitingForCustomer: boolean;
};

export type SupportQueuePage = {
  view: QueueViewId;
  items: SupportQueueItem[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  /** Requests per tab, over every account (not narrowed by search or country). */
  counts: Record<QueueViewId, number>;
};

const REFERENCE = /^(?:PR-?)?0*(\d{1,9})$/i;

/** Phone numbers the search text can mean: international formats as they are, national ones in each country we port from. */
function numbersFor(q: string, country: CountryCode | undefined): string[] {
  const numbers = new Set<string>();
  if (/^\s*(\+|00)/.test(q)) {
    const parsed = parsePhoneNumberFromString(q.trim().replace(/^00/, "+"), { extract: false });
    if (parsed?.isValid()) numbers.add(parsed.number);
  } else if (/\d/.test(q)) {
    for (const c of country ? [country] : COUNTRY_CODES) {
      const e164 = normaliseNumber(q, c);
      if (e164) numbers.add(e164);
    }
  }
  return [...numbers];
}

/** At most this many requests found by part of a customer reference: a few letters can match half the table. */
const CUSTOMER_REFERENCE_MATCHES = 500;

/**
 * The search box: a reference ("PR-000123", "pr123", "123"), a phone number in any format, part
 * of an account name, or part of a customer's own reference (newest matches first, at most
 * CUSTOMER_REFERENCE_MATCHES; the trigram index serves the ILIKE). Resolved to request and account ids first (small, indexed lookups), so the
 * per-status branches below filter by id lists instead of probing every request of a status: with
 * a subquery inside the OR, a number search read all million rows (1.1 s in bench/list-at-scale.ts).
 */
async function searchCondition(db: Executor, q: string, country: CountryCode | undefined): Promise<SQL> {
  const ref = REFERENCE.exec(q.replace(/\s+/g, ""));
  const reference = ref?.[1] ? `PR-${ref[1].padStart(6, "0")}` : null;
  const numbers = numbersFor(q, country);
  const [byReference, byNumber, byAccount, byCustomerReference] = await Promise.all([
    reference
      ? db.select({ id: portingRequests.id }).from(portingRequests).where(eq(portingRequests.reference, reference))
      : Promise.resolve([]),
    numbers.length > 0
      ? db
          .selectDistinct({ id: portingRequestNumbers.portingRequestId })
          .from(portingRequestNumbers)
          .where(inArray(portingRequestNumbers.number, numbers))
      : Promise.resolve([]),
    db.select({ id: accounts.id }).from(accounts).where(sql`${accounts.name} ilike ${containsPattern(q)}`),
    db
      .select({ id: portingRequests.id })
      .from(portingRequests)
      .where(sql`${portingRequests.customerReference} ilike ${containsPattern(q)}`)
      .orderBy(desc(portingRequests.createdAt))
      .limit(CUSTOMER_REFERENCE_MATCHES),
  ]);
  const requestIds = [...byReference, ...byNumber, ...byCustomerReference].map((r) => r.id);
  const accountIds = byAccount.map((a) => a.id);
  const conditions: SQL[] = [];
  if (requestIds.length > 0) conditions.push(inArray(portingRequests.id, requestIds));
  if (accountIds.length > 0) conditions.push(inArray(portingRequests.accountId, accountIds));
  if (conditions.length === 0) return sql`false`;
  return conditions.length === 1 ? (conditions[0] as SQL) : (sql`(${sql.join(conditions, sql` or `)})` as SQL);
}

export async function listSupportQueue(
  actor: Actor,
  input: SupportQueueInput,
  db: Executor = getDb(),
): Promise<SupportQueuePage> {
  assertSupport(actor, "The support queue is for support staff only.");
  const filters = parseInput(supportQueueSchema, input);
  const view = QUEUE_VIEWS[filters.status];
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : undefined;
  const ascending = view.order === "oldest_first";
  const direction = sql.raw(ascending ? "asc" : "desc");
  const take = filters.limit + 1;

  const common = and(
    // Sandbox requests are their account's alone (DESIGN.md): never in support's queue or search.
    eq(portingRequests.sandbox, false),
    filters.country ? eq(portingRequests.country, filters.country) : undefined,
    filters.q ? await searchCondition(db, filters.q, filters.country) : undefined,
    cursor
      ? ascending
        ? sql`(${portingRequests.statusChangedAt}, ${portingRequests.id}) > (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
        : sql`(${portingRequests.statusChangedAt}, ${portingRequests.id}) < (${cursor.t}::timestamptz, ${cursor.i}::uuid)`
      : undefined,
  );
  const branches = view.statuses.map(
    (status) => sql`(select ${portingRequests.id} as id, ${portingRequests.statusChangedAt} as changed_at
      from ${portingRequests}
      where ${and(eq(portingRequests.status, status), common)}
      order by ${portingRequests.statusChangedAt} ${direction}, ${portingRequests.id} ${direction}
      limit ${take})`,
  );
  const picked = await db.execute<{ id: string; changed_text: string }>(sql`
    select id, to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as changed_text
    from (${sql.join(branches, sql` union all `)}) as branch
    order by changed_at ${direction}, id ${direction}
    limit ${take}`);

  const pageIds = picked.slice(0, filters.limit);
  const ids = pageIds.map((p) => p.id);
  const [rows, numberRows, perStatus] = await Promise.all([
    ids.length
      ? db
          .select({ request: portingRequests, accountName: accounts.name })
          .from(portingRequests)
          .innerJoin(accounts, eq(accounts.id, portingRequests.accountId))
          .where(inArray(portingRequests.id, ids))
      : Promise.resolve([]),
    ids.length
      ? db
          .select({
            id: portingRequestNumbers.portingRequestId,
            count: sql<number>`count(*)::int`,
            preview: sql<string[]>`(array_agg(${portingRequestNumbers.number} order by ${portingRequestNumbers.position}))[1:${sql.raw(String(LIST_NUMBER_PREVIEW))}]`,
          })
          .from(portingRequestNumbers)
          .where(inArray(portingRequestNumbers.portingRequestId, ids))
          .groupBy(portingRequestNumbers.portingRequestId)
      : Promise.resolve([]),
    statusCounts(actor, db),
  ]);
  const byId = new Map(rows.map((r) => [r.request.id, r]));
  const numbersById = new Map(numberRows.map((n) => [n.id, n]));

  const items: SupportQueueItem[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    // A request deleted between the two reads (an account removed) simply drops out of the page.
    if (!row) continue;
    const { request } = row;
    const numbers = numbersById.get(id);
    items.push({
      id: request.id,
      reference: request.reference,
      customerReference: request.customerReference,
      accountId: request.accountId,
      accountName: row.accountName,
      country: request.country,
      numberType: request.numberType,
      numberCount: numbers?.count ?? 0,
      phoneNumbers: numbers?.preview ?? [],
      status: request.status,
      statusReason: request.statusReason,
      statusChangedAt: request.statusChangedAt.toISOString(),
      firstPossiblePortingDate: request.firstPossiblePortingDate,
      preferredPortingDate: request.preferredPortingDate?.toISOString() ?? null,
      scheduledPortingAt: request.scheduledPortingAt?.toISOString() ?? null,
      createdAt: request.createdAt.toISOString(),
      version: request.version,
      unreadComments: request.supportUnreadComments,
      waitingForCustomer: request.waitingForCustomerSince !== null && !isFinalStatus(request.status),
    });
  }

  const last = pageIds.at(-1);
  return {
    view: view.id,
    items,
    nextCursor: picked.length > filters.limit && last ? encodeCursor({ t: last.changed_text, i: last.id }) : null,
    counts: viewCounts(perStatus),
  };
}

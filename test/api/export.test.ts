import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { portingRequests } from "@/db/schema";
import { EXPORT_COLUMNS } from "@/lib/porting/export-columns";
import { EXPORT_BATCH_SIZE } from "@/lib/porting/export-porting-requests";
import {
  createCompanyProfile,
  createCustomer,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
  uploadLetterOfAuthorisation,
} from "@/test/factories";
import { call, callJson, keyFor } from "./client";

// GET /api/v1/porting-requests/export and the list's new filters (issue 15 item 4), through the
// real route handlers and PostgreSQL: one row per number, RFC 4180 quoting, spreadsheet formulas
// neutralised, the list's filters and tenant scope, and a stream that reads its batches only as
// the client takes them.

/** RFC 4180, strictly: CRLF between records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i += 1;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else if (c === "\n" || c === "\r" || c === '"') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else cell += c;
    i += 1;
  }
  if (cell !== "" || row.length > 0) throw new Error("the last record does not end with CRLF");
  return rows;
}

const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);

async function exportCsv(key: string | null, query: Record<string, string> = {}) {
  const response = await call("GET", "/porting-requests/export", { key, query });
  const text = await response.text();
  return { response, text, rows: response.status === 200 ? parseCsv(text) : [] };
}

let customerKey: string;
let otherKey: string;
let supportKey: string;
let accountId: string;
let otherAccountId: string;
let profileA: string;
let profileB: string;

beforeAll(async () => {
  const a = await createTenant("NL", "Export A B.V.");
  const b = await createTenant("NL", "Export B B.V.");
  accountId = a.account.id;
  otherAccountId = b.account.id;
  customerKey = await keyFor(a.customer);
  otherKey = await keyFor(b.customer);
  supportKey = await keyFor(await createSupport());
  profileA = (await createCompanyProfile(accountId, "NL", { name: "Head office" })).id;
  profileB = (await createCompanyProfile(accountId, "NL", { name: "Branch" })).id;
});

/** A request placed directly, then given the columns a test is about. */
async function request(values: Partial<typeof portingRequests.$inferInsert> & { numbers?: string[]; status?: "requested" | "in_progress" | "delayed" | "completed"; account?: string }) {
  const { numbers, status, account, ...columns } = values;
  const row = await insertRequestInStatus({
    accountId: account ?? accountId,
    status: status ?? "requested",
    companyProfileId: columns.companyProfileId ?? profileA,
    ...(numbers ? { numbers } : {}),
  });
  if (Object.keys(columns).length > 0) await getDb().update(portingRequests).set(columns).where(eq(portingRequests.id, row.id));
  return row;
}

describe("the CSV", () => {
  test("one row per number, every column, RFC 4180 quoting and no formula a spreadsheet would run", async () => {
    const numbers = [nextNumber(), nextNumber(), nextNumber()];
    const hostile = await request({
      numbers,
      status: "delayed",
      customerReference: '=HYPERLINK("https://evil.example","Click"), "urgent"',
      currentProvider: "@KPN, Mobile\nDivision",
      statusReason: "-1+1 days: the provider asks for a later date",
      firstPossiblePortingDate: "2099-03-01",
    });
    const { response, text, rows } = await exportCsv(customerKey, { reference: hostile.reference });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toContain('"\'=HYPERLINK(""https://evil.example"",""Click""), ""urgent"""');

    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    const body = rows.slice(1);
    expect(body.map((r) => r[column("Number")])).toEqual(numbers.map((n) => `'${n}`));
    const [row] = body;
    expect(row).toEqual([
      hostile.reference,
      `'=HYPERLINK("https://evil.example","Click"), "urgent"`,
      "Delayed",
      "'-1+1 days: the provider asks for a later date",
      "NL",
      "Geographic",
      `'${numbers[0]}`,
      "'@KPN, Mobile\nDivision",
      "",
      "2099-03-01",
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    ]);
    // Every row of the request carries the request's columns.
    for (const r of body) expect(r.filter((_, i) => i !== column("Number"))).toEqual(row!.filter((_, i) => i !== column("Number")));
  });

  test("no key is a 401; a bad filter is a 422 before any byte of CSV", async () => {
    expect((await exportCsv(null)).response.status).toBe(401);
    const bad = await callJson("GET", "/porting-requests/export", { key: customerKey, query: { createdTo: "2026-13-01", status: "done", limit: "5" } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(Object.keys((bad.body as { errors: object }).errors).sort()).toEqual(["createdTo", "limit", "status"]);
  });
});

describe("the customer's own reference", () => {
  test("on create: optional, trimmed, at most 100 characters; in the GET JSON", async () => {
    const customer = await createCustomer({ id: accountId });
    const create = async (customerReference: unknown) =>
      callJson<Record<string, unknown>>("POST", "/porting-requests", {
        key: customerKey,
        json: {
          country: "NL",
          numberType: "geographic",
          companyProfileId: profileA,
          phoneNumbers: [nextNumber()],
          // Not KPN or Ziggo: the filter tests below count this account's requests per provider.
          currentProvider: "Odido",
          customerReference,
          documents: [await uploadLetterOfAuthorisation(customer)],
        },
      });
    const created = await create("  PO 2026/17 – Amsterdam  ");
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.customerReference).toBe("PO 2026/17 – Amsterdam");
    const got = await callJson<Record<string, unknown>>("GET", `/porting-requests/${created.body.id as string}`, { key: customerKey });
    expect(got.body.customerReference).toBe("PO 2026/17 – Amsterdam");
    expect((await create("   ")).body.customerReference).toBeNull();
    expect((await create(null)).body.customerReference).toBeNull();

    for (const bad of ["x".repeat(101), 42]) {
      const refused = await create(bad);
      expect(refused.status).toBe(422);
      expect(Object.keys(refused.body.errors as object)).toEqual(["customerReference"]);
    }
    expect((await create("x".repeat(100))).status).toBe(201);
  });
});

describe("filters: the list and the export answer the same requests", () => {
  let kpnOld: string;
  let kpnNew: string;
  let ziggo: string;
  let branch: string;
  let foreign: string;

  beforeAll(async () => {
    kpnOld = (await request({ currentProvider: "KPN", customerReference: "PO-2025-0007", createdAt: new Date("2025-01-10T12:00:00Z") })).id;
    kpnNew = (await request({ currentProvider: "kpn", customerReference: "Ticket 4711", createdAt: new Date("2025-03-05T08:00:00Z") })).id;
    ziggo = (await request({ currentProvider: "Ziggo", customerReference: "PO-2025-0099", createdAt: new Date("2025-02-01T00:00:00Z") })).id;
    branch = (await request({ currentProvider: "Ziggo", companyProfileId: profileB, createdAt: new Date("2025-02-28T23:59:59Z") })).id;
    foreign = (await request({ account: otherAccountId, currentProvider: "KPN", customerReference: "PO-2025-0007", companyProfileId: (await createCompanyProfile(otherAccountId, "NL")).id, createdAt: new Date("2025-01-10T12:00:00Z") })).id;
  });

  async function both(query: Record<string, string>, key = customerKey) {
    const list = await callJson<{ data: { id: string; reference: string }[] }>("GET", "/porting-requests", { key, query: { ...query, limit: "200" } });
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    const { rows } = await exportCsv(key, query);
    const references = [...new Set(rows.slice(1).map((r) => r[column("Reference")]!))];
    // Newest first in both, the same requests.
    expect(references).toEqual(list.body.data.map((r) => r.reference));
    return list.body.data.map((r) => r.id);
  }

  test("current provider: the whole name, whatever its case", async () => {
    const ids = await both({ currentProvider: " KPN " });
    expect(ids).toEqual([kpnNew, kpnOld]);
    expect(await both({ currentProvider: "KP" })).toEqual([]);
  });

  test("company profile; another account's profile matches nothing (no leak, no error)", async () => {
    expect(await both({ companyProfileId: profileB })).toEqual([branch]);
    const [foreignProfile] = await getDb().select({ id: portingRequests.companyProfileId }).from(portingRequests).where(eq(portingRequests.id, foreign));
    expect(await both({ companyProfileId: foreignProfile!.id })).toEqual([]);
  });

  test("created date range: whole UTC days, both ends included", async () => {
    expect(await both({ createdFrom: "2025-02-01", createdTo: "2025-02-28" })).toEqual([branch, ziggo]);
    expect(await both({ createdFrom: "2025-01-10T12:00:01Z", createdTo: "2025-03-05T08:00:00Z" })).toEqual([kpnNew, branch, ziggo]);
  });

  test("search: part of the customer's own reference, case-insensitive, LIKE characters taken literally", async () => {
    expect(await both({ q: "po-2025" })).toEqual([ziggo, kpnOld]);
    expect(await both({ q: "ticket 47" })).toEqual([kpnNew]);
    expect(await both({ q: "PO_2025" })).toEqual([]);
    expect(await both({ q: "%" })).toEqual([]);
  });

  test("filters combine; a support key sees every account", async () => {
    expect(await both({ currentProvider: "kpn", createdTo: "2025-02-01" })).toEqual([kpnOld]);
    const ids = await both({ q: "PO-2025-0007" }, supportKey);
    expect(ids.sort()).toEqual([foreign, kpnOld].sort());
    expect(await both({ q: "PO-2025-0007" }, otherKey)).toEqual([foreign]);
  });

  test("the list refuses a filter that is not one, naming it", async () => {
    for (const [query, field] of [
      [{ companyProfileId: "head-office" }, "companyProfileId"],
      [{ currentProvider: "x".repeat(201) }, "currentProvider"],
    ] as const) {
      const { status, body } = await callJson<{ errors: object }>("GET", "/porting-requests", { key: customerKey, query: { ...query } });
      expect(status, JSON.stringify(query)).toBe(422);
      expect(Object.keys(body.errors)).toEqual([field]);
    }
  });
});

describe("streaming", () => {
  test("batches are read as the client takes them, not before: a request created meanwhile is in the rest", async () => {
    // A tenant of its own, so the count is exact: 2.5 batches of one-number requests.
    const { account, customer } = await createTenant("NL", "Export Bulk B.V.");
    const key = await keyFor(customer);
    const profile = (await createCompanyProfile(account.id, "NL")).id;
    const total = Math.floor(EXPORT_BATCH_SIZE * 2.5);
    await getDb().execute(sql`
      with made as (
        insert into porting_requests (account_id, company_profile_id, country, number_type, current_provider, status, status_reason, created_at, updated_at, status_changed_at)
        select ${account.id}, ${profile}, 'NL', 'geographic', 'Bulk Telecom', 'requested', 'Request received',
               now() - make_interval(secs => g), now() - make_interval(secs => g), now() - make_interval(secs => g)
        from generate_series(1, ${total}) g
        returning id, created_at)
      insert into porting_request_numbers (porting_request_id, account_id, number, type, position)
      select id, ${account.id}, '+3185' || lpad((row_number() over (order by created_at))::text, 7, '0'), 'geographic', 0 from made`);

    const response = await call("GET", "/porting-requests/export", { key });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const read = async () => {
      const chunk = await reader.read();
      if (!chunk.done) text += decoder.decode(chunk.value, { stream: true });
      return !chunk.done;
    };
    await read(); // the header
    await read(); // the first batch
    const linesSoFar = text.split("\r\n").length - 1;
    expect(linesSoFar).toBeGreaterThan(1);
    expect(linesSoFar).toBeLessThanOrEqual(1 + EXPORT_BATCH_SIZE);

    // Older than every request so far: it sorts last, in a batch not read yet.
    const late = await request({ account: account.id, companyProfileId: profile, createdAt: new Date("2001-01-01T00:00:00Z"), numbers: [nextNumber()] });
    while (await read()) {
      /* the rest */
    }
    const rows = parseCsv(text);
    expect(rows).toHaveLength(1 + total + 1);
    expect(rows.at(-1)![column("Reference")]).toBe(late.reference);
    expect(new Set(rows.slice(1).map((r) => r[column("Reference")])).size).toBe(total + 1);
  });

  test("a client that stops reading stops the export", async () => {
    const response = await call("GET", "/porting-requests/export", { key: customerKey });
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});

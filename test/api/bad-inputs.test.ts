import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import {
  createCompanyProfile,
  createDistributionGroup,
  createRequest,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
  nextNumbers,
} from "@/test/factories";
import { call, keyFor, type CallOptions } from "./client";

// A corpus of bad inputs, each with the 4xx it must get and the field its error must name, and
// the proof that nothing was stored: every table a refused call could touch is counted (and the
// changed-at stamps compared) before and after each one.

type Ctx = {
  customer: CustomerActor;
  support: SupportActor;
  key: string;
  supportKey: string;
  nl: string; // a complete NL profile
  de: string; // a complete DE profile
  incomplete: string; // an NL profile without KvK number
  foreignProfile: string;
  foreignGroup: string;
  openNumber: string;
  voiceNumber: string;
  inProgress: string; // NL request in progress (support may delay it)
  ready: string; // NL request ready to be ported
};

type Case = {
  name: string;
  status: 400 | 403 | 404 | 409 | 413 | 415 | 422;
  /** A field the problem's `errors` must name (422). */
  field?: string;
  send: (ctx: Ctx) => [method: string, path: string, options: CallOptions];
};

const create = (json: (ctx: Ctx) => unknown, extra: CallOptions = {}) => (ctx: Ctx) =>
  ["POST", "/porting-requests", { key: ctx.key, json: json(ctx), headers: { "idempotency-key": `bad-${Math.random()}` }, ...extra }] as [string, string, CallOptions];

const nlBody = (ctx: Ctx, overrides: Record<string, unknown> = {}) => ({
  country: "NL",
  numberType: "geographic",
  companyProfileId: ctx.nl,
  phoneNumbers: [nextNumber()],
  currentProvider: "KPN",
  ...overrides,
});

const deBody = (ctx: Ctx, overrides: Record<string, unknown> = {}) => ({
  country: "DE",
  numberType: "geographic",
  companyProfileId: ctx.de,
  phoneNumbers: [nextNumber("DE")],
  currentProvider: "Deutsche Telekom",
  ...overrides,
});

const raw = (body: BodyInit, headers: Record<string, string>) => (ctx: Ctx) =>
  ["POST", "/porting-requests", { key: ctx.key, body, headers }] as [string, string, CallOptions];

const profile = (overrides: Record<string, unknown>) => ({
  name: `Profile ${Math.random().toString(36).slice(2, 8)}`,
  companyName: "Acme B.V.",
  registrationNumber: "12345678",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  street: "Herengracht 1",
  postalCode: "1015 BA",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL",
  numberTypes: ["geographic"],
  notificationEmails: ["porting@acme.test"],
  ...overrides,
});

const tomorrowAt = (hour: number) => {
  const d = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

const CASES: Case[] = [
  // ---- phone numbers
  { name: "a number that is not a number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["call me"] })) },
  { name: "a mobile number in a geographic request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 6 12345678"] })) },
  { name: "a German number in a Dutch request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+49 30 12345670"] })) },
  { name: "the same number twice", status: 422, field: "phoneNumbers.1", send: create((c) => { const n = nextNumber(); return nlBody(c, { phoneNumbers: [n, `0${n.slice(3)}`] }); }) },
  { name: "a number too long", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 20 123 4567 8901"] })) },
  { name: "a number with an extension", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["+31 20 123 4567 ext. 12"] })) },
  { name: "an empty number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: ["  "] })) },
  { name: "no numbers", status: 422, field: "phoneNumbers", send: create((c) => nlBody(c, { phoneNumbers: [] })) },
  { name: "numbers as one string", status: 422, field: "phoneNumbers", send: create((c) => nlBody(c, { phoneNumbers: "0201234567" })) },
  { name: "a number as a JSON number", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [31201234567] })) },
  { name: "501 numbers", status: 422, field: "phoneNumbers", send: create((c) => nlBody(c, { phoneNumbers: nextNumbers(501) })) },
  { name: "a number already in an open request", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [c.openNumber] })) },
  { name: "a number already on a voice account", status: 422, field: "phoneNumbers.0", send: create((c) => nlBody(c, { phoneNumbers: [c.voiceNumber] })) },
  { name: "every bad number named at once", status: 422, field: "phoneNumbers.2", send: create((c) => nlBody(c, { phoneNumbers: ["x", nextNumber(), "+31 6 12345678"] })) },
  // ---- dates
  { name: "a preferred date in the Netherlands", status: 422, field: "preferredPortingDate", send: create((c) => nlBody(c, { preferredPortingDate: tomorrowAt(10) })) },
  { name: "a preferred date outside 06:00–20:00 UTC", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: tomorrowAt(22) })) },
  { name: "a preferred date in the past", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2020-05-14T09:00:00Z" })) },
  { name: "a preferred date not in ISO 8601", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "14-05-2030 09:00" })) },
  { name: "a preferred date without a time", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2030-05-14" })) },
  { name: "Feb 30th", status: 422, field: "preferredPortingDate", send: create((c) => deBody(c, { preferredPortingDate: "2030-02-30T09:00:00Z" })) },
  // ---- request fields
  { name: "a country we do not port from", status: 422, field: "country", send: create((c) => nlBody(c, { country: "US" })) },
  { name: "an unknown number type", status: 422, field: "numberType", send: create((c) => nlBody(c, { numberType: "fax" })) },
  { name: "mobile numbers (not portable to voice)", status: 422, field: "numberType", send: create((c) => nlBody(c, { numberType: "mobile", phoneNumbers: ["+31 6 12345678"] })) },
  { name: "a profile id that is not a UUID", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: "head-office" })) },
  { name: "another account's profile", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: c.foreignProfile })) },
  { name: "a profile that misses the KvK number", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: c.incomplete })) },
  { name: "a German profile for a Dutch request", status: 422, field: "companyProfileId", send: create((c) => nlBody(c, { companyProfileId: c.de })) },
  { name: "another account's distribution group", status: 422, field: "distributionGroupId", send: create((c) => nlBody(c, { distributionGroupId: c.foreignGroup })) },
  { name: "a callback URL that is not http(s)", status: 422, field: "callbackUrl", send: create((c) => nlBody(c, { callbackUrl: "ftp://example.com/hook" })) },
  { name: "a callback URL on a private address", status: 422, field: "callbackUrl", send: create((c) => nlBody(c, { callbackUrl: "https://10.1.2.3/hook" })) },
  { name: "a callback URL to cloud metadata", status: 422, field: "callbackUrl", send: create((c) => nlBody(c, { callbackUrl: "https://169.254.169.254/latest" })) },
  { name: "a comment over 2000 characters", status: 422, field: "comment", send: create((c) => nlBody(c, { comment: "x".repeat(2001) })) },
  { name: "no current provider", status: 422, field: "currentProvider", send: create((c) => { const { currentProvider: _drop, ...rest } = nlBody(c); return rest; }) },
  { name: "a contract scenario outside NL", status: 422, field: "contractScenario", send: create((c) => deBody(c, { contractScenario: "early_termination" })) },
  // ---- JSON shapes and unknown fields
  { name: "an unknown field", status: 422, field: "colour", send: create((c) => nlBody(c, { colour: "blue" })) },
  { name: "a snake_case field", status: 422, field: "phone_numbers", send: create((c) => nlBody(c, { phone_numbers: ["0201234567"] })) },
  { name: "a JSON array", status: 422, field: "", send: create((c) => [nlBody(c)]) },
  { name: "a JSON string", status: 422, field: "", send: create(() => "NL") },
  { name: "JSON null", status: 422, field: "", send: create(() => null) },
  { name: "country as a number", status: 422, field: "country", send: create((c) => nlBody(c, { country: 31 })) },
  // ---- bytes, sizes and content types
  { name: "malformed JSON", status: 400, send: raw('{"country": "NL",', { "content-type": "application/json" }) },
  { name: "an empty body", status: 400, send: raw("", { "content-type": "application/json" }) },
  { name: "bytes that are not UTF-8", status: 400, send: raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { "content-type": "application/json" }) },
  { name: "a body over 1 MB", status: 413, send: raw(JSON.stringify({ comment: "x".repeat(1_100_000) }), { "content-type": "application/json" }) },
  { name: "a streamed body over 1 MB (no Content-Length)", status: 413, send: (c) => ["POST", "/porting-requests", { key: c.key, body: new Blob(["[" + "1,".repeat(600_000) + "1]"]).stream(), headers: { "content-type": "application/json" } }] },
  { name: "text/plain", status: 415, send: raw('{"country":"NL"}', { "content-type": "text/plain" }) },
  { name: "no content type", status: 415, send: (c) => ["POST", "/porting-requests", { key: c.key, body: new Blob(['{"country":"NL"}']), headers: {} }] },
  { name: "a form post", status: 415, send: raw("country=NL", { "content-type": "application/x-www-form-urlencoded" }) },
  // ---- company profiles
  { name: "a KvK number of 3 digits", status: 422, field: "registrationNumber", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ registrationNumber: "123" }) }] },
  { name: "an email that is not one", status: 422, field: "notificationEmails.0", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ notificationEmails: ["porting(at)acme"] }) }] },
  { name: "no notification email", status: 422, field: "notificationEmails", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ notificationEmails: [] }) }] },
  { name: "a Dutch postal code in the wrong format", status: 422, field: "postalCode", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ postalCode: "ABCD 12" }) }] },
  { name: "no number types", status: 422, field: "numberTypes", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ numberTypes: [] }) }] },
  { name: "an address country that does not exist", status: 422, field: "addressCountry", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ addressCountry: "XX" }) }] },
  { name: "a representative phone that is not one", status: 422, field: "representativePhone", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ representativePhone: "12" }) }] },
  { name: "a profile name already taken", status: 422, field: "name", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ name: "Complete NL" }) }] },
  { name: "an unknown profile field", status: 422, field: "kvk", send: (c) => ["POST", "/company-profiles", { key: c.key, json: profile({ kvk: "12345678" }) }] },
  { name: "a patch that moves the profile to Germany (KvK no longer fits)", status: 422, field: "registrationNumber", send: (c) => ["PATCH", `/company-profiles/${c.nl}`, { key: c.key, json: { country: "DE" } }] },
  { name: "a patch with an unknown field", status: 422, field: "town", send: (c) => ["PATCH", `/company-profiles/${c.nl}`, { key: c.key, json: { town: "Utrecht" } }] },
  { name: "a patch that empties the name", status: 422, field: "name", send: (c) => ["PATCH", `/company-profiles/${c.nl}`, { key: c.key, json: { name: " " } }] },
  // ---- status changes
  { name: "a delay without the first possible date", status: 422, field: "firstPossiblePortingDate", send: (c) => ["POST", `/porting-requests/${c.inProgress}/transitions`, { key: c.supportKey, json: { to: "delayed", reason: "Later." } }] },
  { name: "a delay to a date in the past", status: 422, field: "firstPossiblePortingDate", send: (c) => ["POST", `/porting-requests/${c.inProgress}/transitions`, { key: c.supportKey, json: { to: "delayed", reason: "Later.", firstPossiblePortingDate: "2020-01-01" } }] },
  { name: "a first possible date that is not YYYY-MM-DD", status: 422, field: "firstPossiblePortingDate", send: (c) => ["POST", `/porting-requests/${c.inProgress}/transitions`, { key: c.supportKey, json: { to: "delayed", reason: "Later.", firstPossiblePortingDate: "14/12/2030" } }] },
  { name: "an unknown target status", status: 422, field: "to", send: (c) => ["POST", `/porting-requests/${c.inProgress}/transitions`, { key: c.supportKey, json: { to: "done", reason: "x" } }] },
  { name: "support cancelling (a customer action)", status: 403, send: (c) => ["POST", `/porting-requests/${c.inProgress}/transitions`, { key: c.supportKey, json: { to: "cancelled", reason: "x" } }] },
  { name: "a transition the table does not allow now", status: 409, send: (c) => ["POST", `/porting-requests/${c.inProgress}/transitions`, { key: c.supportKey, json: { to: "completed", reason: "x" } }] },
  { name: "a reason that is not text", status: 422, field: "reason", send: (c) => ["POST", `/porting-requests/${c.ready}/perform`, { key: c.key, json: { reason: ["x"] } }] },
  { name: "a reason over 1000 characters", status: 422, field: "reason", send: (c) => ["POST", `/porting-requests/${c.ready}/cancel`, { key: c.key, json: { reason: "x".repeat(1001) } }] },
  { name: "perform with an unknown field", status: 422, field: "force", send: (c) => ["POST", `/porting-requests/${c.ready}/perform`, { key: c.key, json: { force: true } }] },
];

let ctx: Ctx;

beforeAll(async () => {
  const { customer } = await createTenant("NL", "Corpus B.V.");
  const other = (await createTenant("NL", "Elsewhere B.V.")).customer;
  const support = await createSupport();
  const nl = (await createCompanyProfile(customer.accountId, "NL", { name: "Complete NL" })).id;
  const openNumber = nextNumber();
  await createRequest(customer, { companyProfileId: nl, phoneNumbers: [openNumber] });
  const voiceNumber = nextNumber();
  await getDb().insert(voiceNumbers).values({ accountId: other.accountId, number: voiceNumber, type: "geographic" });
  ctx = {
    customer,
    support,
    key: await keyFor(customer),
    supportKey: await keyFor(support),
    nl,
    de: (await createCompanyProfile(customer.accountId, "DE", { name: "Complete DE" })).id,
    incomplete: (await createCompanyProfile(customer.accountId, "NL", { name: "No KvK", registrationNumber: null })).id,
    foreignProfile: (await createCompanyProfile(other.accountId)).id,
    foreignGroup: (await createDistributionGroup(other.accountId)).id,
    openNumber,
    voiceNumber,
    inProgress: (await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", companyProfileId: nl })).id,
    ready: (await insertRequestInStatus({ accountId: customer.accountId, status: "ready_to_be_ported", companyProfileId: nl })).id,
  };
});

async function stored() {
  const [counts] = await getDb().execute<Record<string, number>>(sql`
    select
      (select count(*)::int from porting_requests) as requests,
      (select count(*)::int from porting_request_numbers) as numbers,
      (select count(*)::int from porting_request_events) as events,
      (select count(*)::int from company_profiles) as profiles,
      (select count(*)::int from voice_numbers) as voice_numbers,
      (select count(*)::int from idempotency_keys) as idempotency_keys,
      (select coalesce(sum(count), 0)::int from porting_request_counts) as counted,
      (select coalesce(max(version), 0)::int from porting_requests) as max_version,
      (select string_agg(updated_at::text || status::text, ',' order by id) from porting_requests) as request_stamps,
      (select string_agg(updated_at::text, ',' order by id) from company_profiles) as profile_stamps`);
  return counts;
}

test("the corpus has at least 40 bad inputs", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, badInput) => {
  test(`→ ${badInput.status}${badInput.field !== undefined ? ` naming "${badInput.field}"` : ""}, nothing stored`, async () => {
    const before = await stored();
    const [method, path, options] = badInput.send(ctx);
    const response = await call(method, path, options);
    const problem = (await response.json()) as { status: number; detail: string; errors?: Record<string, string[]> };
    expect(response.status, JSON.stringify(problem)).toBe(badInput.status);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(problem.status).toBe(badInput.status);
    expect(problem.detail.length).toBeGreaterThan(10);
    if (badInput.field !== undefined) {
      expect(Object.keys(problem.errors ?? {}), JSON.stringify(problem.errors)).toContain(badInput.field);
      for (const messages of Object.values(problem.errors ?? {})) {
        for (const message of messages) expect(message.length, `a message that says what to fix: ${message}`).toBeGreaterThan(10);
      }
    }
    expect(await stored()).toEqual(before);
  });
});

test("a patch that fails changes nothing on the profile", async () => {
  const [row] = await getDb().execute<{ country: string; registration_number: string }>(sql`select country, registration_number from company_profiles where id = ${ctx.nl}`);
  expect(row).toEqual({ country: "NL", registration_number: "12345678" });
  const [voice] = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.number, ctx.voiceNumber));
  expect(voice?.accountId).not.toBe(ctx.customer.accountId);
});

import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";

// The hostile-input corpus (test/hostile/corpus.ts), in-process: each case against the real route
// handlers and PostgreSQL, with every table a refused call could touch counted (and the changed-at
// stamps compared) before and after. The app runs as in production here: loopback callbacks are
// refused (ALLOW_INSECURE_CALLBACKS off), and host names are resolved by an injected resolver
// (test/hostile/corpus.ts RESOLVER), never by the network, so no case can make anything connect.
vi.hoisted(() => {
  process.env.ALLOW_INSECURE_CALLBACKS = "false";
});
vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);
vi.mock("node:dns/promises", async (importOriginal) => {
  const { RESOLVER } = await import("@/test/hostile/corpus");
  const lookup = async (host: string) => {
    const addresses = RESOLVER[host.toLowerCase()];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const original = await importOriginal<typeof import("node:dns/promises")>();
  return { ...original, lookup, default: { ...original, lookup } };
});

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
} from "@/test/factories";
import { HOSTILE_CASES, judge, toRequestInit, type HostileContext } from "@/test/hostile/corpus";
import { call, keyFor } from "./client";

type Ctx = HostileContext & { customer: CustomerActor; support: SupportActor; key: string; supportKey: string };

let ctx: Ctx;

beforeAll(async () => {
  const { customer } = await createTenant("NL", "Corpus B.V.");
  const other = (await createTenant("NL", "Elsewhere B.V.")).customer;
  const support = await createSupport();
  const nl = (await createCompanyProfile(customer.accountId, "NL", { name: "Complete NL" })).id;
  const openNumber = nextNumber();
  const open = await createRequest(customer, { companyProfileId: nl, phoneNumbers: [openNumber] });
  const foreignProfile = (await createCompanyProfile(other.accountId)).id;
  const voiceNumber = nextNumber();
  await getDb().insert(voiceNumbers).values({ accountId: other.accountId, number: voiceNumber, type: "geographic" });
  ctx = {
    customer,
    support,
    key: await keyFor(customer),
    supportKey: await keyFor(support),
    nl,
    nlName: "Complete NL",
    openRequest: open.id,
    foreignRequest: (await insertRequestInStatus({ accountId: other.accountId, status: "requested", companyProfileId: foreignProfile })).id,
    de: (await createCompanyProfile(customer.accountId, "DE", { name: "Complete DE" })).id,
    incomplete: (await createCompanyProfile(customer.accountId, "NL", { name: "No KvK", registrationNumber: null })).id,
    foreignProfile,
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
      (select count(*)::int from porting_request_documents) as documents,
      (select count(*)::int from distribution_groups) as groups,
      (select count(*)::int from idempotency_keys) as idempotency_keys,
      (select coalesce(sum(count), 0)::int from porting_request_counts) as counted,
      (select coalesce(max(version), 0)::int from porting_requests) as max_version,
      (select string_agg(updated_at::text || status::text, ',' order by id) from porting_requests) as request_stamps,
      (select string_agg(updated_at::text, ',' order by id) from company_profiles) as profile_stamps`);
  return counts;
}

test("the corpus has at least 100 hostile inputs, each named once, and runs every one here", () => {
  expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(100);
  expect(new Set(HOSTILE_CASES.map((c) => c.name)).size).toBe(HOSTILE_CASES.length);
});

describe.each(HOSTILE_CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) => {
  test(`→ ${hostile.status}${hostile.field !== undefined ? ` naming "${hostile.field.slice(0, 40)}"` : ""}, nothing stored`, async () => {
    const before = await stored();
    const request = hostile.send(ctx);
    const init = toRequestInit(request, { customer: ctx.key, support: ctx.supportKey });
    const response = await call(request.method, request.path, { key: null, body: init.body ?? undefined, headers: init.headers as Record<string, string> });
    expect(await judge(hostile, response)).toBeNull();
    expect(await stored()).toEqual(before);
  });
});

test("a patch that fails changes nothing on the profile", async () => {
  const [row] = await getDb().execute<{ country: string; registration_number: string }>(sql`select country, registration_number from company_profiles where id = ${ctx.nl}`);
  expect(row).toEqual({ country: "NL", registration_number: "12345678" });
  const [voice] = await getDb().select().from(voiceNumbers).where(eq(voiceNumbers.number, ctx.voiceNumber!));
  expect(voice?.accountId).not.toBe(ctx.customer.accountId);
  // The requests the status-change cases aimed at are where they were.
  const states = await getDb().execute<{ id: string; status: string }>(sql`select id, status::text from porting_requests where id in (${ctx.inProgress!}, ${ctx.ready!}, ${ctx.openRequest})`);
  expect(Object.fromEntries(states.map((r) => [r.id, r.status]))).toEqual({ [ctx.inProgress!]: "in_progress", [ctx.ready!]: "ready_to_be_ported", [ctx.openRequest]: "requested" });
});

import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);
// revalidatePath needs a Next.js request; the actions call it only after a change, never on a refusal.
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { getDb } from "@/db";
import { callbackDeliveries, voiceNumbers } from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { MAX_DOCUMENT_BYTES } from "@/lib/porting/document-files";
import {
  createCompanyProfile,
  createDistributionGroup,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
} from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { createCompanyProfileAction, deleteCompanyProfileAction, updateCompanyProfileAction } from "@/app/(app)/company-profiles/actions";
import { createDistributionGroupAction, deleteDistributionGroupAction, updateDistributionGroupAction } from "@/app/(app)/distribution-groups/actions";
import { setVoiceNumberGroupAction } from "@/app/(app)/numbers/actions";
import { cancelPortingRequestAction, performPortingRequestAction } from "@/app/(app)/porting-requests/actions";
import { checkNumbersAction, createPortingRequestAction } from "@/app/(app)/porting-requests/new/actions";
import { createApiKeyAction, revokeApiKeyAction, rotateSigningSecretAction } from "@/app/(app)/settings/actions";
import { supportTransitionAction } from "@/app/(support)/support/porting-requests/[id]/actions";
import { createSupportApiKeyAction } from "@/app/(support)/support/settings/actions";
import { resendCallbackAction } from "@/app/notifications/actions";
import { profileBody } from "./corpus";

// The hostile-input corpus of the server actions (the API's is test/hostile/corpus.ts): each called
// as the browser calls it, only the session cookie lookup replaced, with a hostile input. Each must
// be refused with a code a page can show (never "error", the 500 of actions), name the field when
// it is a validation error, and store nothing: every table an action could touch is counted before
// and after.

type Ctx = {
  customer: CustomerActor;
  support: SupportActor;
  profile: string;
  group: string;
  requested: string;
  ready: string;
  foreignProfile: string;
  foreignGroup: string;
  foreignRequest: string;
  foreignNumber: string;
  foreignDelivery: string;
  ownNumber: string;
};

type Result = { ok: boolean; code?: string; message?: string; fieldErrors?: Record<string, string[]> };

type ActionCase = {
  name: string;
  code: "unauthorized" | "forbidden" | "not_found" | "conflict" | "validation" | "rate_limited";
  field?: string;
  as?: "customer" | "support" | "none";
  run: (c: Ctx) => Promise<unknown>;
};

const bytes = (text: string) => new TextEncoder().encode(text);
const pdf = () => bytes("%PDF-1.7\n% letter\n%%EOF\n");

function requestJson(c: Ctx, overrides: Record<string, unknown> = {}) {
  return {
    country: "NL",
    numberType: "geographic",
    companyProfileId: c.profile,
    phoneNumbers: [nextNumber()],
    currentProvider: "KPN",
    contractScenario: "switch_at_contract_end",
    distributionGroupId: "",
    callbackUrl: "",
    comment: "",
    ...overrides,
  };
}

/** The create form's FormData: `request` JSON and the letter of authorisation (a real PDF unless given). */
function form(request: unknown, letter: File | null = new File([pdf()], "loa.pdf", { type: "application/pdf" })): FormData {
  const data = new FormData();
  if (request !== undefined) data.set("request", typeof request === "string" ? request : JSON.stringify(request));
  if (letter) data.set("documents.letter_of_authorisation", letter);
  return data;
}

const LOA = "documents.letter_of_authorisation";
const createWith = (letter: File | null, overrides: Record<string, unknown> = {}) => (c: Ctx) => createPortingRequestAction(form(requestJson(c, overrides), letter));

const CASES: ActionCase[] = [
  // ---- uploads that lie about their type
  { name: "an executable named .pdf, sent as application/pdf", code: "validation", field: LOA, run: createWith(new File([bytes("MZ\x90\x00\x03\x00 This program cannot be run in DOS mode")], "loa.pdf", { type: "application/pdf" })) },
  { name: "an HTML page sent as image/png", code: "validation", field: LOA, run: createWith(new File([bytes("<html><script>alert(1)</script></html>")], "scan.png", { type: "image/png" })) },
  { name: "an SVG with a script named .jpg", code: "validation", field: LOA, run: createWith(new File([bytes('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')], "scan.jpg", { type: "image/jpeg" })) },
  { name: "a ZIP archive named .pdf", code: "validation", field: LOA, run: createWith(new File([bytes("PK\x03\x04\x14\x00\x00\x00 zipped")], "loa.pdf", { type: "application/pdf" })) },
  { name: "a PDF header after leading junk", code: "validation", field: LOA, run: createWith(new File([bytes("GIF89a%PDF-1.7\n")], "loa.pdf", { type: "application/pdf" })) },
  { name: "an empty file named loa.pdf", code: "validation", field: LOA, run: createWith(new File([], "loa.pdf", { type: "application/pdf" })) },
  { name: "a letter one byte over the size limit", code: "validation", field: LOA, run: createWith(new File([new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x20).map((b, i) => (i < 9 ? "%PDF-1.7\n".charCodeAt(i) : b))], "loa.pdf", { type: "application/pdf" })) },
  { name: "no letter of authorisation (required in NL)", code: "validation", field: LOA, run: createWith(null) },
  // ---- the create form's other fields
  { name: "request details that are not JSON", code: "validation", field: "form", run: () => createPortingRequestAction(form("{not json")) },
  { name: "no request details", code: "validation", field: "form", run: () => createPortingRequestAction(form(undefined)) },
  { name: "request details that are a JSON array", code: "validation", run: (c) => createPortingRequestAction(form([requestJson(c)])) },
  { name: "an object instead of form data", code: "validation", run: (c) => createPortingRequestAction(requestJson(c) as unknown as FormData) },
  { name: "a comment with a NUL byte", code: "validation", field: "comment", run: (c) => createPortingRequestAction(form(requestJson(c, { comment: "Main\u0000lines" }))) },
  { name: "a current provider of zero-width spaces", code: "validation", field: "currentProvider", run: (c) => createPortingRequestAction(form(requestJson(c, { currentProvider: "\u200b\u200b" }))) },
  { name: "a callback URL to cloud metadata in hex", code: "validation", field: "callbackUrl", run: (c) => createPortingRequestAction(form(requestJson(c, { callbackUrl: "https://0xa9fea9fe/latest" }))) },
  { name: "a callback URL that can never be delivered", code: "validation", field: "callbackUrl", run: (c) => createPortingRequestAction(form(requestJson(c, { callbackUrl: "https://hooks.example.invalid/x" }))) },
  { name: "another account's company profile", code: "validation", field: "companyProfileId", run: (c) => createPortingRequestAction(form(requestJson(c, { companyProfileId: c.foreignProfile }))) },
  { name: "a number on another account's voice account", code: "validation", field: "phoneNumbers.0", run: (c) => createPortingRequestAction(form(requestJson(c, { phoneNumbers: [c.foreignNumber] }))) },
  { name: "a support agent creating a request", code: "forbidden", as: "support", run: (c) => createPortingRequestAction(form(requestJson(c))) },
  { name: "no session", code: "unauthorized", as: "none", run: (c) => createPortingRequestAction(form(requestJson(c))) },
  // ---- the number check
  { name: "501 numbers to check", code: "validation", field: "phoneNumbers", run: () => checkNumbersAction({ country: "NL", numberType: "geographic", phoneNumbers: Array.from({ length: 501 }, () => "0201234567") }) },
  { name: "a number of 65 characters to check", code: "validation", field: "phoneNumbers.0", run: () => checkNumbersAction({ country: "NL", numberType: "geographic", phoneNumbers: ["1".repeat(65)] }) },
  { name: "a country that is not one, to check", code: "validation", field: "country", run: () => checkNumbersAction({ country: "XX" as "NL", numberType: "geographic", phoneNumbers: ["0201234567"] }) },
  // ---- company profiles
  { name: "a profile with a NUL byte in the company name", code: "validation", field: "companyName", run: () => createCompanyProfileAction(profileBody({ companyName: "Acme\u0000 B.V." }) as never) },
  { name: "a profile with a 3-digit KvK number", code: "validation", field: "registrationNumber", run: () => createCompanyProfileAction(profileBody({ registrationNumber: "123" }) as never) },
  { name: "a profile email with a header injection", code: "validation", field: "notificationEmails.0", run: () => createCompanyProfileAction(profileBody({ notificationEmails: ["a@acme.test\r\nBcc: x@evil.example"] }) as never) },
  { name: "a profile with number types as a string", code: "validation", field: "numberTypes", run: () => createCompanyProfileAction(profileBody({ numberTypes: "geographic" }) as never) },
  { name: "updating another account's profile", code: "not_found", run: (c) => updateCompanyProfileAction({ id: c.foreignProfile, city: "Utrecht" } as never) },
  { name: "updating a profile by an id of 10 000 characters", code: "validation", field: "id", run: () => updateCompanyProfileAction({ id: "a".repeat(10_000), city: "Utrecht" } as never) },
  { name: "deleting another account's profile", code: "not_found", run: (c) => deleteCompanyProfileAction({ id: c.foreignProfile }) },
  { name: "deleting a profile by a SQL fragment", code: "not_found", run: () => deleteCompanyProfileAction({ id: "' or 1=1 --" }) },
  { name: "deleting a profile a request uses", code: "conflict", run: (c) => deleteCompanyProfileAction({ id: c.profile }) },
  // ---- distribution groups and numbers
  { name: "a group destination that is a javascript: URL", code: "validation", field: "destinations.0", run: () => createDistributionGroupAction({ name: "Hostile", destinations: ["javascript:alert(1)"] }) },
  { name: "a group destination with a NUL byte", code: "validation", field: "destinations.0", run: () => createDistributionGroupAction({ name: "Hostile NUL", destinations: ["sip:a\u0000@pbx.example.com"] }) },
  { name: "a group name of 10 000 characters", code: "validation", field: "name", run: () => createDistributionGroupAction({ name: "G".repeat(10_000), destinations: ["+31201234599"] }) },
  { name: "a group with destinations as an object", code: "validation", field: "destinations", run: () => createDistributionGroupAction({ name: "Hostile obj", destinations: { 0: "+31201234599" } as never }) },
  { name: "renaming another account's group", code: "not_found", run: (c) => updateDistributionGroupAction({ id: c.foreignGroup, name: "Mine now" }) },
  { name: "deleting another account's group", code: "not_found", run: (c) => deleteDistributionGroupAction({ id: c.foreignGroup }) },
  { name: "moving another account's number to my group", code: "not_found", run: (c) => setVoiceNumberGroupAction({ number: c.foreignNumber, distributionGroupId: c.group } as never) },
  { name: "moving my number to another account's group", code: "not_found", run: (c) => setVoiceNumberGroupAction({ number: c.ownNumber, distributionGroupId: c.foreignGroup } as never) },
  // ---- status changes
  { name: "performing another account's request", code: "not_found", run: (c) => performPortingRequestAction({ id: c.foreignRequest }) },
  { name: "performing a request still Requested", code: "conflict", run: (c) => performPortingRequestAction({ id: c.requested }) },
  { name: "an expected version that is not a number", code: "validation", field: "expectedVersion", run: (c) => performPortingRequestAction({ id: c.ready, expectedVersion: "one" as never }) },
  { name: "a cancel reason over 1000 characters", code: "validation", field: "reason", run: (c) => cancelPortingRequestAction({ id: c.requested, reason: "x".repeat(1001) }) },
  { name: "a customer calling the support status change", code: "forbidden", run: (c) => supportTransitionAction({ id: c.requested, action: "accept", reason: "Self-service" } as never) },
  { name: "support with an unknown action", code: "validation", field: "action", as: "support", run: (c) => supportTransitionAction({ id: c.requested, action: "complete_now", reason: "x" } as never) },
  { name: "support with a reason of only spaces", code: "validation", field: "reason", as: "support", run: (c) => supportTransitionAction({ id: c.requested, action: "accept", reason: "   " } as never) },
  // ---- keys, secrets, callbacks
  { name: "an API key name of only spaces", code: "validation", field: "name", run: () => createApiKeyAction({ name: "   " }) },
  { name: "an API key name with a NUL byte", code: "validation", field: "name", run: () => createApiKeyAction({ name: "ci\u0000key" }) },
  { name: "revoking a key id that is not one", code: "not_found", run: () => revokeApiKeyAction({ id: "../../etc/passwd" }) },
  { name: "a customer making a support key", code: "forbidden", run: () => createSupportApiKeyAction({ name: "Escalate" }) },
  { name: "support rotating an account's signing secret", code: "forbidden", as: "support", run: () => rotateSigningSecretAction({} as never) },
  { name: "resending another account's callback", code: "not_found", run: (c) => resendCallbackAction({ deliveryId: c.foreignDelivery }) },
  { name: "resending a callback id of 10 000 characters", code: "validation", field: "deliveryId", run: () => resendCallbackAction({ deliveryId: "d".repeat(10_000) }) },
];

let ctx: Ctx;

beforeAll(async () => {
  const { customer } = await createTenant("NL", "Hostile Actions B.V.");
  const other = (await createTenant("NL", "Elsewhere Actions B.V.")).customer;
  const profile = (await createCompanyProfile(customer.accountId, "NL")).id;
  const group = (await createDistributionGroup(customer.accountId)).id;
  const foreignProfile = (await createCompanyProfile(other.accountId, "NL")).id;
  const foreignRequest = (await insertRequestInStatus({ accountId: other.accountId, status: "ready_to_be_ported", companyProfileId: foreignProfile })).id;
  const foreignNumber = nextNumber();
  const ownNumber = nextNumber();
  await getDb().insert(voiceNumbers).values([
    { accountId: other.accountId, number: foreignNumber, type: "geographic" },
    { accountId: customer.accountId, number: ownNumber, type: "geographic", distributionGroupId: group },
  ]);
  const [event] = await getDb().execute<{ id: number }>(sql`select id from porting_request_events where porting_request_id = ${foreignRequest} limit 1`);
  const [delivery] = await getDb()
    .insert(callbackDeliveries)
    .values({
      messageId: `msg_hostile_${foreignRequest}`,
      portingRequestId: foreignRequest,
      accountId: other.accountId,
      eventId: Number(event!.id),
      eventType: "porting_request.status_changed",
      url: "https://hooks.elsewhere.com/x",
      body: "{}",
      state: "failed",
    })
    .returning({ id: callbackDeliveries.id });
  ctx = {
    customer,
    support: await createSupport(),
    profile,
    group,
    requested: (await insertRequestInStatus({ accountId: customer.accountId, status: "requested", companyProfileId: profile })).id,
    ready: (await insertRequestInStatus({ accountId: customer.accountId, status: "ready_to_be_ported", companyProfileId: profile, distributionGroupId: group })).id,
    foreignProfile,
    foreignGroup: (await createDistributionGroup(other.accountId)).id,
    foreignRequest,
    foreignNumber,
    foreignDelivery: delivery!.id,
    ownNumber,
  };
});

beforeEach(() => signOutAll());

async function stored() {
  const [row] = await getDb().execute<Record<string, unknown>>(sql`
    select
      (select count(*)::int from porting_requests) as requests,
      (select string_agg(status::text || version::text, ',' order by id) from porting_requests) as request_states,
      (select count(*)::int from porting_request_events) as events,
      (select count(*)::int from porting_request_documents) as documents,
      (select count(*)::int from company_profiles) as profiles,
      (select string_agg(updated_at::text, ',' order by id) from company_profiles) as profile_stamps,
      (select count(*)::int from distribution_groups) as groups,
      (select string_agg(name || updated_at::text, ',' order by id) from distribution_groups) as group_stamps,
      (select string_agg(number || coalesce(distribution_group_id::text, '-'), ',' order by number) from voice_numbers) as numbers,
      (select count(*)::int from api_keys) as api_keys,
      (select string_agg(signing_secret, ',' order by id) from accounts) as secrets,
      (select count(*)::int from callback_deliveries) as deliveries,
      (select string_agg(coalesce(next_attempt_at::text, '-'), ',' order by id) from callback_deliveries) as delivery_schedule,
      (select count(*)::int from email_messages) as emails`);
  return row;
}

test("the action corpus has at least 40 hostile inputs, each named once", () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, hostile) => {
  test(`→ ${hostile.code}${hostile.field ? ` naming "${hostile.field}"` : ""}, nothing stored`, async () => {
    const as = hostile.as ?? "customer";
    if (as === "customer") signInAs(ctx.customer);
    if (as === "support") signInAs(ctx.support);
    const before = await stored();
    const result = (await hostile.run(ctx)) as Result;
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: hostile.code });
    expect(result.message?.length ?? 0).toBeGreaterThan(10);
    if (hostile.field) {
      expect(Object.keys(result.fieldErrors ?? {}), JSON.stringify(result.fieldErrors)).toContain(hostile.field);
      for (const messages of Object.values(result.fieldErrors ?? {})) {
        for (const message of messages) expect(message.length, `a message that says what to fix: ${message}`).toBeGreaterThan(10);
      }
    }
    expect(await stored()).toEqual(before);
  });
});

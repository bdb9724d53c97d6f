import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { listDocuments } from "@/lib/porting/documents";
import { MAX_DOCUMENT_BYTES } from "@/lib/porting/document-files";
import { getPortingRequestForActor } from "@/lib/porting/queries";
import { NUMBER_CHECK_LIMIT } from "@/lib/auth/user-rate-limit";
import {
  createCompanyProfile,
  createCustomer,
  createDistributionGroup,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
} from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { checkNumbersAction, createPortingRequestAction } from "./actions";

// The create page's server actions, called as the browser calls them: only the session cookie
// lookup is replaced; the wrapper, the verbs and PostgreSQL are real.

const pdf = (size = 4096) => {
  const data = new Uint8Array(size);
  data.set(new TextEncoder().encode("%PDF-1.7\n"));
  return data;
};
const jpeg = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);

type Files = { loa?: File | null; invoice?: File };

function form(request: unknown, files: Files = {}): FormData {
  const data = new FormData();
  data.set("request", typeof request === "string" ? request : JSON.stringify(request));
  const loa = files.loa === undefined ? new File([pdf()], "loa.pdf", { type: "application/pdf" }) : files.loa;
  if (loa) data.set("documents.letter_of_authorisation", loa);
  if (files.invoice) data.set("documents.invoice", files.invoice);
  return data;
}

async function stored() {
  const [row] = await getDb().execute<{ requests: number; documents: number; numbers: number; events: number }>(sql`
    select (select count(*)::int from porting_requests) as requests,
           (select count(*)::int from porting_request_documents) as documents,
           (select count(*)::int from porting_request_numbers) as numbers,
           (select count(*)::int from porting_request_events) as events`);
  return row;
}

async function setup() {
  const { customer } = await createTenant("NL");
  const profile = await createCompanyProfile(customer.accountId, "NL");
  const request = {
    country: "NL",
    numberType: "geographic",
    companyProfileId: profile.id,
    phoneNumbers: [nextNumber(), nextNumber()],
    currentProvider: "KPN",
    contractScenario: "switch_at_contract_end",
    distributionGroupId: "",
    callbackUrl: "",
    comment: "",
  };
  return { customer, profile, request };
}

beforeEach(() => signOutAll());

describe("createPortingRequestAction", () => {
  test("no session: refused, nothing stored", async () => {
    const { request } = await setup();
    signOutAll();
    const before = await stored();
    expect(await createPortingRequestAction(form(request))).toMatchObject({ ok: false, code: "unauthorized" });
    expect(await stored()).toEqual(before);
  });

  test("a support agent may not create requests", async () => {
    const { request } = await setup();
    signInAs(await createSupport());
    const before = await stored();
    expect(await createPortingRequestAction(form(request))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await stored()).toEqual(before);
  });

  test("creates the request in the caller's account with its documents, status Requested", async () => {
    const { customer, request } = await setup();
    const group = await createDistributionGroup(customer.accountId);
    signInAs(customer);
    const result = await createPortingRequestAction(
      form(
        { ...request, distributionGroupId: group.id, comment: "Main lines", callbackUrl: "https://hooks.example.com/porting" },
        { invoice: new File([jpeg()], "invoice.jpg", { type: "image/jpeg" }) },
      ),
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^PR-\d{6}$/) });
    const dto = await getPortingRequestForActor(customer, result.data.id);
    expect(dto).toMatchObject({
      accountId: customer.accountId,
      status: "requested",
      distributionGroupId: group.id,
      contractScenario: "switch_at_contract_end",
      comment: "Main lines",
      phoneNumbers: request.phoneNumbers.map((number) => ({ number, type: "geographic" })),
    });
    const documents = await listDocuments(customer, result.data.id);
    expect(documents.map((d) => [d.kind, d.contentType, d.filename])).toEqual([
      ["letter_of_authorisation", "application/pdf", "loa.pdf"],
      ["invoice", "image/jpeg", "invoice.jpg"],
    ]);
  });

  test("another account's company profile or distribution group: a field error, nothing stored", async () => {
    const { customer, request } = await setup();
    const other = await createTenant("NL");
    const foreignProfile = await createCompanyProfile(other.customer.accountId, "NL");
    const foreignGroup = await createDistributionGroup(other.customer.accountId);
    signInAs(customer);
    const before = await stored();
    const result = await createPortingRequestAction(form({ ...request, companyProfileId: foreignProfile.id, distributionGroupId: foreignGroup.id }));
    expect(result).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: {
        companyProfileId: ["This company profile was not found in your account."],
        distributionGroupId: ["This distribution group was not found in your account."],
      },
    });
    expect(await stored()).toEqual(before);
  });

  test("a profile missing the KvK number is refused on its field", async () => {
    const { customer, request } = await setup();
    const incomplete = await createCompanyProfile(customer.accountId, "NL", { registrationNumber: null });
    signInAs(customer);
    const result = await createPortingRequestAction(form({ ...request, companyProfileId: incomplete.id }));
    expect(result.ok ? null : result.fieldErrors?.companyProfileId).toEqual([expect.stringMatching(/KvK number is missing/)]);
  });

  test("invalid numbers: every bad one is named under its own index, nothing stored", async () => {
    const { customer, request } = await setup();
    const mine = nextNumber();
    const open = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress", numbers: [mine] });
    signInAs(customer);
    const before = await stored();
    const good = nextNumber();
    const result = await createPortingRequestAction(
      form({ ...request, phoneNumbers: [good, "12345", good, "+49 30 1234567", mine, "06 12345678"] }),
    );
    if (result.ok) throw new Error("created");
    const errors = result.fieldErrors ?? {};
    expect(errors["phoneNumbers.0"]).toBeUndefined();
    expect(errors["phoneNumbers.1"]?.[0]).toMatch(/"12345"/);
    expect(errors["phoneNumbers.2"]?.[0]).toMatch(/listed twice/);
    expect(errors["phoneNumbers.3"]?.[0]).toMatch(/Germany/);
    expect(errors["phoneNumbers.4"]?.[0]).toContain(`already in open porting request ${open.reference}`);
    expect(errors["phoneNumbers.5"]?.[0]).toMatch(/mobile/i);
    expect(errors.phoneNumbers).toEqual(["5 of 6 numbers need attention."]);
    expect(await stored()).toEqual(before);
  });

  test("documents: too big, or not really a PDF/PNG/JPEG, or the required letter missing: field errors, nothing stored", async () => {
    const { customer, request } = await setup();
    signInAs(customer);
    const before = await stored();

    const tooBig = await createPortingRequestAction(
      form(request, {
        loa: new File([pdf(MAX_DOCUMENT_BYTES + 1)], "letter.pdf", { type: "application/pdf" }),
        // An executable renamed to .png, declared as an image by the browser.
        invoice: new File([new TextEncoder().encode("MZ\x90\x00\x03\x00\x00\x00")], "invoice.png", { type: "image/png" }),
      }),
    );
    expect(tooBig).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: {
        "documents.letter_of_authorisation": [expect.stringMatching(/"letter.pdf" is 10 MB; a document can be at most 10 MB/)],
        "documents.invoice": [expect.stringMatching(/"invoice.png" is not a PDF, PNG or JPEG file/)],
      },
    });

    const missing = await createPortingRequestAction(form(request, { loa: null }));
    expect(missing).toMatchObject({
      ok: false,
      fieldErrors: { "documents.letter_of_authorisation": [expect.stringMatching(/Upload the letter of authorisation/)] },
    });
    expect(await stored()).toEqual(before);
  });

  test("malformed input is a validation result, never a crash", async () => {
    const { customer } = await setup();
    signInAs(customer);
    expect(await createPortingRequestAction(form("{not json"))).toMatchObject({ ok: false, code: "validation", fieldErrors: { form: [expect.any(String)] } });
    const noRequest = new FormData();
    expect(await createPortingRequestAction(noRequest)).toMatchObject({ ok: false, code: "validation", fieldErrors: { form: [expect.any(String)] } });
    expect(await createPortingRequestAction({ country: "NL" } as unknown as FormData)).toMatchObject({ ok: false, code: "validation" });
    const empty = await createPortingRequestAction(form({}));
    expect(empty.ok ? [] : Object.keys(empty.fieldErrors ?? {}).sort()).toEqual(["companyProfileId", "country", "currentProvider", "numberType", "phoneNumbers"]);
  });
});

describe("checkNumbersAction", () => {
  test("no session and support are refused", async () => {
    const input = { country: "NL" as const, numberType: "geographic" as const, phoneNumbers: [nextNumber()] };
    expect(await checkNumbersAction(input)).toMatchObject({ ok: false, code: "unauthorized" });
    signInAs(await createSupport());
    expect(await checkNumbersAction(input)).toMatchObject({ ok: false, code: "forbidden" });
  });

  test("adds the database checks: own open request by reference and own voice numbers; another account's numbers say nothing about them", async () => {
    const { customer } = await setup();
    const other = await createTenant("NL");
    const [mine, theirs, onVoice, ownVoice, free] = [nextNumber(), nextNumber(), nextNumber(), nextNumber(), nextNumber()];
    const own = await insertRequestInStatus({ accountId: customer.accountId, status: "requested", numbers: [mine] });
    await insertRequestInStatus({ accountId: other.customer.accountId, status: "delayed", numbers: [theirs] });
    await insertRequestInStatus({ accountId: other.customer.accountId, status: "completed", numbers: [onVoice] });
    await getDb().execute(sql`insert into voice_numbers (account_id, number, type) values (${other.customer.accountId}, ${onVoice}, 'geographic')`);
    await getDb().execute(sql`insert into voice_numbers (account_id, number, type) values (${customer.accountId}, ${ownVoice}, 'geographic')`);
    signInAs(customer);
    const result = await checkNumbersAction({ country: "NL", numberType: "geographic", phoneNumbers: [mine, theirs, onVoice, ownVoice, free, "nonsense"] });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.data.map((c) => c.problem ?? "ok")).toEqual(["in_open_request", "unavailable", "unavailable", "on_account", "ok", "invalid"]);
    expect(result.data[0]?.message).toContain(own.reference);
    expect(result.data[3]?.message).toContain("already on a voice account");
    // Another account's open request and its voice number get the same words: nothing to tell apart.
    for (const check of [result.data[1], result.data[2]]) {
      expect(check?.message).toMatch(/can't be ported from this account\. Contact support/);
      expect(check?.message).not.toMatch(/open porting request|voice account|PR-\d/);
    }
    expect(result.data[1]?.message.replace(/"[^"]*" \([^)]*\)|"[^"]*"/, "N")).toBe(result.data[2]?.message.replace(/"[^"]*" \([^)]*\)|"[^"]*"/, "N"));
  });

  test(`is limited per user: after ${NUMBER_CHECK_LIMIT.max} checks in the window the next one is refused, another user is not affected`, async () => {
    const { customer } = await setup();
    const colleague = await createCustomer({ id: customer.accountId });
    const input = { country: "NL" as const, numberType: "geographic" as const, phoneNumbers: [nextNumber()] };
    signInAs(customer);
    const results = await Promise.all(Array.from({ length: NUMBER_CHECK_LIMIT.max + 5 }, () => checkNumbersAction(input)));
    expect(results.filter((r) => r.ok)).toHaveLength(NUMBER_CHECK_LIMIT.max);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({ ok: false, code: "rate_limited", message: expect.stringMatching(/checked too often\. Wait \d+ minutes?/) });
    signInAs(colleague);
    expect(await checkNumbersAction(input)).toMatchObject({ ok: true });
  });

  test("bad input is a validation result", async () => {
    const { customer } = await setup();
    signInAs(customer);
    expect(await checkNumbersAction({ country: "XX", numberType: "geographic", phoneNumbers: [] } as never)).toMatchObject({
      ok: false,
      code: "validation",
      fieldErrors: { country: [expect.any(String)] },
    });
    const many = Array.from({ length: 501 }, () => nextNumber());
    expect(await checkNumbersAction({ country: "NL", numberType: "geographic", phoneNumbers: many })).toMatchObject({
      ok: false,
      fieldErrors: { phoneNumbers: [expect.stringMatching(/At most 500/)] },
    });
  });
});

import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getClient, getDb } from "@/db";
import { voiceNumbers } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import {
  countMismatches,
  countRows,
  createAccount,
  createCompanyProfile,
  createDistributionGroup,
  createRequest,
  createSupport,
  createTenant,
  insertRequestInStatus,
  nextNumber,
  testLetterOfAuthorisation,
} from "@/test/factories";
import type { CustomerActor } from "@/lib/auth/actor";
import { createPortingRequest } from "./create-porting-request";
import { statusCounts } from "./queries";

async function rejection(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

async function storedRows() {
  return {
    requests: await countRows("porting_requests"),
    numbers: await countRows("porting_request_numbers"),
    events: await countRows("porting_request_events"),
    counts: (await getDb().execute<{ n: number }>(sql`select coalesce(sum(count), 0)::int as n from porting_request_counts`))[0]?.n,
  };
}

const inTwoDays = (hourUtc: number) => {
  const d = new Date(Date.now() + 2 * 86_400_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};

describe("createPortingRequest", () => {
  test("stores the request, its numbers in E.164, the first history entry and the count", async () => {
    const { customer } = await createTenant("NL", "Acme B.V.");
    const group = await createDistributionGroup(customer.accountId);
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const dto = await createPortingRequest(customer, {
      country: "NL",
      numberType: "geographic",
      companyProfileId: profile.id,
      phoneNumbers: ["020 123 4567", "+31 20 765 4321", "0031 20 111 2222"],
      currentProvider: "  KPN ",
      distributionGroupId: group.id,
      callbackUrl: "https://hooks.example.com/porting",
      comment: "",
    }, undefined, { documents: [testLetterOfAuthorisation()] });
    expect(dto).toMatchObject({
      reference: expect.stringMatching(/^PR-\d{6}$/),
      accountId: customer.accountId,
      accountName: "Acme B.V.",
      status: "requested",
      statusLabel: "Requested",
      statusReason: "Request received",
      country: "NL",
      numberType: "geographic",
      companyProfileId: profile.id,
      currentProvider: "KPN",
      preferredPortingDate: null,
      firstPossiblePortingDate: null,
      contractScenario: "switch_at_contract_end",
      distributionGroupId: group.id,
      callbackUrl: "https://hooks.example.com/porting",
      comment: null,
      version: 1,
      allowedActions: [],
      phoneNumbers: [
        { number: "+31201234567", type: "geographic" },
        { number: "+31207654321", type: "geographic" },
        { number: "+31201112222", type: "geographic" },
      ],
    });
    expect(dto.history).toEqual([
      { from: null, to: "requested", reason: "Request received", firstPossiblePortingDate: null, actor: { role: "customer", name: customer.name }, at: dto.createdAt },
    ]);
    expect(new Date(dto.createdAt).toISOString()).toBe(dto.createdAt);
    expect((await statusCounts(customer)).requested).toBe(1);
  });

  test("a non-NL request keeps its preferred date and has no contract scenario; a customer may cancel it", async () => {
    const { customer } = await createTenant("DE");
    const when = inTwoDays(9);
    const dto = await createRequest(customer, { country: "DE", preferredPortingDate: when, phoneNumbers: ["030 1234567"] });
    expect(dto).toMatchObject({ preferredPortingDate: when, contractScenario: null, allowedActions: ["cancel"] });
  });

  test("reports every bad number at once, with the other field problems, and stores nothing", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const inOpen = nextNumber();
    const onVoice = nextNumber();
    await insertRequestInStatus({ accountId: other.customer.accountId, status: "in_progress", numbers: [inOpen] });
    await getDb().insert(voiceNumbers).values({ accountId: other.customer.accountId, number: onVoice, type: "geographic" });
    const profile = await createCompanyProfile(customer.accountId, "NL", { registrationNumber: null, postalCode: "1234" });
    const foreignGroup = await createDistributionGroup(other.customer.accountId);
    const before = await storedRows();

    const error = await rejection(
      createPortingRequest(customer, {
        country: "NL",
        numberType: "geographic",
        companyProfileId: profile.id,
        phoneNumbers: [
          "020 987 6543", // fine
          "12345", // invalid
          "+49 30 1234567", // wrong country
          "085 123 4567", // wrong type
          "(020) 987 65 43", // duplicate of the first
          "06 12345678", // mobile: not portable
          inOpen, // in another open request
          onVoice, // already on a voice account
        ],
        currentProvider: "",
        distributionGroupId: foreignGroup.id,
        preferredPortingDate: inTwoDays(9),
      }, undefined, { documents: [testLetterOfAuthorisation()] }),
    );
    const errors = error.fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(
      [
        "companyProfileId",
        "currentProvider",
        "distributionGroupId",
        "phoneNumbers",
        "phoneNumbers.1",
        "phoneNumbers.2",
        "phoneNumbers.3",
        "phoneNumbers.4",
        "phoneNumbers.5",
        "phoneNumbers.6",
        "phoneNumbers.7",
        "preferredPortingDate",
      ].sort(),
    );
    expect(errors["phoneNumbers.1"]?.[0]).toContain('"12345"');
    expect(errors["phoneNumbers.2"]?.[0]).toContain("Germany");
    expect(errors["phoneNumbers.3"]?.[0]).toContain("national");
    expect(errors["phoneNumbers.4"]?.[0]).toContain("listed twice");
    expect(errors["phoneNumbers.5"]?.[0]).toMatch(/mobile/i);
    // Both belong to another account: one answer that says nothing about that account.
    expect(errors["phoneNumbers.6"]?.[0]).toContain("can't be ported from this account");
    expect(errors["phoneNumbers.7"]?.[0]).toContain("can't be ported from this account");
    expect(errors.phoneNumbers).toEqual(["7 of 8 numbers need attention."]);
    expect(errors.companyProfileId).toEqual(
      expect.arrayContaining([expect.stringContaining("KvK number is missing"), expect.stringContaining('Postal code "1234"')]),
    );
    expect(errors.distributionGroupId?.[0]).toMatch(/not found in your account/);
    expect(errors.preferredPortingDate?.[0]).toMatch(/No preferred date in the Netherlands/);
    // Nothing is stored until the whole request is valid.
    expect(await storedRows()).toEqual(before);
  });

  test("a company profile of another account is not found; of another country is refused", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const foreign = await createCompanyProfile(other.customer.accountId, "NL");
    const german = await createCompanyProfile(customer.accountId, "DE");
    const e1 = await rejection(createRequest(customer, { companyProfileId: foreign.id }));
    expect(e1.fieldErrors.companyProfileId).toEqual(["This company profile was not found in your account."]);
    const e2 = await rejection(createRequest(customer, { companyProfileId: german.id }));
    expect(e2.fieldErrors.companyProfileId?.[0]).toMatch(/is for Germany; choose a profile for the Netherlands/);
  });

  test("a profile that does not operate the number type, or lacks a Dutch address, is refused with the field", async () => {
    const { customer } = await createTenant("NL");
    const noTollFree = await createCompanyProfile(customer.accountId, "NL", { numberTypes: ["geographic"] });
    const e1 = await rejection(createRequest(customer, { companyProfileId: noTollFree.id, numberType: "toll_free", phoneNumbers: ["0800 1234"] }));
    expect(e1.fieldErrors.companyProfileId?.[0]).toMatch(/toll free numbers/);
    const belgianAddress = await createCompanyProfile(customer.accountId, "NL", { addressCountry: "BE", postalCode: "1000" });
    const e2 = await rejection(createRequest(customer, { companyProfileId: belgianAddress.id, numberType: "national", phoneNumbers: ["085 123 4567"] }));
    expect(e2.fieldErrors.companyProfileId?.[0]).toMatch(/must be in the Netherlands; it is in Belgium/);
  });

  test("NL mobile is refused with the reason; other country rules on dates and scenarios", async () => {
    const { customer } = await createTenant("NL");
    const e1 = await rejection(createRequest(customer, { numberType: "mobile", phoneNumbers: ["06 12345678"] }));
    expect(e1.fieldErrors.numberType?.[0]).toMatch(/mobile numbers \(06\) can't be ported/i);

    const de = await createTenant("DE");
    const e2 = await rejection(createRequest(de.customer, { country: "DE", phoneNumbers: [nextNumber("DE")], preferredPortingDate: inTwoDays(21) }));
    expect(e2.fieldErrors.preferredPortingDate?.[0]).toMatch(/06:00 and 20:00 UTC/);
    const yesterday = new Date(Date.now() - 86_400_000);
    yesterday.setUTCHours(10, 0, 0, 0);
    const e3 = await rejection(createRequest(de.customer, { country: "DE", phoneNumbers: [nextNumber("DE")], preferredPortingDate: yesterday.toISOString() }));
    expect(e3.fieldErrors.preferredPortingDate?.[0]).toMatch(/future/);
    const e4 = await rejection(createRequest(de.customer, { country: "DE", phoneNumbers: [nextNumber("DE")], contractScenario: "early_termination" }));
    expect(e4.fieldErrors.contractScenario?.[0]).toMatch(/Dutch requests only/);
    const ok = await createRequest(de.customer, { country: "DE", phoneNumbers: [nextNumber("DE")], preferredPortingDate: inTwoDays(20) });
    expect(ok.preferredPortingDate).toBe(inTwoDays(20));
  });

  test("callback URLs: internal addresses are refused", async () => {
    const { customer } = await createTenant("NL");
    for (const url of ["https://10.0.0.8/hook", "http://169.254.169.254/latest/meta-data", "ftp://example.com/x"]) {
      const error = await rejection(createRequest(customer, { callbackUrl: url }));
      expect(error.fieldErrors.callbackUrl, url).toHaveLength(1);
    }
  });

  test("an empty list, too many numbers and a support caller are refused", async () => {
    const { customer } = await createTenant("NL");
    expect((await rejection(createRequest(customer, { phoneNumbers: [] }))).fieldErrors.phoneNumbers).toEqual(["Enter at least one phone number."]);
    const many = Array.from({ length: 501 }, () => nextNumber());
    expect((await rejection(createRequest(customer, { phoneNumbers: many }))).fieldErrors.phoneNumbers?.[0]).toMatch(/At most 500/);
    const support = await createSupport();
    await expect(createPortingRequest(support as unknown as CustomerActor, {} as never)).rejects.toBeInstanceOf(ForbiddenError);
  });

  test("500 numbers in one request are accepted", async () => {
    const { customer } = await createTenant("NL");
    const dto = await createRequest(customer, { phoneNumbers: Array.from({ length: 500 }, () => nextNumber()) });
    expect(dto.phoneNumbers).toHaveLength(500);
  });

  test("a number freed by a final request can be requested again", async () => {
    const { customer } = await createTenant("NL");
    const number = nextNumber();
    await insertRequestInStatus({ accountId: customer.accountId, status: "blocked", numbers: [number] });
    const dto = await createRequest(customer, { phoneNumbers: [number] });
    expect(dto.phoneNumbers[0]?.number).toBe(number);
  });

  test("losing the race for a number (unique violation) becomes a field error for that number, never DB text", async () => {
    const { customer } = await createTenant("NL");
    const rival = await createAccount({ country: "NL" });
    const rivalProfile = await createCompanyProfile(rival.id, "NL");
    const number = nextNumber();
    const { sql: pg } = getClient();

    // A rival transaction holds an uncommitted open row for the number: our checks cannot see it,
    // our insert waits on the unique index and fails once the rival commits.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const rivalInserted = new Promise<void>((resolve) => (inserted = resolve));
    const rivalTx = pg.begin(async (tx) => {
      const [req] = await tx<{ id: string }[]>`
        insert into porting_requests (account_id, company_profile_id, country, number_type, current_provider, status_reason)
        values (${rival.id}, ${rivalProfile.id}, 'NL', 'geographic', 'KPN', 'Request received') returning id`;
      await tx`insert into porting_request_numbers (porting_request_id, account_id, number, type, position)
               values (${req?.id ?? ""}, ${rival.id}, ${number}, 'geographic', 0)`;
      await tx`insert into porting_request_counts (account_id, status, count) values (${rival.id}, 'requested', 1)`;
      inserted();
      await released;
    });
    await rivalInserted;
    const ours = createRequest(customer, { phoneNumbers: [number] });
    // Release the rival only once our insert is really waiting on it, so this exercises the race path.
    const waitingOnLock = async () =>
      (await pg<{ n: number }[]>`select count(*)::int as n from pg_stat_activity
                                 where datname = current_database() and wait_event_type = 'Lock'`)[0]?.n ?? 0;
    for (let i = 0; i < 200 && (await waitingOnLock()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await waitingOnLock()).toBe(1);
    release();
    await rivalTx;
    const error = await rejection(ours);
    expect(error.fieldErrors["phoneNumbers.0"]?.[0]).toMatch(/can't be ported from this account/);
    expect(JSON.stringify(error.fieldErrors)).not.toMatch(/duplicate key|constraint|porting_request_numbers/);
    expect(await countRows("porting_requests", sql`account_id = ${customer.accountId}`)).toBe(0);
    expect(await countMismatches()).toEqual([]);
  });
});

import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  accounts,
  companyProfiles,
  distributionGroups,
  portingRequestDocuments,
  portingRequestEvents,
  portingRequestNumbers,
  portingRequests,
  users,
  type Account,
  type CompanyProfile,
  type DistributionGroup,
  type PortingRequest,
} from "@/db/schema";
import type { CustomerActor, SupportActor } from "@/lib/auth/actor";
import { createPortingRequest } from "@/lib/porting/create-porting-request";
import type { DocumentSource, DocumentUpload } from "@/lib/porting/documents";
import { uploadDocument } from "@/lib/porting/upload-document";
import type { PortingRequestDto } from "@/lib/porting/dto";
import type { CreatePortingRequestInput } from "@/lib/porting/schemas";
import { adjustStatusCounts } from "@/lib/porting/status-counts";
import { isFinalStatus } from "@/lib/porting/statuses";
import type { CountryCode, NumberType, PortingStatus } from "@/lib/porting/values";

// Test data through the real database (and, for requests, through the real verb where the test is
// about behaviour). Every test file has a database of its own, so these never collide across files.

const unique = () => randomBytes(4).toString("hex");

export async function createAccount(overrides: Partial<typeof accounts.$inferInsert> = {}): Promise<Account> {
  const [account] = await getDb()
    .insert(accounts)
    .values({ name: `Account ${unique()}`, country: "NL", signingSecret: `whsec_${randomBytes(24).toString("base64")}`, ...overrides })
    .returning();
  if (!account) throw new Error("no account");
  return account;
}

export async function createCustomer(
  account: Pick<Account, "id">,
  name = `Customer ${unique()}`,
  accountRole: "admin" | "member" = "admin",
): Promise<CustomerActor> {
  const email = `${unique()}@customer.test`;
  const [user] = await getDb()
    .insert(users)
    .values({ email, name, role: "customer", accountId: account.id, accountRole, passwordHash: "not-a-real-hash" })
    .returning();
  if (!user) throw new Error("no user");
  return { role: "customer", userId: user.id, name, email, accountId: account.id, accountRole };
}

export async function createSupport(name = `Agent ${unique()}`): Promise<SupportActor> {
  const email = `${unique()}@support.test`;
  const [user] = await getDb()
    .insert(users)
    .values({ email, name, role: "support", accountId: null, passwordHash: "not-a-real-hash" })
    .returning();
  if (!user) throw new Error("no user");
  return { role: "support", userId: user.id, name, email, accountId: null };
}

/** A customer with an account of its own: the usual starting point. */
export async function createTenant(country: CountryCode = "NL", name?: string) {
  const account = await createAccount({ country, ...(name ? { name } : {}) });
  const customer = await createCustomer(account);
  return { account, customer };
}

const VALID_PROFILE: Record<CountryCode, Partial<typeof companyProfiles.$inferInsert>> = {
  NL: {
    companyName: "Acme B.V.",
    registrationNumber: "12345678",
    representativeFirstName: "Anna",
    representativeLastName: "de Vries",
    street: "Herengracht 1",
    postalCode: "1015 BA",
    city: "Amsterdam",
  },
  DE: { companyName: "Globex GmbH", registrationNumber: "HRB 12345", vatNumber: "DE123456789", street: "Unter den Linden 1", postalCode: "10117", city: "Berlin" },
  BE: { companyName: "Initech BV", registrationNumber: "0123.456.789", vatNumber: "BE0123456789", street: "Rue Neuve 1", postalCode: "1000", city: "Brussels" },
  GB: { companyName: "Hooli Ltd", registrationNumber: "01234567", street: "1 Main Street", postalCode: "SW1A 1AA", city: "London" },
  FR: { companyName: "Umbrella SAS", registrationNumber: "732829320", street: "1 Rue de Rivoli", postalCode: "75001", city: "Paris" },
  ES: { companyName: "Vandelay SL", registrationNumber: "B12345678", street: "Gran Vía 1", postalCode: "28013", city: "Madrid" },
};

/** A profile that meets every requirement of its country for every supported number type. */
export async function createCompanyProfile(
  accountId: string,
  country: CountryCode = "NL",
  overrides: Partial<typeof companyProfiles.$inferInsert> = {},
): Promise<CompanyProfile> {
  const [profile] = await getDb()
    .insert(companyProfiles)
    .values({
      accountId,
      name: `Profile ${unique()}`,
      companyName: "Company",
      country,
      addressCountry: country,
      numberTypes: ["geographic", "national", "toll_free"],
      notificationEmails: ["porting@example.test"],
      ...VALID_PROFILE[country],
      ...overrides,
    })
    .returning();
  if (!profile) throw new Error("no profile");
  return profile;
}

export async function createDistributionGroup(accountId: string, name = `Group ${unique()}`): Promise<DistributionGroup> {
  const [group] = await getDb()
    .insert(distributionGroups)
    .values({ accountId, name, destinations: ["sip:reception@example.test"] })
    .returning();
  if (!group) throw new Error("no group");
  return group;
}

// Valid geographic numbers, unique within a test file: Amsterdam 020, Berlin 030, London 020 7….
let serial = Math.floor(Math.random() * 1_000_000);
export function nextNumber(country: CountryCode = "NL"): string {
  serial += 1;
  const tail = String(serial % 10_000_000).padStart(7, "0");
  switch (country) {
    case "NL":
      return `+3120${tail}`;
    case "DE":
      return `+4930${tail}0`;
    case "GB":
      return `+44207${tail}`;
    default:
      throw new Error(`nextNumber: no generator for ${country}`);
  }
}

export function nextNumbers(count: number, country: CountryCode = "NL"): string[] {
  return Array.from({ length: count }, () => nextNumber(country));
}

/** A small file that passes the document checks (a PDF by its first bytes). */
export function testPdf(text = "a letter of authorisation"): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`);
}

/** The letter of authorisation every country requires, as the web form sends it. */
export const testLetterOfAuthorisation = (): DocumentUpload => ({ kind: "letter_of_authorisation", filename: "loa.pdf", data: testPdf() });

/** An upload of the customer's account (POST /api/v1/documents), for an API create's `documents: [{ id }]`. */
export async function uploadLetterOfAuthorisation(customer: CustomerActor): Promise<{ id: string }> {
  const upload = await uploadDocument(customer, testLetterOfAuthorisation());
  return { id: upload.id };
}

/**
 * Many waiting uploads at once (letters of authorisation), inserted directly: for tests that make
 * more API creates than an account may keep uploads waiting (MAX_PENDING_UPLOADS). Hand them out
 * with `.shift()`: each can be named by one create.
 */
export async function letterUploadPool(customer: CustomerActor, count: number): Promise<{ id: string }[]> {
  const data = Buffer.from(testPdf());
  return getDb()
    .insert(portingRequestDocuments)
    .values(
      Array.from({ length: count }, () => ({
        accountId: customer.accountId,
        kind: "letter_of_authorisation" as const,
        filename: "loa.pdf",
        contentType: "application/pdf",
        size: data.length,
        data,
        uploadedByUserId: customer.userId,
        uploadedByRole: "customer" as const,
        uploadedByName: customer.name,
      })),
    )
    .returning({ id: portingRequestDocuments.id });
}

/**
 * Through the real verb: validation, numbers, documents, history and counts as in production.
 * The letter of authorisation every country requires is sent along unless `documents` says otherwise.
 */
export async function createRequest(
  customer: CustomerActor,
  overrides: Partial<CreatePortingRequestInput> & { country?: CountryCode } = {},
  documents: readonly DocumentSource[] = [testLetterOfAuthorisation()],
): Promise<PortingRequestDto> {
  const country = overrides.country ?? "NL";
  const companyProfileId = overrides.companyProfileId ?? (await createCompanyProfile(customer.accountId, country)).id;
  return createPortingRequest(customer, {
    country,
    numberType: "geographic",
    companyProfileId,
    phoneNumbers: overrides.phoneNumbers ?? [nextNumber(country)],
    currentProvider: "KPN",
    ...overrides,
  }, undefined, { documents });
}

/**
 * A request placed directly in `status` (with its counts), for tests of what happens FROM a status.
 * The history holds one synthetic entry; use the verbs when the path there matters.
 */
export async function insertRequestInStatus(opts: {
  accountId: string;
  status: PortingStatus;
  country?: CountryCode;
  numberType?: NumberType;
  numbers?: string[];
  distributionGroupId?: string | null;
  companyProfileId?: string;
}): Promise<PortingRequest> {
  const country = opts.country ?? "NL";
  const db = getDb();
  const profileId = opts.companyProfileId ?? (await createCompanyProfile(opts.accountId, country)).id;
  const numbers = opts.numbers ?? [nextNumber(country)];
  return db.transaction(async (tx) => {
    const [request] = await tx
      .insert(portingRequests)
      .values({
        accountId: opts.accountId,
        companyProfileId: profileId,
        country,
        numberType: opts.numberType ?? "geographic",
        currentProvider: "KPN",
        status: opts.status,
        statusReason: `Placed in ${opts.status} by a test`,
        distributionGroupId: opts.distributionGroupId ?? null,
        contractScenario: country === "NL" ? "switch_at_contract_end" : null,
      })
      .returning();
    if (!request) throw new Error("no request");
    await tx.insert(portingRequestNumbers).values(
      numbers.map((number, position) => ({
        portingRequestId: request.id,
        accountId: opts.accountId,
        number,
        type: opts.numberType ?? "geographic",
        position,
        open: !isFinalStatus(opts.status),
      })),
    );
    await tx.insert(portingRequestEvents).values({
      portingRequestId: request.id,
      fromStatus: null,
      toStatus: opts.status,
      reason: `Placed in ${opts.status} by a test`,
      actorRole: "system",
      actorName: "test",
      // The database requires a rejection code on every Blocked event.
      rejection: opts.status === "blocked" ? { codes: [{ code: "other", numbers: [] }], profile: null } : null,
    });
    await adjustStatusCounts(tx, opts.accountId, { [opts.status]: 1 });
    return request;
  });
}

/** Differences between porting_request_counts and a real count(*) of the live requests (the counts never hold sandbox ones); empty when they agree. */
export async function countMismatches(): Promise<{ accountId: string; status: string; stored: number; actual: number }[]> {
  const rows = await getDb().execute<{ account_id: string; status: string; stored: number; actual: number }>(sql`
    with actual as (
      select account_id, status, count(*)::int as n from porting_requests where not sandbox group by account_id, status
    )
    select coalesce(c.account_id, a.account_id) as account_id, coalesce(c.status, a.status)::text as status,
           coalesce(c.count, 0) as stored, coalesce(a.n, 0) as actual
    from porting_request_counts c
    full join actual a on a.account_id = c.account_id and a.status = c.status
    where coalesce(c.count, 0) <> coalesce(a.n, 0)`);
  return rows.map((r) => ({ accountId: r.account_id, status: r.status, stored: r.stored, actual: r.actual }));
}

export async function countRows(table: "porting_requests" | "porting_request_numbers" | "porting_request_events" | "voice_numbers", where = sql`true`): Promise<number> {
  const rows = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
  return rows[0]?.n ?? 0;
}

export const randomId = () => randomUUID();

import { sql } from "drizzle-orm";
import { parsePhoneNumberFromString, type NumberType as PhoneType } from "libphonenumber-js/max";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb, schema } from "@/db";
import { verifyPassword } from "@/lib/auth/password";
import { findTransitionTo } from "@/lib/porting/transitions";
import { FINAL_STATUSES, PORTING_STATUSES, type NumberType, type PortingStatus } from "@/lib/porting/values";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData } from "./seed";

const db = getDb();

// The libphonenumber types each of our number types accepts (DESIGN.md, shared/spec/countries.md).
const PHONE_TYPES: Record<NumberType, PhoneType[]> = {
  geographic: ["FIXED_LINE", "FIXED_LINE_OR_MOBILE"],
  national: ["VOIP", "UAN"],
  toll_free: ["TOLL_FREE"],
  mobile: ["MOBILE"],
};

const NL_ONLY: PortingStatus[] = ["delayed", "ready_to_be_ported"];

const TABLES = [
  "accounts",
  "users",
  "api_keys",
  "company_profiles",
  "distribution_groups",
  "porting_requests",
  "porting_request_numbers",
  "porting_request_events",
  "porting_request_counts",
  "voice_numbers",
] as const;

/** A fingerprint of every row of every table the seed writes, to prove a call changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const [row] = await db.execute<{ digest: string }>(
      sql`select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
          from ${sql.identifier(table)} t`,
    );
    result[table] = row?.digest ?? "";
  }
  return result;
}

async function rowCount(table: (typeof TABLES)[number]): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row?.n ?? -1;
}

async function emptyDatabase(): Promise<void> {
  await db.execute(sql`truncate accounts, users cascade`);
}

async function loadAll() {
  const [accounts, users, profiles, groups, requests, numbers, events, counts, voice, apiKeys] = await Promise.all([
    db.select().from(schema.accounts),
    db.select().from(schema.users),
    db.select().from(schema.companyProfiles),
    db.select().from(schema.distributionGroups),
    db.select().from(schema.portingRequests),
    db.select().from(schema.portingRequestNumbers),
    db.select().from(schema.portingRequestEvents).orderBy(schema.portingRequestEvents.id),
    db.select().from(schema.portingRequestCounts),
    db.select().from(schema.voiceNumbers),
    db.select().from(schema.apiKeys),
  ]);
  return { accounts, users, profiles, groups, requests, numbers, events, counts, voice, apiKeys };
}

describe("seeding an empty database", () => {
  const logged: string[] = [];
  let data: Awaited<ReturnType<typeof loadAll>>;

  beforeAll(async () => {
    await expect(seedDemoData(db, { log: (line) => logged.push(line) })).resolves.toEqual({ seeded: true });
    data = await loadAll();
  });

  test("logs one line per account", () => {
    expect(logged.filter((l) => l.includes("Acme B.V. (NL)"))).toHaveLength(1);
    expect(logged.filter((l) => l.includes("Globex GmbH (DE)"))).toHaveLength(1);
  });

  test("creates the five demo logins with the demo password", async () => {
    expect(data.users).toHaveLength(DEMO_LOGINS.length);
    for (const login of DEMO_LOGINS) {
      const user = data.users.find((u) => u.email === login.email);
      expect(user, login.email).toBeDefined();
      if (!user) continue;
      expect(user.name).toBe(login.name);
      expect(user.role).toBe(login.role);
      expect(data.accounts.find((a) => a.id === user.accountId)?.name ?? null).toBe(login.account);
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(user.passwordHash, "porting-demo ")).toBe(false);
    }
  });

  test("creates the two accounts, each with its own signing secret, and no API key", () => {
    expect(data.accounts.map((a) => [a.name, a.country]).sort()).toEqual([
      ["Acme B.V.", "NL"],
      ["Globex GmbH", "DE"],
    ]);
    for (const account of data.accounts) expect(account.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(new Set(data.accounts.map((a) => a.signingSecret)).size).toBe(2);
    expect(data.apiKeys).toEqual([]);
  });

  test("gives every account a complete profile and a distribution group; Acme also an incomplete profile", () => {
    for (const account of data.accounts) {
      const profiles = data.profiles.filter((p) => p.accountId === account.id);
      const complete = profiles.filter(
        (p) =>
          p.registrationNumber &&
          p.vatNumber &&
          p.representativeFirstName &&
          p.representativeLastName &&
          p.street &&
          p.postalCode &&
          p.city &&
          p.addressCountry === account.country &&
          p.country === account.country &&
          p.numberTypes.includes("geographic") &&
          p.notificationEmails.length > 0,
      );
      expect(complete, account.name).toHaveLength(1);
      expect(data.groups.filter((g) => g.accountId === account.id), account.name).toHaveLength(1);
      // Every request uses the complete profile.
      for (const request of data.requests.filter((r) => r.accountId === account.id)) {
        expect(request.companyProfileId).toBe(complete[0]?.id);
      }
    }
    const acme = data.accounts.find((a) => a.name === "Acme B.V.");
    const nl = data.profiles.find((p) => p.accountId === acme?.id && p.city === "Amsterdam");
    expect(nl?.registrationNumber).toMatch(/^\d{8}$/);
    expect(nl?.postalCode).toMatch(/^\d{4} [A-Z]{2}$/);
    const rotterdam = data.profiles.find((p) => p.name === "Acme Rotterdam branch");
    expect(rotterdam?.accountId).toBe(acme?.id);
    expect(rotterdam?.registrationNumber).toBeNull();
  });

  test("holds requests in every status that applies to the account's country", () => {
    for (const account of data.accounts) {
      const statuses = new Set(data.requests.filter((r) => r.accountId === account.id).map((r) => r.status));
      const expected = PORTING_STATUSES.filter((s) => account.country === "NL" || !NL_ONLY.includes(s));
      expect([...statuses].sort(), account.name).toEqual([...expected].sort());
    }
    // One to perform and one to cancel in a demo.
    const nlReady = data.requests.filter((r) => r.country === "NL" && r.status === "ready_to_be_ported");
    expect(nlReady.length).toBeGreaterThanOrEqual(2);
    for (const request of data.requests) {
      expect(request.country).toBe(data.accounts.find((a) => a.id === request.accountId)?.country);
      expect(request.reference).toMatch(/^PR-\d{6}$/);
    }
  });

  test("uses valid numbers of the request's country and type, in the account's city", () => {
    for (const request of data.requests) {
      const numbers = data.numbers
        .filter((n) => n.portingRequestId === request.id)
        .sort((a, b) => a.position - b.position);
      expect(numbers.length, request.reference).toBeGreaterThanOrEqual(1);
      expect(numbers.length, request.reference).toBeLessThanOrEqual(4);
      expect(numbers.map((n) => n.position)).toEqual(numbers.map((_, i) => i));
      for (const n of numbers) {
        const parsed = parsePhoneNumberFromString(n.number);
        expect(parsed?.isValid(), n.number).toBe(true);
        expect(parsed?.number, n.number).toBe(n.number);
        expect(parsed?.country, n.number).toBe(request.country);
        expect(PHONE_TYPES[request.numberType], n.number).toContain(parsed?.getType());
        expect(n.type).toBe(request.numberType);
        expect(n.accountId).toBe(request.accountId);
        expect(n.open, n.number).toBe(!(FINAL_STATUSES as readonly string[]).includes(request.status));
        if (request.numberType === "geographic") expect(n.number).toMatch(request.country === "NL" ? /^\+3120/ : /^\+4930/);
      }
    }
    const types = new Set(data.requests.filter((r) => r.country === "NL").map((r) => r.numberType));
    expect([...types].sort()).toEqual(["geographic", "national", "toll_free"]);
    // Some requests port a block of consecutive numbers.
    expect(data.requests.some((r) => data.numbers.filter((n) => n.portingRequestId === r.id).length >= 3)).toBe(true);
  });

  test("never puts a number in two open requests, or in an open request and on a voice account", () => {
    const open = data.numbers.filter((n) => n.open).map((n) => n.number);
    expect(new Set(open).size).toBe(open.length);
    const voice = new Set(data.voice.map((v) => v.number));
    expect(open.filter((n) => voice.has(n))).toEqual([]);
  });

  test("gives every request a history the workflow could have written", () => {
    const now = Date.now();
    const today = new Date().toISOString().slice(0, 10);
    for (const request of data.requests) {
      const events = data.events.filter((e) => e.portingRequestId === request.id);
      const accountUsers = data.users.filter((u) => u.accountId === request.accountId);
      const support = data.users.find((u) => u.role === "support");
      const [first] = events;
      const last = events[events.length - 1];
      if (!first || !last) throw new Error(`${request.reference} has no history`);

      expect(first).toMatchObject({ fromStatus: null, toStatus: "requested", reason: "Request received", actorRole: "customer" });
      expect(accountUsers.map((u) => u.id)).toContain(first.actorUserId);

      events.forEach((event, i) => {
        const where = `${request.reference} event ${i}`;
        expect(event.reason.length, where).toBeGreaterThan(0);
        expect(event.createdAt.getTime(), where).toBeLessThan(now);
        const actor = data.users.find((u) => u.id === event.actorUserId);
        expect(actor?.name, where).toBe(event.actorName);
        if (event.actorRole === "support") expect(event.actorUserId, where).toBe(support?.id);
        else expect(actor?.accountId, where).toBe(request.accountId);
        if (i === 0) return;
        const previous = events[i - 1];
        if (!previous) throw new Error(where);
        expect(event.fromStatus, where).toBe(previous.toStatus);
        expect(event.createdAt.getTime(), where).toBeGreaterThan(previous.createdAt.getTime());
        // One the real workflow could have written: the transition table of lib/porting allows it.
        expect(event.actorRole === "system", where).toBe(false);
        const role = event.actorRole === "customer" ? "customer" : "support";
        expect(findTransitionTo(event.toStatus, previous.toStatus, request.country, role), where).toBeDefined();
        expect(event.firstPossiblePortingDate !== null, where).toBe(event.toStatus === "delayed");
      });

      expect(request.status).toBe(last.toStatus);
      expect(request.statusReason).toBe(last.reason);
      expect(request.version).toBe(events.length);
      expect(request.createdAt).toEqual(first.createdAt);
      expect(request.statusChangedAt).toEqual(last.createdAt);
      expect(request.updatedAt).toEqual(last.createdAt);
      if (request.status === "delayed") {
        expect(request.firstPossiblePortingDate).toBe(last.firstPossiblePortingDate);
        expect((request.firstPossiblePortingDate ?? "") > today, request.reference).toBe(true);
      }
    }
    // The support and customer reasons of the spec's flow all appear.
    const reasons = new Set(data.events.map((e) => e.reason));
    for (const reason of [
      "Documents verified, request submitted to the current provider",
      "The current provider proposed a later date",
      "Donor agreed; ready for porting",
      "Performed by customer",
      "Cancelled by customer",
    ]) {
      expect(reasons).toContain(reason);
    }
  });

  test("fills the status counts from the requests themselves", async () => {
    const real = await db.execute<{ account_id: string; status: string; n: number }>(
      sql`select account_id, status, count(*)::int as n from porting_requests group by account_id, status`,
    );
    const key = (accountId: string, status: string, n: number) => `${accountId} ${status} ${n}`;
    expect(data.counts.map((c) => key(c.accountId, c.status, c.count)).sort()).toEqual(
      real.map((r) => key(r.account_id, r.status, r.n)).sort(),
    );
  });

  test("assigns the numbers of completed requests to the voice account with the request's group", () => {
    const completed = data.requests.filter((r) => r.status === "completed");
    expect(completed.map((r) => r.country).sort()).toEqual(["DE", "NL"]);
    for (const request of completed) {
      const numbers = data.numbers.filter((n) => n.portingRequestId === request.id).map((n) => n.number);
      const voice = data.voice.filter((v) => v.portingRequestId === request.id);
      expect(voice.map((v) => v.number).sort()).toEqual(numbers.sort());
      for (const v of voice) {
        expect(v.accountId).toBe(request.accountId);
        expect(v.type).toBe(request.numberType);
        expect(request.distributionGroupId).not.toBeNull();
        expect(v.distributionGroupId).toBe(request.distributionGroupId);
      }
    }
    expect(data.voice).toHaveLength(
      data.numbers.filter((n) => completed.some((r) => r.id === n.portingRequestId)).length,
    );
  });

  test("a second call seeds nothing and changes nothing", async () => {
    const before = await snapshot();
    const logged: string[] = [];
    await expect(seedDemoData(db, { log: (l) => logged.push(l) })).resolves.toEqual({ seeded: false });
    expect(await snapshot()).toEqual(before);
    expect(logged).toEqual([]);
  });
});

describe("a database that already has data", () => {
  test("is left alone when it has an account", async () => {
    await emptyDatabase();
    await db.insert(schema.accounts).values({ name: "Existing Ltd", country: "GB", signingSecret: "whsec_x" });
    const before = await snapshot();
    await expect(seedDemoData(db)).resolves.toEqual({ seeded: false });
    expect(await snapshot()).toEqual(before);
    expect(await rowCount("accounts")).toBe(1);
    expect(await rowCount("porting_requests")).toBe(0);
  });

  test("is left alone when it has only a support user", async () => {
    await emptyDatabase();
    await db
      .insert(schema.users)
      .values({ email: "ops@example.com", name: "Ops", role: "support", accountId: null, passwordHash: "x" });
    await expect(seedDemoData(db)).resolves.toEqual({ seeded: false });
    expect(await rowCount("users")).toBe(1);
    expect(await rowCount("accounts")).toBe(0);
  });
});

test("two starts at once seed exactly once", async () => {
  await emptyDatabase();
  const results = await Promise.all([seedDemoData(db), seedDemoData(db), seedDemoData(db)]);
  expect(results.filter((r) => r.seeded)).toHaveLength(1);
  expect(await rowCount("accounts")).toBe(2);
  expect(await rowCount("users")).toBe(DEMO_LOGINS.length);
});

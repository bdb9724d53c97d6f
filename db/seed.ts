import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { recordSeededNotifications } from "@/lib/notifications/seed-records";
import { CUSTOMER_CANCEL_REASON, CUSTOMER_PERFORM_REASON } from "@/lib/porting/transitions";
import type { StoredRejectionCode } from "@/lib/porting/rejection-codes";
import type { ContractScenario, NumberType, PortingStatus } from "@/lib/porting/values";
import type { Db, Tx } from "./index";
import {
  accounts,
  companyProfiles,
  distributionGroups,
  portingRequestEvents,
  portingRequestNumbers,
  portingRequests,
  users,
  voiceNumbers,
} from "./schema";

// No "server-only" here: scripts/start.ts seeds under plain Node, where that import throws.

// Demo data for a fresh database (DESIGN.md, "Demo data"): a support agent, a Dutch and a German
// customer account, and requests in every status that applies to each country, each with the
// history the real workflow would have written. Whether to seed at all (embedded database or
// DEMO_DATA=true) is the caller's decision; this module only refuses a database that has data.

export const DEMO_PASSWORD = "porting-demo";

type CustomerKey = "anna" | "bram" | "jonas" | "lena";
type AccountKey = "acme" | "globex";

export const DEMO_LOGINS = [
  { email: "support@porting.test", name: "Sam Support", role: "support", account: null },
  { email: "anna@acme.test", name: "Anna de Vries", role: "customer", account: "Acme B.V." },
  { email: "bram@acme.test", name: "Bram Jansen", role: "customer", account: "Acme B.V." },
  { email: "jonas@globex.test", name: "Jonas Weber", role: "customer", account: "Globex GmbH" },
  { email: "lena@globex.test", name: "Lena Schmidt", role: "customer", account: "Globex GmbH" },
] as const;

// Any constant works as long as nothing else uses it; the migration lock is 7263540001.
const SEED_LOCK = 7263540002;

const DAY = 86_400_000;

type ProfileSpec = Omit<typeof companyProfiles.$inferInsert, "accountId" | "createdAt" | "updatedAt">;

type AccountSpec = {
  key: AccountKey;
  name: string;
  country: "NL" | "DE";
  customers: { key: CustomerKey; email: string; name: string; accountRole: "admin" | "member" }[];
  /** The first one is complete and used by every request; later ones may be deliberately incomplete. */
  profiles: [ProfileSpec, ...ProfileSpec[]];
  group: { name: string; destinations: string[] };
};

type Step = {
  to: PortingStatus;
  reason: string;
  actor: CustomerKey | "support";
  at: Date;
  firstPossiblePortingDate?: string;
  /** A rejection's codes (Blocked always has at least one). */
  rejectionCodes?: StoredRejectionCode[];
};

type RequestSpec = {
  key: string;
  account: AccountKey;
  numberType: NumberType;
  numbers: string[];
  currentProvider: string;
  contractScenario?: ContractScenario;
  preferredPortingDate?: Date;
  callbackUrl?: string;
  useDistributionGroup?: boolean;
  /** A function when the comment names another demo request, whose reference is known only once inserted. */
  comment?: string | ((referenceOf: (key: string) => string) => string);
  /** The key of the Blocked demo request this one corrects (inserted before it). */
  resubmissionOf?: string;
  /** In order; the first step is the creation (to `requested`) by the customer who filed it. */
  history: [Step, ...Step[]];
};

const ACCOUNTS: AccountSpec[] = [
  {
    key: "acme",
    name: "Acme B.V.",
    country: "NL",
    customers: [
      { key: "anna", email: "anna@acme.test", name: "Anna de Vries", accountRole: "admin" },
      { key: "bram", email: "bram@acme.test", name: "Bram Jansen", accountRole: "member" },
    ],
    profiles: [
      {
        name: "Acme Amsterdam",
        companyName: "Acme B.V.",
        registrationNumber: "34123456",
        vatNumber: "NL123456789B01",
        representativeFirstName: "Anna",
        representativeLastName: "de Vries",
        representativePhone: "+31612345678",
        street: "Herengracht 182",
        postalCode: "1016 BR",
        city: "Amsterdam",
        addressCountry: "NL",
        country: "NL",
        numberTypes: ["geographic", "national", "toll_free"],
        notificationEmails: ["ops@acme.test", "anna@acme.test"],
      },
      // Deliberately without a KvK number, so the UI has a profile that fails the NL requirements.
      {
        name: "Acme Rotterdam branch",
        companyName: "Acme B.V.",
        registrationNumber: null,
        vatNumber: "NL123456789B01",
        representativeFirstName: "Bram",
        representativeLastName: "Jansen",
        representativePhone: "+31612345679",
        street: "Coolsingel 40",
        postalCode: "3011 AD",
        city: "Rotterdam",
        addressCountry: "NL",
        country: "NL",
        numberTypes: ["geographic"],
        notificationEmails: ["rotterdam@acme.test"],
      },
    ],
    group: { name: "Amsterdam office", destinations: ["sip:reception@acme.pbx.example", "+31201234599"] },
  },
  {
    key: "globex",
    name: "Globex GmbH",
    country: "DE",
    customers: [
      { key: "jonas", email: "jonas@globex.test", name: "Jonas Weber", accountRole: "admin" },
      { key: "lena", email: "lena@globex.test", name: "Lena Schmidt", accountRole: "member" },
    ],
    profiles: [
      {
        name: "Globex Berlin",
        companyName: "Globex GmbH",
        // Handelsregister B of the Amtsgericht Charlottenburg (the trailing "B" marks Berlin).
        registrationNumber: "HRB 123456 B",
        vatNumber: "DE123456789",
        representativeFirstName: "Jonas",
        representativeLastName: "Weber",
        representativePhone: "+4915112345678",
        street: "Friedrichstraße 68",
        postalCode: "10117",
        city: "Berlin",
        addressCountry: "DE",
        country: "DE",
        numberTypes: ["geographic", "toll_free"],
        notificationEmails: ["porting@globex.test", "jonas@globex.test"],
      },
    ],
    group: { name: "Berlin Zentrale", destinations: ["sip:zentrale@globex.pbx.example", "+493020188099"] },
  },
];

const SUBMITTED = "Documents verified, request submitted to the current provider";
const DONOR_AGREED = "Donor agreed; ready for porting";

const received = (actor: CustomerKey, at: Date): Step => ({ to: "requested", reason: "Request received", actor, at });
const accepted = (at: Date): Step => ({ to: "in_progress", reason: SUBMITTED, actor: "support", at });
const bySupport = (to: PortingStatus, reason: string, at: Date, firstPossiblePortingDate?: string): Step => ({
  to,
  reason,
  actor: "support",
  at,
  ...(firstPossiblePortingDate ? { firstPossiblePortingDate } : {}),
});
const rejected = (reason: string, at: Date, rejectionCodes: StoredRejectionCode[]): Step => ({
  to: "blocked",
  reason,
  actor: "support",
  at,
  rejectionCodes,
});
const byCustomer = (actor: CustomerKey, to: PortingStatus, reason: string, at: Date): Step => ({ to, reason, actor, at });

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Porting happens on business days: a date that falls in a weekend moves to the Monday. */
function businessDay(date: Date): Date {
  const day = date.getUTCDay();
  return day === 6 ? new Date(date.getTime() + 2 * DAY) : day === 0 ? new Date(date.getTime() + DAY) : date;
}

// Relative to the seeding moment, so the demo always looks current: a request delayed "until
// three weeks from now" stays three weeks ahead whenever the database is created.
function demoRequests(now: Date): RequestSpec[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  // Whole days back from today at an office-hours clock time; one day or more, so always in the past.
  const ago = (days: number, clock: string): Date => {
    const [h = 0, m = 0] = clock.split(":").map(Number);
    return new Date(today - days * DAY + (h * 60 + m) * 60_000);
  };
  const ahead = (days: number, clock = "00:00"): Date => ago(-days, clock);

  return [
    // ── Acme B.V. (NL): the full Dutch flow ──
    {
      key: "acme-completed",
      account: "acme",
      numberType: "geographic",
      numbers: ["+31207940100", "+31207940101", "+31207940102"],
      currentProvider: "KPN",
      contractScenario: "switch_at_contract_end",
      callbackUrl: "https://hooks.acme.example/porting",
      useDistributionGroup: true,
      comment: "Main reception line and the two sales direct lines.",
      history: [
        received("anna", ago(41, "09:12")),
        accepted(ago(40, "10:05")),
        bySupport("ready_to_be_ported", DONOR_AGREED, ago(27, "14:30")),
        byCustomer("anna", "completed", CUSTOMER_PERFORM_REASON, ago(26, "08:47")),
      ],
    },
    {
      key: "acme-cancelled",
      account: "acme",
      numberType: "national",
      numbers: ["+31853030310", "+31853030311"],
      currentProvider: "VodafoneZiggo",
      contractScenario: "keep_without_ending",
      comment: "Customer service lines of the call centre.",
      history: [
        received("bram", ago(35, "11:20")),
        accepted(ago(34, "09:40")),
        bySupport("ready_to_be_ported", DONOR_AGREED, ago(22, "15:05")),
        // A customer may write their own reason instead of the default "Cancelled by customer".
        byCustomer(
          "bram",
          "cancelled",
          "The call centre move is postponed; we keep these numbers at VodafoneZiggo for now.",
          ago(21, "10:02"),
        ),
      ],
    },
    {
      key: "acme-ready-toll-free",
      account: "acme",
      numberType: "toll_free",
      numbers: ["+318000226"],
      currentProvider: "KPN",
      contractScenario: "early_termination",
      callbackUrl: "https://hooks.acme.example/porting",
      useDistributionGroup: true,
      comment: "Our free customer hotline. We accept the early termination fee.",
      history: [
        received("anna", ago(33, "09:05")),
        accepted(ago(32, "10:30")),
        bySupport("ready_to_be_ported", DONOR_AGREED, ago(2, "15:45")),
      ],
    },
    {
      key: "acme-blocked",
      account: "acme",
      numberType: "geographic",
      numbers: ["+31205304400"],
      currentProvider: "T-Mobile Netherlands",
      contractScenario: "switch_at_contract_end",
      history: [
        received("anna", ago(30, "13:15")),
        accepted(ago(29, "09:30")),
        rejected(
          "The name on the letter of authorisation does not match the contract holder at the current provider. " +
            "Please create a new request with a letter signed for Acme B.V. as registered at T-Mobile Netherlands.",
          ago(24, "16:10"),
          [{ code: "letter_of_authorisation", numbers: [] }],
        ),
      ],
    },
    {
      key: "acme-ready-after-delay",
      account: "acme",
      numberType: "geographic",
      numbers: ["+31202603300", "+31202603301"],
      currentProvider: "Ziggo",
      contractScenario: "switch_at_contract_end",
      useDistributionGroup: true,
      history: [
        received("bram", ago(28, "10:00")),
        accepted(ago(27, "09:15")),
        bySupport(
          "delayed",
          "The current provider proposed a later date",
          ago(25, "14:20"),
          isoDate(businessDay(ago(3, "00:00"))),
        ),
        bySupport("ready_to_be_ported", "The current provider confirmed the porting date; ready for porting", ago(3, "11:00")),
      ],
    },
    {
      key: "acme-delayed",
      account: "acme",
      numberType: "geographic",
      // A block: numbers often come in consecutive ranges.
      numbers: ["+31204715500", "+31204715501", "+31204715502", "+31204715503"],
      currentProvider: "KPN",
      contractScenario: "switch_at_contract_end",
      comment: "Numbers of the second floor, ported together.",
      history: [
        received("anna", ago(16, "08:55")),
        accepted(ago(15, "11:10")),
        bySupport("delayed", "The current provider proposed a later date", ago(12, "13:40"), isoDate(businessDay(ahead(10)))),
        // Delayed → Delayed: the donor may move the date again.
        bySupport(
          "delayed",
          "The current provider moved the date: the numbers are under contract until the end of the notice period",
          ago(9, "10:25"),
          isoDate(businessDay(ahead(24))),
        ),
      ],
    },
    {
      key: "acme-in-progress",
      account: "acme",
      numberType: "national",
      numbers: ["+31858001234"],
      currentProvider: "VodafoneZiggo",
      contractScenario: "switch_at_contract_end",
      history: [received("bram", ago(6, "14:25")), accepted(ago(5, "09:20"))],
    },
    {
      key: "acme-requested",
      account: "acme",
      numberType: "geographic",
      // The blocked request's number again (closed requests free their numbers), plus its neighbour.
      numbers: ["+31205304400", "+31205304401"],
      currentProvider: "T-Mobile Netherlands",
      contractScenario: "switch_at_contract_end",
      comment: (referenceOf) =>
        `Resubmission of ${referenceOf("acme-blocked")} with the letter of authorisation signed by the contract holder.`,
      resubmissionOf: "acme-blocked",
      history: [received("anna", ago(1, "16:40"))],
    },

    // ── Globex GmbH (DE): completed by support, no Delayed / Ready to be ported ──
    {
      key: "globex-completed",
      account: "globex",
      numberType: "geographic",
      numbers: ["+493020188000", "+493020188001", "+493020188002"],
      currentProvider: "Deutsche Telekom",
      // Outside NL the customer may pick a time, between 06:00 and 20:00 UTC.
      preferredPortingDate: ago(24, "07:00"),
      useDistributionGroup: true,
      comment: "Zentrale und Durchwahlen Vertrieb.",
      history: [
        received("jonas", ago(38, "08:30")),
        accepted(ago(37, "10:15")),
        bySupport("completed", "Ported by Deutsche Telekom; the numbers are assigned to your voice account", ago(24, "07:12")),
      ],
    },
    {
      key: "globex-blocked",
      account: "globex",
      numberType: "geographic",
      numbers: ["+493088776600"],
      currentProvider: "1&1",
      history: [
        received("lena", ago(26, "15:50")),
        accepted(ago(25, "09:05")),
        rejected(
          "The address on the letter of authorisation does not match the address registered at the current provider",
          ago(21, "11:30"),
          [{ code: "address", numbers: [] }],
        ),
      ],
    },
    {
      key: "globex-cancelled",
      account: "globex",
      numberType: "geographic",
      numbers: ["+493061209870"],
      currentProvider: "Vodafone",
      // Outside NL a customer may cancel while the request is still requested or in progress.
      history: [
        received("lena", ago(18, "10:10")),
        byCustomer("lena", "cancelled", CUSTOMER_CANCEL_REASON, ago(17, "08:45")),
      ],
    },
    {
      key: "globex-in-progress",
      account: "globex",
      numberType: "geographic",
      numbers: ["+493040506070", "+493040506071", "+493040506072", "+493040506073"],
      currentProvider: "Vodafone",
      preferredPortingDate: businessDay(ahead(14, "07:00")),
      useDistributionGroup: true,
      history: [received("jonas", ago(8, "09:35")), accepted(ago(7, "13:00"))],
    },
    {
      key: "globex-requested",
      account: "globex",
      numberType: "geographic",
      numbers: ["+493031904455"],
      currentProvider: "Deutsche Telekom",
      preferredPortingDate: businessDay(ahead(21, "08:00")),
      callbackUrl: "https://hooks.globex.example/porting",
      history: [received("jonas", ago(2, "11:05"))],
    },
  ];
}

const OPEN_STATUSES: readonly PortingStatus[] = ["requested", "in_progress", "delayed", "ready_to_be_ported"];

function single<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`Seeding ${what} returned no row.`);
  return row;
}

type Seeded = {
  supportId: string;
  accountIds: Map<AccountKey, string>;
  profileIds: Map<AccountKey, string>;
  groupIds: Map<AccountKey, string>;
  customers: Map<CustomerKey, { id: string; name: string }>;
};

async function insertPeople(tx: Tx, passwordHash: string, since: Date): Promise<Seeded & { lines: string[] }> {
  const support = single(
    await tx
      .insert(users)
      .values({ email: "support@porting.test", name: "Sam Support", role: "support", accountId: null, passwordHash, createdAt: since })
      .returning({ id: users.id }),
    "the support agent",
  );
  const seeded: Seeded = {
    supportId: support.id,
    accountIds: new Map(),
    profileIds: new Map(),
    groupIds: new Map(),
    customers: new Map(),
  };
  const lines = [`Seeded demo support agent support@porting.test (password "${DEMO_PASSWORD}")`];

  for (const spec of ACCOUNTS) {
    const account = single(
      await tx
        .insert(accounts)
        .values({
          name: spec.name,
          country: spec.country,
          signingSecret: `whsec_${randomBytes(24).toString("base64")}`,
          createdAt: since,
        })
        .returning({ id: accounts.id }),
      spec.name,
    );
    seeded.accountIds.set(spec.key, account.id);

    const customerRows = await tx
      .insert(users)
      .values(
        spec.customers.map((c) => ({
          email: c.email,
          name: c.name,
          role: "customer" as const,
          accountRole: c.accountRole,
          accountId: account.id,
          passwordHash,
          createdAt: since,
        })),
      )
      .returning({ id: users.id, email: users.email, name: users.name });
    for (const c of spec.customers) {
      const row = customerRows.find((r) => r.email === c.email);
      if (!row) throw new Error(`Seeding ${c.email} returned no row.`);
      seeded.customers.set(c.key, { id: row.id, name: row.name });
    }

    const profileRows = await tx
      .insert(companyProfiles)
      .values(spec.profiles.map((p) => ({ ...p, accountId: account.id, createdAt: since, updatedAt: since })))
      .returning({ id: companyProfiles.id, name: companyProfiles.name });
    const mainProfile = profileRows.find((r) => r.name === spec.profiles[0].name);
    if (!mainProfile) throw new Error(`Seeding the profile of ${spec.name} returned no row.`);
    seeded.profileIds.set(spec.key, mainProfile.id);

    const group = single(
      await tx
        .insert(distributionGroups)
        .values({ ...spec.group, accountId: account.id, createdAt: since, updatedAt: since })
        .returning({ id: distributionGroups.id }),
      spec.group.name,
    );
    seeded.groupIds.set(spec.key, group.id);

    lines.push(
      `Seeded demo account ${spec.name} (${spec.country}): ${spec.customers.map((c) => c.email).join(", ")} ` +
        `(password "${DEMO_PASSWORD}")`,
    );
  }
  return { ...seeded, lines };
}

function accountSpec(key: AccountKey): AccountSpec {
  const spec = ACCOUNTS.find((a) => a.key === key);
  if (!spec) throw new Error(`Demo data refers to unknown account ${key}.`);
  return spec;
}

function required<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Demo data refers to unknown ${String(key)}.`);
  return value;
}

async function insertRequest(
  tx: Tx,
  spec: RequestSpec,
  seeded: Seeded,
  references: Map<string, string>,
): Promise<string> {
  const { history } = spec;
  const first = history[0];
  const last = history[history.length - 1] ?? first;
  const accountId = required(seeded.accountIds, spec.account);
  const groupId = spec.useDistributionGroup ? required(seeded.groupIds, spec.account) : null;
  // The request shows the latest date the donor proposed, as the delay transition leaves it.
  const firstPossiblePortingDate = history.findLast((s) => s.firstPossiblePortingDate)?.firstPossiblePortingDate ?? null;
  const comment =
    typeof spec.comment === "function" ? spec.comment((key) => required(references, key)) : (spec.comment ?? null);

  const request = single(
    await tx
      .insert(portingRequests)
      .values({
        accountId,
        companyProfileId: required(seeded.profileIds, spec.account),
        country: accountSpec(spec.account).country,
        numberType: spec.numberType,
        currentProvider: spec.currentProvider,
        preferredPortingDate: spec.preferredPortingDate ?? null,
        firstPossiblePortingDate,
        contractScenario: spec.contractScenario ?? null,
        callbackUrl: spec.callbackUrl ?? null,
        distributionGroupId: groupId,
        comment,
        resubmissionOfId: spec.resubmissionOf
          ? sql`(select id from porting_requests where reference = ${required(references, spec.resubmissionOf)})`
          : null,
        status: last.to,
        statusReason: last.reason,
        statusChangedAt: last.at,
        version: history.length,
        createdAt: first.at,
        updatedAt: last.at,
      })
      .returning({ id: portingRequests.id, reference: portingRequests.reference }),
    spec.key,
  );
  references.set(spec.key, request.reference);

  const open = OPEN_STATUSES.includes(last.to);
  await tx.insert(portingRequestNumbers).values(
    spec.numbers.map((number, position) => ({
      portingRequestId: request.id,
      accountId,
      number,
      type: spec.numberType,
      position,
      open,
    })),
  );

  await tx.insert(portingRequestEvents).values(
    history.map((step, i) => {
      const customer = step.actor === "support" ? null : required(seeded.customers, step.actor);
      const actor = customer
        ? { actorUserId: customer.id, actorRole: "customer" as const, actorName: customer.name }
        : { actorUserId: seeded.supportId, actorRole: "support" as const, actorName: "Sam Support" };
      return {
        portingRequestId: request.id,
        fromStatus: i === 0 ? null : (history[i - 1]?.to ?? null),
        toStatus: step.to,
        reason: step.reason,
        firstPossiblePortingDate: step.firstPossiblePortingDate ?? null,
        // The database requires a code on every Blocked event; the profile is as it still is.
        rejection: step.to === "blocked" ? { codes: step.rejectionCodes ?? [{ code: "other" as const, numbers: [] }], profile: null } : null,
        ...actor,
        createdAt: step.at,
      };
    }),
  );

  // Completion assigns the numbers to the voice account with the request's group, as the real
  // transition does in its own transaction.
  if (last.to === "completed") {
    await tx.insert(voiceNumbers).values(
      spec.numbers.map((number) => ({
        accountId,
        number,
        type: spec.numberType,
        distributionGroupId: groupId,
        portingRequestId: request.id,
        createdAt: last.at,
      })),
    );
  }
  // The emails (kept, never sent) and latest callback the workflow would have left.
  await recordSeededNotifications(tx, request.id);
  return request.reference;
}

/**
 * Seeds the demo data set into a database that has no accounts and no users; otherwise changes
 * nothing. Safe when several app instances start at once: exactly one of them seeds.
 */
export async function seedDemoData(db: Db, options: { log?: (s: string) => void } = {}): Promise<{ seeded: boolean }> {
  const lines = await db.transaction(async (tx) => {
    // Held until commit: a second starter waits here, then sees the rows and leaves.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [state] = await tx.execute<{ has_data: boolean }>(
      sql`select exists (select 1 from ${accounts}) or exists (select 1 from ${users}) as has_data`,
    );
    if (!state || state.has_data) return null;

    const now = new Date();
    // Hashed once and shared: Argon2id is deliberately slow, and every demo login has one password.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const seeded = await insertPeople(tx, passwordHash, new Date(now.getTime() - 90 * DAY));

    // Oldest first, so references (a global sequence) grow with the creation time, as in real use.
    const specs = demoRequests(now).sort((a, b) => a.history[0].at.getTime() - b.history[0].at.getTime());
    const references = new Map<string, string>();
    const byStatus = new Map<string, string[]>();
    for (const spec of specs) {
      const reference = await insertRequest(tx, spec, seeded, references);
      const status = `${spec.account} ${(spec.history[spec.history.length - 1] ?? spec.history[0]).to}`;
      byStatus.set(status, [...(byStatus.get(status) ?? []), reference]);
    }

    // The status tabs read these; transitions keep them current from here on.
    await tx.execute(sql`
      insert into porting_request_counts (account_id, status, count)
      select account_id, status, count(*)::int from porting_requests group by account_id, status`);

    return [
      ...seeded.lines,
      `Seeded ${specs.length} demo porting requests: ${[...byStatus].map(([s, refs]) => `${s} ${refs.join(" ")}`).join("; ")}`,
    ];
  });

  // Logged after the commit, so a rolled-back seed never claims to have created anything.
  if (!lines) return { seeded: false };
  for (const line of lines) options.log?.(line);
  return { seeded: true };
}

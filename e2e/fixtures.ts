import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { test as base, expect, request as requestFactory, type APIRequestContext } from "@playwright/test";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../db/schema";
import { insertApiKey } from "../lib/auth/api-key-tokens";
import { hashPassword } from "../lib/auth/password";
import { baseURL, dataDir } from "./settings";
import { PASSWORD, logins } from "./support";

// Each test makes the rows it changes, so no spec depends on another's order or leftovers and
// specs may run side by side. A `tenant` is a fresh customer account, made for the one test that
// asks for it: the account and its two users are inserted into the server's own database (there is
// no API for accounts), everything else goes through the REST API with the account's key, and
// status changes with a support key, the way an integrator and support would make them. The seeded
// demo accounts are only read by the specs (the story, which plays the demo, is the exception).

type Orm = ReturnType<typeof drizzle<typeof schema>>;
type Country = "NL" | "DE";

export type User = { email: string; name: string };
export type Created = { id: string; reference: string; status: string; version: number; phoneNumbers: { number: string }[] };
export type Profile = { id: string; name: string };

export const auth = (key: string) => ({ authorization: `Bearer ${key}` });

type DocumentKind = "letter_of_authorisation" | "invoice";

/** A small PDF (by its first bytes, which is what the server checks). */
export const pdfFile = (name: string, text = name) => ({ name, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`) });

/**
 * POST /api/v1/documents (multipart) with a customer key: an upload a create names in
 * `documents: [{ id }]`. Every country requires a letter of authorisation, so every API create does.
 */
export async function uploadDocument(api: APIRequestContext, key: string, kind: DocumentKind = "letter_of_authorisation", name = "letter-of-authorisation.pdf") {
  const response = await api.post("/api/v1/documents", { headers: auth(key), multipart: { kind, file: pdfFile(name, `${kind} ${randomBytes(4).toString("hex")}`) } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; fileName: string };
}

/** A random number of the country in E.164 (a fixed area code; first subscriber digit 2–9). */
export function randomNumber(country: Country = "NL"): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");
  const first = String(2 + Math.floor(Math.random() * 8));
  return country === "NL" ? `+3120${first}${digits(6)}` : `+4930${first}${digits(7)}`;
}

/** A date `days` ahead: as date fields and the API take it, and as the pages write it. */
export function dateAhead(days: number) {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const text = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
  return { iso, text };
}

const PROFILES: Record<Country, Record<string, unknown>> = {
  NL: {
    companyName: "E2E B.V.",
    registrationNumber: "34123456",
    representativeFirstName: "Anna",
    representativeLastName: "de Vries",
    street: "Herengracht 182",
    postalCode: "1016 BR",
    city: "Amsterdam",
    addressCountry: "NL",
    country: "NL",
    numberTypes: ["geographic", "national", "toll_free"],
    notificationEmails: ["ops@e2e.test"],
  },
  DE: {
    companyName: "E2E GmbH",
    registrationNumber: "HRB 123456 B",
    vatNumber: "DE123456789",
    representativeFirstName: "Jonas",
    representativeLastName: "Weber",
    street: "Friedrichstraße 68",
    postalCode: "10117",
    city: "Berlin",
    addressCountry: "DE",
    country: "DE",
    numberTypes: ["geographic", "toll_free"],
    notificationEmails: ["porting@e2e.test"],
  },
};

export class Tenant {
  constructor(
    readonly api: APIRequestContext,
    readonly supportKey: string,
    readonly accountId: string,
    readonly name: string,
    readonly country: Country,
    /** An admin and a member of the account; both sign in with the demo password. */
    readonly admin: User,
    readonly member: User,
    /** A customer API key of the admin. */
    readonly key: string,
    /** The distribution group completed numbers ring. */
    readonly group: { id: string; name: string },
  ) {}

  /** A profile that meets the country's requirements; every request uses it unless told otherwise. */
  profile: Profile = { id: "", name: "" };

  /** POST /company-profiles with the complete profile's fields, overridden by `fields`. */
  async createProfile(fields: Record<string, unknown>): Promise<Profile> {
    const response = await this.api.post("/api/v1/company-profiles", { headers: auth(this.key), data: { ...PROFILES[this.country], ...fields } });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as Profile;
  }

  /** POST /documents (multipart): a document of the account, for a create's `documents: [{ id }]`. */
  uploadDocument(kind: DocumentKind = "letter_of_authorisation", name = "letter-of-authorisation.pdf"): Promise<{ id: string; fileName: string }> {
    return uploadDocument(this.api, this.key, kind, name);
  }

  /**
   * POST /porting-requests: one random number of the account's country, the complete profile, the
   * group, and a letter of authorisation (every country requires one) uploaded first.
   */
  async createRequest(fields: Record<string, unknown> = {}): Promise<Created> {
    const data = {
      country: this.country,
      numberType: "geographic",
      companyProfileId: this.profile.id,
      distributionGroupId: this.group.id,
      phoneNumbers: [randomNumber(this.country)],
      currentProvider: this.country === "NL" ? "KPN" : "Deutsche Telekom",
      ...(fields.documents === undefined ? { documents: [{ id: (await this.uploadDocument()).id }] } : {}),
      ...fields,
    };
    const response = await this.api.post("/api/v1/porting-requests", {
      headers: { ...auth(this.key), "idempotency-key": `e2e-${randomBytes(8).toString("hex")}` },
      data,
    });
    expect(response.status(), await response.text()).toBe(201);
    return (await response.json()) as Created;
  }

  /** Support moves a request on (POST /transitions with the support key). */
  async move(id: string, to: string, reason: string, firstPossiblePortingDate?: string): Promise<Created> {
    const response = await this.api.post(`/api/v1/porting-requests/${id}/transitions`, {
      headers: auth(this.supportKey),
      data: { to, reason, ...(firstPossiblePortingDate ? { firstPossiblePortingDate } : {}) },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as Created;
  }

  /** Support rejects a request (POST /transitions to blocked) with rejection codes, as GET /rejection-codes lists them. */
  async reject(id: string, reason: string, rejectionCodes: unknown[] = ["other"]): Promise<Created> {
    const response = await this.api.post(`/api/v1/porting-requests/${id}/transitions`, {
      headers: auth(this.supportKey),
      data: { to: "blocked", reason, rejectionCodes },
    });
    expect(response.status(), await response.text()).toBe(200);
    return (await response.json()) as Created;
  }

  /** A new request walked to `status` the way support would: accepted, then delayed or marked ready (NL). */
  async requestIn(status: "requested" | "in_progress" | "delayed" | "ready_to_be_ported" | "completed", fields: Record<string, unknown> = {}): Promise<Created> {
    let request = await this.createRequest(fields);
    if (status === "requested") return request;
    request = await this.move(request.id, "in_progress", "Documents verified, request submitted to the current provider");
    if (status === "delayed") return this.move(request.id, "delayed", "The current provider proposed a later date", dateAhead(30).iso);
    if (status === "ready_to_be_ported") return this.move(request.id, "ready_to_be_ported", "Donor agreed; ready for porting");
    if (status === "completed") {
      if (this.country !== "NL") return this.move(request.id, "completed", "Ported by the current provider");
      await this.move(request.id, "ready_to_be_ported", "Donor agreed; ready for porting");
      const response = await this.api.post(`/api/v1/porting-requests/${request.id}/perform`, { headers: auth(this.key) });
      expect(response.status(), await response.text()).toBe(200);
      return (await response.json()) as Created;
    }
    return request;
  }
}

/** The customer's role in the account, where the schema has one (accounts and access are being built). */
const accountRole = (role: "admin" | "member") => ("accountRole" in schema.users ? { accountRole: role } : {});

type WorkerFixtures = { orm: Orm; passwordHash: string; supportKey: string };
type TestFixtures = { tenant: (country?: Country) => Promise<Tenant> };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  orm: [
    async ({}, provide) => {
      // The embedded PostgreSQL the e2e server started, as recorded in its data directory.
      const recorded = JSON.parse(readFileSync(path.join(dataDir, "embedded-postgres.json"), "utf8")) as { port: number; password: string };
      const client = postgres(`postgres://postgres:${recorded.password}@127.0.0.1:${recorded.port}/postgres`, { max: 2, onnotice: () => {} });
      await provide(drizzle(client, { schema }));
      await client.end({ timeout: 5 });
    },
    { scope: "worker" },
  ],
  passwordHash: [async ({}, provide) => provide(await hashPassword(PASSWORD)), { scope: "worker" }],
  supportKey: [
    async ({ orm }, provide) => {
      const [support] = await orm.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, logins.support));
      if (!support) throw new Error(`The demo support user ${logins.support} is missing`);
      await provide((await insertApiKey(orm, { id: support.id, accountId: null }, "E2E support fixture")).key);
    },
    { scope: "worker" },
  ],
  tenant: async ({ orm, passwordHash, supportKey }, provide) => {
    const contexts: APIRequestContext[] = [];
    await provide(async (country = "NL") => {
      const tag = randomBytes(4).toString("hex");
      const name = `${country === "NL" ? "Tenant" : "Mandant"} ${tag} ${country === "NL" ? "B.V." : "GmbH"}`;
      const [account] = await orm
        .insert(schema.accounts)
        .values({ name, country, signingSecret: `whsec_${randomBytes(24).toString("base64")}` })
        .returning({ id: schema.accounts.id });
      const admin = { email: `admin-${tag}@e2e.test`, name: `Ada ${tag}` };
      const member = { email: `member-${tag}@e2e.test`, name: `Max ${tag}` };
      const [adminRow] = await orm
        .insert(schema.users)
        .values([
          { ...admin, role: "customer", accountId: account!.id, ...accountRole("admin"), passwordHash },
          { ...member, role: "customer", accountId: account!.id, ...accountRole("member"), passwordHash },
        ] as (typeof schema.users.$inferInsert)[])
        .returning({ id: schema.users.id });
      const key = (await insertApiKey(orm, { id: adminRow!.id, accountId: account!.id }, "E2E fixture")).key;
      const groupName = country === "NL" ? "Amsterdam office" : "Berlin Zentrale";
      const [group] = await orm
        .insert(schema.distributionGroups)
        .values({ accountId: account!.id, name: groupName, destinations: [country === "NL" ? "+31201234599" : "+493020188099"] })
        .returning({ id: schema.distributionGroups.id });
      const api = await requestFactory.newContext({ baseURL });
      contexts.push(api);
      const tenant = new Tenant(api, supportKey, account!.id, name, country, admin, member, key, { id: group!.id, name: groupName });
      tenant.profile = await tenant.createProfile({ name: country === "NL" ? "Head office" : "Zentrale", companyName: name });
      return tenant;
    });
    await Promise.all(contexts.map((c) => c.dispose()));
  },
});

export { expect };

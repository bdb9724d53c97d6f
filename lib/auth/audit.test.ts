import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";

// API calls resolve their caller from the key; only the cookie lookup needs replacing.
vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { accounts, auditEvents, companyProfiles, distributionGroups } from "@/db/schema";
import { createAccount } from "@/lib/accounts/accounts";
import type { CustomerActor } from "@/lib/auth/actor";
import { createCompanyProfile } from "@/lib/company-profiles/create-company-profile";
import { deleteCompanyProfile } from "@/lib/company-profiles/delete-company-profile";
import { updateCompanyProfile } from "@/lib/company-profiles/update-company-profile";
import { createDistributionGroup } from "@/lib/distribution-groups/create-distribution-group";
import { deleteDistributionGroup } from "@/lib/distribution-groups/delete-distribution-group";
import { updateDistributionGroup } from "@/lib/distribution-groups/update-distribution-group";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { getSigningSecret, retirePreviousSigningSecret, rotateSigningSecret } from "@/lib/notifications/signing-secret";
import { callJson, keyFor } from "@/test/api/client";
import { createCustomer, createSupport, createTenant, insertRequestInStatus } from "@/test/factories";

// The audit log of the changes outside accounts-and-access proper (issue 12 item 5): signing
// secrets, company profiles and distribution groups. Each change writes its entry in its own
// transaction, so a change that fails records nothing, and an entry that cannot be written takes
// the change down with it (a trigger refuses the entry; the change must be gone too). The entries
// say what changed and never a secret.

let admin: CustomerActor;
let member: CustomerActor;

beforeAll(async () => {
  const tenant = await createTenant("NL", "Audit B.V.");
  admin = tenant.customer;
  member = await createCustomer(tenant.account, "Mo Member", "member");
});

const entries = (objectId: string) =>
  getDb().select().from(auditEvents).where(eq(auditEvents.objectId, objectId)).orderBy(auditEvents.createdAt, auditEvents.id);

const entriesOf = (accountId: string, action: string) =>
  getDb().select().from(auditEvents).where(and(eq(auditEvents.accountId, accountId), eq(auditEvents.action, action)));

const refusals: string[] = [];

/** Makes the database refuse the audit entry of `action` (the change's transaction must then roll back). */
async function refuseAuditOf(action: string) {
  const name = `refuse_${action.replace(/\W/g, "_")}`;
  await getDb().execute(
    sql.raw(`create or replace function refuse_audit() returns trigger language plpgsql as $$
      begin raise exception 'audit refused for the test'; end $$`),
  );
  await getDb().execute(sql.raw(`create trigger ${name} before insert on audit_events for each row when (new.action = '${action}') execute function refuse_audit()`));
  refusals.push(name);
}

async function allowAudits() {
  for (const name of refusals.splice(0)) await getDb().execute(sql.raw(`drop trigger if exists ${name} on audit_events`));
}

afterEach(allowAudits);

const profileInput = (name: string) => ({
  name,
  companyName: "Audit B.V.",
  registrationNumber: "34123456",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  street: "Herengracht 182",
  postalCode: "1016 BR",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL" as const,
  numberTypes: ["geographic" as const],
  notificationEmails: ["ops@audit.test"],
});

describe("signing secrets", () => {
  test("an account is made with its secret: both are in the log, the secret is not", async () => {
    const support = await createSupport();
    const account = await createAccount(support, { name: "Fresh B.V.", country: "NL" });
    const log = await entries(account.id);
    expect(log.map((e) => [e.action, e.objectType])).toEqual(
      expect.arrayContaining([
        ["account.created", "account"],
        ["signing_secret.created", "signing_secret"],
      ]),
    );
    const [row] = await getDb().select({ secret: accounts.signingSecret }).from(accounts).where(eq(accounts.id, account.id));
    expect(JSON.stringify(log)).not.toContain(row!.secret);
    expect(JSON.stringify(log)).not.toContain("whsec_");
  });

  test("rotating and retiring are an admin's, each recorded once without the secrets", async () => {
    const before = await getSigningSecret(member);
    await expect(rotateSigningSecret(member)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(retirePreviousSigningSecret(member)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getSigningSecret(member)).secret).toBe(before.secret);
    expect(await entriesOf(admin.accountId, "signing_secret.rotated")).toEqual([]);

    const rotated = await rotateSigningSecret(admin);
    const [entry] = await entriesOf(admin.accountId, "signing_secret.rotated");
    expect(entry).toMatchObject({ actorUserId: admin.userId, actorRole: "customer:admin", objectType: "signing_secret", objectId: admin.accountId });
    expect(entry!.changes).toEqual({ previousSignsUntil: rotated.previousValidUntil });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(rotated.secret);
    expect(text).not.toContain(before.secret);

    await retirePreviousSigningSecret(admin);
    await retirePreviousSigningSecret(admin); // nothing left to retire: nothing to record
    const retired = await entriesOf(admin.accountId, "signing_secret.previous_retired");
    expect(retired).toHaveLength(1);
    expect(retired[0]!.changes).toEqual({ previousSignsUntil: { from: rotated.previousValidUntil, to: null } });
  });

  test("a rotation whose entry cannot be written does not happen", async () => {
    const before = await getSigningSecret(admin);
    await refuseAuditOf("signing_secret.rotated");
    await expect(rotateSigningSecret(admin)).rejects.toThrow();
    expect(await getSigningSecret(admin)).toEqual(before);
  });
});

describe("company profiles", () => {
  test("create, update and delete are recorded with what changed; refused changes record nothing", async () => {
    const created = await createCompanyProfile(admin, profileInput("Audited office"));
    const [made] = await entries(created.id);
    expect(made).toMatchObject({ action: "company_profile.created", accountId: admin.accountId, actorUserId: admin.userId, actorApiKeyId: null });
    expect(made!.changes).toMatchObject({ name: "Audited office", companyName: "Audit B.V.", city: "Amsterdam", notificationEmails: ["ops@audit.test"] });

    await updateCompanyProfile(member, created.id, { city: "Haarlem", postalCode: "2011 AB" });
    const updated = (await entries(created.id)).filter((e) => e.action === "company_profile.updated");
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({ actorUserId: member.userId, actorRole: "customer:member" });
    expect(updated[0]!.changes).toEqual({ name: "Audited office", city: { from: "Amsterdam", to: "Haarlem" }, postalCode: { from: "1016 BR", to: "2011 AB" } });

    // Refused or empty changes: no entries.
    await expect(updateCompanyProfile(admin, created.id, { postalCode: "ABCDEF" })).rejects.toBeInstanceOf(ValidationError);
    await updateCompanyProfile(admin, created.id, { city: "Haarlem" });
    await expect(createCompanyProfile(admin, profileInput("Audited office"))).rejects.toBeInstanceOf(ValidationError);
    expect((await entries(created.id)).map((e) => e.action)).toEqual(["company_profile.created", "company_profile.updated"]);

    const used = await createCompanyProfile(admin, profileInput("In use"));
    await insertRequestInStatus({ accountId: admin.accountId, status: "requested", companyProfileId: used.id });
    await expect(deleteCompanyProfile(admin, used.id)).rejects.toBeInstanceOf(ConflictError);
    expect((await entries(used.id)).map((e) => e.action)).toEqual(["company_profile.created"]);

    await deleteCompanyProfile(admin, created.id);
    const deleted = (await entries(created.id)).at(-1)!;
    expect(deleted).toMatchObject({ action: "company_profile.deleted", changes: { name: "Audited office", companyName: "Audit B.V.", country: "NL" } });
  });

  test("through the API the entry names the key", async () => {
    const key = await keyFor(admin, "audit script");
    const response = await callJson("POST", "/company-profiles", { key, json: profileInput("By key") });
    expect(response.status).toBe(201);
    const [entry] = await entries(response.body.id as string);
    expect(entry).toMatchObject({ action: "company_profile.created", actorUserId: admin.userId, actorApiKeyId: expect.any(String) });
    const events = await callJson<{ data: { action: string; actor: { apiKey: { name: string } | null } }[] }>("GET", `/accounts/${admin.accountId}/audit-events`, { key });
    expect(events.body.data[0]).toMatchObject({ action: "company_profile.created", actor: { apiKey: { name: "audit script" } } });
  });

  test("a change whose entry cannot be written is not stored", async () => {
    await refuseAuditOf("company_profile.created");
    await expect(createCompanyProfile(admin, profileInput("Never stored"))).rejects.toThrow();
    expect(await getDb().select().from(companyProfiles).where(eq(companyProfiles.name, "Never stored"))).toEqual([]);
    await allowAudits();

    const kept = await createCompanyProfile(admin, profileInput("Kept as it was"));
    await refuseAuditOf("company_profile.updated");
    await expect(updateCompanyProfile(admin, kept.id, { city: "Utrecht" })).rejects.toThrow();
    await refuseAuditOf("company_profile.deleted");
    await expect(deleteCompanyProfile(admin, kept.id)).rejects.toThrow();
    const [row] = await getDb().select().from(companyProfiles).where(eq(companyProfiles.id, kept.id));
    expect(row?.city).toBe("Amsterdam");
  });
});

describe("distribution groups", () => {
  test("create, update and delete are recorded with what changed; refused changes record nothing", async () => {
    const group = await createDistributionGroup(admin, { name: "Audited reception", destinations: ["020 123 4567", "sip:desk@pbx.audit.test"] });
    const [made] = await entries(group.id);
    expect(made).toMatchObject({ action: "distribution_group.created", changes: { name: "Audited reception", destinations: ["+31201234567", "sip:desk@pbx.audit.test"] } });

    await updateDistributionGroup(member, group.id, { destinations: ["sip:desk@pbx.audit.test"] });
    await expect(updateDistributionGroup(admin, group.id, { destinations: [] })).rejects.toBeInstanceOf(ValidationError);
    await updateDistributionGroup(admin, group.id, { name: "Audited reception" });
    await expect(createDistributionGroup(admin, { name: "audited RECEPTION", destinations: ["sip:x@pbx.audit.test"] })).rejects.toBeInstanceOf(ValidationError);
    const log = await entries(group.id);
    expect(log.map((e) => e.action)).toEqual(["distribution_group.created", "distribution_group.updated"]);
    expect(log[1]).toMatchObject({
      actorUserId: member.userId,
      changes: { name: "Audited reception", destinations: { from: ["+31201234567", "sip:desk@pbx.audit.test"], to: ["sip:desk@pbx.audit.test"] } },
    });

    await deleteDistributionGroup(admin, group.id);
    expect((await entries(group.id)).at(-1)).toMatchObject({ action: "distribution_group.deleted", changes: { name: "Audited reception" } });
  });

  test("a change whose entry cannot be written is not stored", async () => {
    await refuseAuditOf("distribution_group.created");
    await expect(createDistributionGroup(admin, { name: "Never made", destinations: ["sip:a@pbx.audit.test"] })).rejects.toThrow();
    expect(await getDb().select().from(distributionGroups).where(eq(distributionGroups.name, "Never made"))).toEqual([]);
    await allowAudits();

    const group = await createDistributionGroup(admin, { name: "Stays", destinations: ["sip:a@pbx.audit.test"] });
    await refuseAuditOf("distribution_group.updated");
    await expect(updateDistributionGroup(admin, group.id, { name: "Renamed" })).rejects.toThrow();
    await refuseAuditOf("distribution_group.deleted");
    await expect(deleteDistributionGroup(admin, group.id)).rejects.toThrow();
    const [row] = await getDb().select().from(distributionGroups).where(eq(distributionGroups.id, group.id));
    expect(row?.name).toBe("Stays");
  });
});

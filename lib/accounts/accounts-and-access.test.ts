import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

// The API is called with keys; only the cookie lookup (which needs a live Next.js request) is replaced.
vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { auditEvents, emailMessages, invitations, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { checkCredentials, loadActor } from "@/lib/auth/users";
import { appUrl } from "@/lib/env";
import type { NotificationWorker } from "@/lib/notifications/worker";
import { callJson, keyFor } from "@/test/api/client";
import { createAccount, createCustomer, createSupport, createTenant } from "@/test/factories";
import { startMailCatcher, type CaughtMail, type MailCatcher } from "@/test/mail-catcher";
import { testWorker, until } from "@/test/notifications";
import { acceptInvitation, describeInvitationLink } from "./invitations";
import { isCommonPassword } from "./password-policy";
import { changePassword, requestPasswordReset, resetPassword, signOutEverywhere } from "./passwords";

// Accounts and access (issue 12) through the real API handlers, verbs, worker and SMTP receiver:
// support onboards an account, people are invited and accept, users are managed, passwords reset,
// and every change is in the audit log. Plus the attacks: used and expired links, a member
// inviting, another account's ids, parallel accepts.

let mail: MailCatcher;
let worker: NotificationWorker;

beforeAll(async () => {
  mail = await startMailCatcher();
  worker = testWorker({ smtpUrl: mail.url, mailFrom: "Voice Porting <porting@voice.test>" });
  await worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await mail?.close();
});

const PASSWORD = "tulip canal bicycle 42";

async function mailTo(address: string, subject: RegExp): Promise<CaughtMail> {
  return until(() => [...mail.messages].reverse().find((m) => m.to.includes(address) && subject.test(m.subject)), 10_000, `mail to ${address}`);
}

function tokenIn(message: CaughtMail, path: "invitations" | "reset-password"): string {
  const match = new RegExp(`${appUrl().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/${path}/([A-Za-z0-9_-]{43})`).exec(message.text);
  if (!match) throw new Error(`no ${path} link in: ${message.text}`);
  return match[1]!;
}

const unique = () => Math.random().toString(36).slice(2, 10);

async function supportKey() {
  return keyFor(await createSupport());
}

async function tenantWithMember() {
  const { account, customer: admin } = await createTenant();
  const member = await createCustomer(account, `Member ${unique()}`, "member");
  return { account, admin, member, adminKey: await keyFor(admin), memberKey: await keyFor(member) };
}

describe("accounts by support", () => {
  test("support creates, lists and reads accounts; a customer reads only its own", async () => {
    const key = await supportKey();
    await createAccount({ name: "Older account" });
    const created = await callJson("POST", "/accounts", { key, json: { name: "Initech B.V.", country: "NL" } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), name: "Initech B.V.", country: "NL", createdAt: expect.any(String) });
    const id = created.body.id as string;

    const list = await callJson<{ data: { id: string }[]; nextCursor: string | null }>("GET", "/accounts", { key, query: { limit: "1" } });
    expect(list.status).toBe(200);
    expect(list.body.data.map((a) => a.id)).toEqual([id]);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const second = await callJson<{ data: { id: string }[] }>("GET", "/accounts", { key, query: { limit: "1", cursor: list.body.nextCursor! } });
    expect(second.body.data[0]?.id).not.toBe(id);

    expect((await callJson("GET", `/accounts/${id}`, { key })).body).toMatchObject({ id, name: "Initech B.V." });

    const { account, customer } = await createTenant();
    const customerKey = await keyFor(customer);
    expect((await callJson("GET", `/accounts/${account.id}`, { key: customerKey })).status).toBe(200);
    expect((await callJson("GET", `/accounts/${id}`, { key: customerKey })).status).toBe(404);
    expect((await callJson("GET", "/accounts/not-a-uuid", { key: customerKey })).status).toBe(404);
    expect((await callJson("POST", "/accounts", { key: customerKey, json: { name: "Mine", country: "NL" } })).status).toBe(403);
    expect((await callJson("GET", "/accounts", { key: customerKey })).status).toBe(403);

    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.objectId, id)).orderBy(auditEvents.action);
    expect(audit).toMatchObject([
      { action: "account.created", accountId: id, actorRole: "support", changes: { name: "Initech B.V.", country: "NL" } },
      { action: "signing_secret.created", accountId: id, objectType: "signing_secret", changes: {} },
    ]);
    expect(audit[0]!.actorApiKeyId).toEqual(expect.any(String));
  });

  test("a bad account names every field", async () => {
    const key = await supportKey();
    const bad = await callJson<{ errors: Record<string, string[]> }>("POST", "/accounts", { key, json: { name: " ", country: "US", plan: "gold" } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.errors).sort()).toEqual(["country", "name", "plan"]);
  });
});

describe("invitations", () => {
  test("an admin invites; the email arrives over SMTP with a link under APP_URL that sets a password once", async () => {
    const { account, adminKey } = await tenantWithMember();
    const email = `ines-${unique()}@example.test`;
    const created = await callJson("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email, name: "Ines", role: "member" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), email, name: "Ines", role: "member", expiresAt: expect.any(String) });
    const days = (Date.parse(created.body.expiresAt as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const message = await mailTo(email, /invited/);
    const token = tokenIn(message, "invitations");
    expect(message.html).toContain(`/invitations/${token}`);
    // Only the hash is stored.
    const [row] = await getDb().select().from(invitations).where(eq(invitations.id, created.body.id as string));
    expect(row!.tokenHash).not.toContain(token);

    expect(await describeInvitationLink(token)).toMatchObject({ state: "open", email, name: "Ines", role: "member" });
    await expect(acceptInvitation({ token, password: "short", confirmPassword: "short" })).rejects.toMatchObject({ fieldErrors: { password: expect.any(Array) } });
    const accepted = await acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD });
    expect(accepted.email).toBe(email);
    expect(await checkCredentials(email, PASSWORD)).toMatchObject({ ok: true, userId: accepted.userId });
    expect(await loadActor(accepted.userId)).toMatchObject({ role: "customer", accountId: account.id, accountRole: "member" });

    // Used: the link is spent, the page says so.
    expect(await describeInvitationLink(token)).toEqual({ state: "invalid" });
    await expect(acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD })).rejects.toMatchObject({ kind: "conflict" });

    const users = await callJson<{ data: { email: string; role: string }[] }>("GET", `/accounts/${account.id}/users`, { key: adminKey });
    expect(users.body.data.find((u) => u.email === email)).toMatchObject({ role: "member", disabled: false });
    const open = await callJson<{ data: unknown[] }>("GET", `/accounts/${account.id}/invitations`, { key: adminKey });
    expect(open.body.data).toEqual([]);
  });

  test("a member may not invite (403); another account's admin gets a 404; support may invite anywhere", async () => {
    const { account, memberKey } = await tenantWithMember();
    const other = await tenantWithMember();
    const body = { email: `x-${unique()}@example.test`, name: "X", role: "admin" };
    const member = await callJson("POST", `/accounts/${account.id}/invitations`, { key: memberKey, json: body });
    expect(member.status).toBe(403);
    expect((await callJson("POST", `/accounts/${account.id}/invitations`, { key: other.adminKey, json: body })).status).toBe(404);
    expect((await callJson("GET", `/accounts/${account.id}/users`, { key: other.adminKey })).status).toBe(404);
    expect((await callJson("GET", `/accounts/${account.id}/audit-events`, { key: other.adminKey })).status).toBe(404);
    expect((await callJson("GET", `/accounts/${account.id}/users`, { key: memberKey })).status).toBe(403);
    expect((await callJson("POST", `/accounts/${account.id}/invitations`, { key: await supportKey(), json: body })).status).toBe(201);
    expect((await callJson("POST", `/accounts/${crypto.randomUUID()}/invitations`, { key: await supportKey(), json: body })).status).toBe(404);
  });

  test("an email that already has a user, or an open invitation, is refused on the email field", async () => {
    const { account, admin, adminKey } = await tenantWithMember();
    const taken = await callJson<{ errors: Record<string, string[]> }>("POST", `/accounts/${account.id}/invitations`, {
      key: adminKey,
      json: { email: admin.email.toUpperCase(), name: "Dup", role: "member" },
    });
    expect(taken.status).toBe(422);
    expect(taken.body.errors.email?.[0]).toMatch(/already has a Voice Porting sign-in/);

    const email = `twice-${unique()}@example.test`;
    expect((await callJson("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email, name: "T", role: "member" } })).status).toBe(201);
    const again = await callJson<{ errors: Record<string, string[]> }>("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email, name: "T", role: "member" } });
    expect(again.status).toBe(422);
    expect(again.body.errors.email?.[0]).toMatch(/open invitation/);

    const bad = await callJson<{ errors: Record<string, string[]> }>("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email: "nope", name: "", role: "owner" } });
    expect(Object.keys(bad.body.errors).sort()).toEqual(["email", "name", "role"]);
  });

  test("expired, revoked and replaced links do not work; a resend sends a new one", async () => {
    const { account, adminKey } = await tenantWithMember();
    const email = `late-${unique()}@example.test`;
    const created = await callJson("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email, name: "Late", role: "member" } });
    const id = created.body.id as string;
    const first = tokenIn(await mailTo(email, /invited/), "invitations");

    await getDb().update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.id, id));
    expect(await describeInvitationLink(first)).toEqual({ state: "invalid" });
    await expect(acceptInvitation({ token: first, password: PASSWORD, confirmPassword: PASSWORD })).rejects.toMatchObject({ kind: "conflict" });
    const listed = await callJson<{ data: { id: string; expired: boolean }[] }>("GET", `/accounts/${account.id}/invitations`, { key: adminKey });
    expect(listed.body.data).toMatchObject([{ id, expired: true }]);

    mail.messages.length = 0;
    const resent = await callJson("POST", `/accounts/${account.id}/invitations/${id}/resend`, { key: adminKey });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ id, expired: false });
    const second = tokenIn(await mailTo(email, /invited/), "invitations");
    expect(second).not.toBe(first);
    expect(await describeInvitationLink(second)).toMatchObject({ state: "open" });

    expect((await callJson("POST", `/accounts/${account.id}/invitations/${id}/revoke`, { key: adminKey })).status).toBe(200);
    expect(await describeInvitationLink(second)).toEqual({ state: "invalid" });
    expect((await callJson("POST", `/accounts/${account.id}/invitations/${id}/revoke`, { key: adminKey })).status).toBe(409);
    const other = await tenantWithMember();
    expect((await callJson("POST", `/accounts/${other.account.id}/invitations/${id}/resend`, { key: other.adminKey })).status).toBe(404);

    const actions = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, id));
    expect(actions.map((a) => a.action).sort()).toEqual(["invitation.created", "invitation.resent", "invitation.revoked"]);
  });

  test("ten parallel accepts of one link: exactly one user", async () => {
    const { account, adminKey } = await tenantWithMember();
    const email = `race-${unique()}@example.test`;
    await callJson("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email, name: "Race", role: "admin" } });
    const token = tokenIn(await mailTo(email, /invited/), "invitations");
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ kind: "conflict" });
    const rows = await getDb().select().from(users).where(eq(sql`lower(${users.email})`, email));
    expect(rows).toHaveLength(1);
  });
});

describe("users", () => {
  test("role changes and disabling; the last enabled admin stays (409); a disabled user's session and key stop at once", async () => {
    const { account, admin, member, adminKey, memberKey } = await tenantWithMember();
    const demote = await callJson("PATCH", `/accounts/${account.id}/users/${admin.userId}`, { key: adminKey, json: { role: "member" } });
    expect(demote.status).toBe(409);
    expect((await callJson("PATCH", `/accounts/${account.id}/users/${admin.userId}`, { key: adminKey, json: { disabled: true } })).status).toBe(409);
    expect((await callJson("PATCH", `/accounts/${account.id}/users/${member.userId}`, { key: memberKey, json: { role: "admin" } })).status).toBe(403);
    const bad = await callJson<{ errors: Record<string, string[]> }>("PATCH", `/accounts/${account.id}/users/${member.userId}`, { key: adminKey, json: { role: "owner", email: "x@y.z" } });
    expect(bad.status).toBe(422);
    // An unknown field is named by itself, as everywhere in the API.
    expect(Object.keys(bad.body.errors).sort()).toEqual(["email", "role"]);

    const before = await callJson("GET", `/accounts/${account.id}`, { key: memberKey });
    expect(before.status).toBe(200);
    const [row] = await getDb().select({ v: users.sessionVersion }).from(users).where(eq(users.id, member.userId));
    expect(await loadActor(member.userId, row!.v)).not.toBeNull();

    const disabled = await callJson("PATCH", `/accounts/${account.id}/users/${member.userId}`, { key: adminKey, json: { disabled: true } });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ id: member.userId, disabled: true, role: "member" });
    // The member's open session (its JWT carries the old version) and its API key are refused now.
    expect(await loadActor(member.userId, row!.v)).toBeNull();
    expect((await callJson("GET", `/accounts/${account.id}`, { key: memberKey })).status).toBe(401);
    await getDb().update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, member.userId));
    expect(await checkCredentials(member.email, PASSWORD)).toEqual({ ok: false, reason: "invalid" });

    const promoted = await callJson("PATCH", `/accounts/${account.id}/users/${member.userId}`, { key: adminKey, json: { role: "admin", disabled: false } });
    expect(promoted.body).toMatchObject({ role: "admin", disabled: false });
    // Now the first admin may step down: another enabled admin remains.
    expect((await callJson("PATCH", `/accounts/${account.id}/users/${admin.userId}`, { key: adminKey, json: { role: "member" } })).status).toBe(200);

    const other = await tenantWithMember();
    expect((await callJson("PATCH", `/accounts/${account.id}/users/${other.member.userId}`, { key: await supportKey(), json: { role: "admin" } })).status).toBe(404);
    expect((await callJson("PATCH", `/accounts/${other.account.id}/users/${member.userId}`, { key: other.adminKey, json: { disabled: true } })).status).toBe(404);
  });

  test("two admins demoting each other at once: one stays admin", async () => {
    const account = await createAccount();
    const a = await createCustomer(account, "A", "admin");
    const b = await createCustomer(account, "B", "admin");
    const [ka, kb] = [await keyFor(a), await keyFor(b)];
    const results = await Promise.all([
      callJson("PATCH", `/accounts/${account.id}/users/${b.userId}`, { key: ka, json: { role: "member" } }),
      callJson("PATCH", `/accounts/${account.id}/users/${a.userId}`, { key: kb, json: { role: "member" } }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // The loser is either refused as the last admin (409) or, demoted already, no longer an admin (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const admins = await getDb().select().from(users).where(sql`${users.accountId} = ${account.id} and ${users.accountRole} = 'admin'`);
    expect(admins).toHaveLength(1);
  });
});

describe("passwords", () => {
  test("forgot password: the same answer for any email; the link works once, for an hour, and ends other sessions", async () => {
    const { customer } = await createTenant();
    await getDb().update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, customer.userId));
    const [{ v: before } = { v: 0 }] = await getDb().select({ v: users.sessionVersion }).from(users).where(eq(users.id, customer.userId));

    const countResetMails = async () => (await getDb().select().from(emailMessages).where(eq(emailMessages.kind, "password_reset"))).length;
    const mailsBefore = await countResetMails();
    await expect(requestPasswordReset({ email: `nobody-${unique()}@example.test` })).resolves.toBeUndefined();
    expect(await countResetMails()).toBe(mailsBefore);

    await expect(requestPasswordReset({ email: customer.email.toUpperCase() })).resolves.toBeUndefined();
    const token = tokenIn(await mailTo(customer.email, /Reset your/), "reset-password");

    const fresh = "new harbour lantern 7";
    await expect(resetPassword({ token, password: "password1234", confirmPassword: "password1234" })).rejects.toMatchObject({ fieldErrors: { password: [expect.stringMatching(/too common/)] } });
    await expect(resetPassword({ token, password: fresh, confirmPassword: `${fresh}!` })).rejects.toMatchObject({ fieldErrors: { confirmPassword: expect.any(Array) } });
    await expect(resetPassword({ token, password: fresh, confirmPassword: fresh })).resolves.toEqual({ email: customer.email });
    expect(await loadActor(customer.userId, before)).toBeNull();
    expect(await checkCredentials(customer.email, fresh)).toMatchObject({ ok: true });
    await expect(resetPassword({ token, password: "another long phrase 9", confirmPassword: "another long phrase 9" })).rejects.toMatchObject({ kind: "conflict" });

    // An hour later the link is dead.
    await requestPasswordReset({ email: customer.email });
    const late = tokenIn(await mailTo(customer.email, /Reset your/), "reset-password");
    await getDb().execute(sql`update password_reset_tokens set expires_at = now() - interval '1 second' where used_at is null`);
    await expect(resetPassword({ token: late, password: "another long phrase 9", confirmPassword: "another long phrase 9" })).rejects.toMatchObject({ kind: "conflict" });

    const audit = await getDb().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.objectId, customer.userId));
    expect(audit.map((a) => a.action)).toContain("user.password_reset");
  });

  test("change password needs the current one; it and sign-out-everywhere end the sessions", async () => {
    const { customer } = await createTenant();
    await getDb().update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, customer.userId));
    await expect(changePassword(customer, { currentPassword: "wrong", password: "river stone window 3", confirmPassword: "river stone window 3" })).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["This is not your current password."] },
    });
    await changePassword(customer, { currentPassword: PASSWORD, password: "river stone window 3", confirmPassword: "river stone window 3" });
    expect(await loadActor(customer.userId, 1)).toBeNull();
    expect(await loadActor(customer.userId, 2)).not.toBeNull();
    await signOutEverywhere(customer);
    expect(await loadActor(customer.userId, 2)).toBeNull();
    const audit = await getDb().select({ action: auditEvents.action, changes: auditEvents.changes }).from(auditEvents).where(eq(auditEvents.objectId, customer.userId));
    expect(audit.map((a) => a.action).sort()).toEqual(["user.password_changed", "user.signed_out_everywhere"]);
    expect(JSON.stringify(audit)).not.toMatch(/river|tulip/);
  });

  test("support staff change their own password and sign out everywhere the same way", async () => {
    const agent = await createSupport();
    await getDb().update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, agent.userId));
    await expect(changePassword(agent, { currentPassword: PASSWORD, password: "password1234", confirmPassword: "password1234" })).rejects.toMatchObject({
      fieldErrors: { password: expect.any(Array) },
    });
    await changePassword(agent, { currentPassword: PASSWORD, password: "harbour lantern oak 7", confirmPassword: "harbour lantern oak 7" });
    expect(await checkCredentials(agent.email, "harbour lantern oak 7")).toMatchObject({ ok: true, sessionVersion: 2 });
    expect(await loadActor(agent.userId, 1)).toBeNull();
    expect(await loadActor(agent.userId, 2)).toMatchObject({ role: "support" });
    await signOutEverywhere(agent);
    expect(await loadActor(agent.userId, 2)).toBeNull();
    // Support belongs to no account: the entries are outside every account's log.
    const audit = await getDb().select().from(auditEvents).where(eq(auditEvents.objectId, agent.userId));
    expect(audit.map((a) => [a.action, a.accountId, a.actorRole]).sort()).toEqual([
      ["user.password_changed", null, "support"],
      ["user.signed_out_everywhere", null, "support"],
    ]);
  });

  test("common passwords are refused however they are dressed", () => {
    for (const p of ["password1234", "Password2024!", "passwordpassword", "123456789012", "qwertyuiopas", "aaaaaaaaaaaa", "!!!baseball!!!"]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(isCommonPassword("tulip canal bicycle 42")).toBe(false);
  });
});

describe("audit log", () => {
  test("GET audit-events: newest first, keyset paged; admins their own, support any; members 403", async () => {
    const { account, adminKey, memberKey } = await tenantWithMember();
    for (const n of [1, 2, 3]) {
      await callJson("POST", `/accounts/${account.id}/invitations`, { key: adminKey, json: { email: `a${n}-${unique()}@example.test`, name: `N${n}`, role: "member" } });
    }
    const first = await callJson<{ data: { action: string; changes: { name: string }; actor: { apiKey: unknown } }[]; nextCursor: string }>("GET", `/accounts/${account.id}/audit-events`, {
      key: adminKey,
      query: { limit: "2" },
    });
    expect(first.status).toBe(200);
    expect(first.body.data.map((e) => e.changes.name)).toEqual(["N3", "N2"]);
    expect(first.body.data[0]!.actor.apiKey).toMatchObject({ prefix: expect.any(String), name: "test key" });
    const rest = await callJson<{ data: { changes: { name: string } }[]; nextCursor: string | null }>("GET", `/accounts/${account.id}/audit-events`, {
      key: await supportKey(),
      query: { limit: "2", cursor: first.body.nextCursor },
    });
    expect(rest.body.data.map((e) => e.changes.name)).toEqual(["N1"]);
    expect(rest.body.nextCursor).toBeNull();
    expect((await callJson("GET", `/accounts/${account.id}/audit-events`, { key: memberKey })).status).toBe(403);
    expect((await callJson("GET", `/accounts/${account.id}/audit-events`, { key: adminKey, query: { cursor: "garbage" } })).status).toBe(422);
  });
});

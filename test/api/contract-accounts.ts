import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { createCustomer, createTenant } from "@/test/factories";
import { keyFor } from "./client";
import type { ContractContext } from "./contract-conversation";

// The contract of accounts and access (issue 12): accounts, invitations, users and the audit log,
// each operation on success and on the refusals it documents, called from
// test/api/contract.test.ts so its "every documented status was exercised" check sees them. The
// behaviour in depth (emails over SMTP, links, sessions, races): lib/accounts/accounts-and-access.test.ts.

const unique = () => Math.random().toString(36).slice(2, 10);

export function accountsContract(ctx: Pick<ContractContext, "check" | "supportKey" | "customerKey" | "accountId">) {
  describe("accounts and access", () => {
    // A tenant of its own: users are disabled and demoted here, which the shared account must survive.
    let accountId: string;
    let adminKey: string;
    let memberKey: string;
    let memberId: string;
    let adminId: string;

    beforeAll(async () => {
      const { account, customer } = await createTenant("NL", `Contract people ${unique()}`);
      const member = await createCustomer(account, "Contract member", "member");
      accountId = account.id;
      adminId = customer.userId;
      memberId = member.userId;
      adminKey = await keyFor(customer);
      memberKey = await keyFor(member);
    });

    test("support creates, lists and reads accounts; a customer reads its own", async () => {
      const created = await ctx.check("createAccount", { key: ctx.supportKey(), json: { name: `Contract new ${unique()}`, country: "BE" } });
      expect(created.status).toBe(201);
      expect(created.body.country).toBe("BE");
      expect(created.headers.get("location")).toBe(`/api/v1/accounts/${created.body.id}`);
      const bad = await ctx.check("createAccount", { key: ctx.supportKey(), json: { name: "", country: "US", plan: "gold" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object).sort()).toEqual(["country", "name", "plan"]);

      const first = await ctx.check("listAccounts", { key: ctx.supportKey(), query: { limit: "1" } });
      expect((first.body.data as { id: string }[]).map((a) => a.id)).toEqual([created.body.id]);
      const second = await ctx.check("listAccounts", { key: ctx.supportKey(), query: { limit: "1", cursor: first.body.nextCursor as string } });
      expect((second.body.data as { id: string }[])[0]?.id).not.toBe(created.body.id);
      expect((await ctx.check("listAccounts", { key: ctx.supportKey(), query: { limit: "101" } })).status).toBe(422);

      expect((await ctx.check("getAccount", { key: ctx.supportKey(), params: { id: created.body.id as string } })).body).toEqual(created.body);
      expect((await ctx.check("getAccount", { key: ctx.customerKey(), params: { id: ctx.accountId() } })).body.id).toBe(ctx.accountId());
      expect((await ctx.check("getAccount", { key: memberKey, params: { id: accountId } })).status).toBe(200);
      expect((await ctx.check("getAccount", { key: ctx.customerKey(), params: { id: accountId } })).status).toBe(404);
    });

    test("invitations: create, list, resend, revoke, and their refusals", async () => {
      const email = `Invitee-${unique()}@Example.test`;
      const created = await ctx.check("createInvitation", { key: adminKey, params: { id: accountId }, json: { email, name: "Invitee", role: "member" } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: email.toLowerCase(), name: "Invitee", role: "member", expired: false });
      const invitationId = created.body.id as string;

      const member = await ctx.check("createInvitation", { key: memberKey, params: { id: accountId }, json: { email: `m-${unique()}@example.test`, name: "X", role: "admin" } });
      expect(member.status).toBe(403);
      const again = await ctx.check("createInvitation", { key: ctx.supportKey(), params: { id: accountId }, json: { email, name: "Invitee", role: "member" } });
      expect(again.status).toBe(422);
      expect(Object.keys(again.body.errors as object)).toEqual(["email"]);

      const list = await ctx.check("listInvitations", { key: ctx.supportKey(), params: { id: accountId } });
      expect((list.body.data as { id: string }[]).map((i) => i.id)).toEqual([invitationId]);
      expect((await ctx.check("listInvitations", { key: memberKey, params: { id: accountId } })).status).toBe(403);

      const resent = await ctx.check("resendInvitation", { key: adminKey, params: { id: accountId, invitationId } });
      expect(resent.status).toBe(200);
      expect(Date.parse(resent.body.expiresAt as string)).toBeGreaterThanOrEqual(Date.parse(created.body.expiresAt as string));
      expect((await ctx.check("resendInvitation", { key: memberKey, params: { id: accountId, invitationId } })).status).toBe(403);
      const unknown = await ctx.check("resendInvitation", { key: adminKey, params: { id: accountId, invitationId: crypto.randomUUID() } });
      expect(unknown.status).toBe(404);

      expect((await ctx.check("revokeInvitation", { key: memberKey, params: { id: accountId, invitationId } })).status).toBe(403);
      const revoked = await ctx.check("revokeInvitation", { key: adminKey, params: { id: accountId, invitationId } });
      expect(revoked.body).toEqual({ id: invitationId, revokedAt: expect.any(String) });
      expect((await ctx.check("revokeInvitation", { key: adminKey, params: { id: accountId, invitationId } })).status).toBe(409);
      expect((await ctx.check("resendInvitation", { key: adminKey, params: { id: accountId, invitationId } })).status).toBe(409);
      expect((await ctx.check("listInvitations", { key: adminKey, params: { id: accountId } })).body.data).toEqual([]);

      // Invited, then the address got a sign-in elsewhere: the resend names the email.
      const taken = await ctx.check("createInvitation", { key: adminKey, params: { id: accountId }, json: { email: `taken-${unique()}@example.test`, name: "Taken", role: "member" } });
      const { account: elsewhere } = await createTenant();
      await getDb().insert(users).values({ email: taken.body.email as string, name: "Taken", role: "customer", accountId: elsewhere.id, accountRole: "member", passwordHash: "x" });
      const refused = await ctx.check("resendInvitation", { key: adminKey, params: { id: accountId, invitationId: taken.body.id as string } });
      expect(refused.status).toBe(422);
      expect(Object.keys(refused.body.errors as object)).toEqual(["email"]);
    });

    test("users: list, change a role, disable; the last enabled admin stays", async () => {
      const list = await ctx.check("listAccountUsers", { key: adminKey, params: { id: accountId } });
      expect((list.body.data as { id: string; role: string }[]).map((u) => [u.id, u.role]).sort()).toEqual([[adminId, "admin"], [memberId, "member"]].sort());
      expect((await ctx.check("listAccountUsers", { key: memberKey, params: { id: accountId } })).status).toBe(403);
      expect((await ctx.check("listAccountUsers", { key: ctx.supportKey(), params: { id: accountId }, query: { limit: "0" } })).status).toBe(422);

      expect((await ctx.check("updateAccountUser", { key: memberKey, params: { id: accountId, userId: memberId }, json: { role: "admin" } })).status).toBe(403);
      const lastAdmin = await ctx.check("updateAccountUser", { key: adminKey, params: { id: accountId, userId: adminId }, json: { role: "member" } });
      expect(lastAdmin.status).toBe(409);
      expect(lastAdmin.body.detail).toContain("at least one enabled admin");
      const bad = await ctx.check("updateAccountUser", { key: adminKey, params: { id: accountId, userId: memberId }, json: { role: "owner", name: "x" } });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object).sort()).toEqual(["name", "role"]);
      expect((await ctx.check("updateAccountUser", { key: adminKey, params: { id: accountId, userId: crypto.randomUUID() }, json: { disabled: true } })).status).toBe(404);

      const disabled = await ctx.check("updateAccountUser", { key: ctx.supportKey(), params: { id: accountId, userId: memberId }, json: { disabled: true } });
      expect(disabled.body).toMatchObject({ id: memberId, role: "member", disabled: true, lastSignInAt: null });
      // The disabled member's key is refused at its next request.
      expect((await ctx.check("getAccount", { key: memberKey, params: { id: accountId } })).status).toBe(401);
    });

    test("the audit log: newest first, paged; admins and support only", async () => {
      const page = await ctx.check("listAuditEvents", { key: adminKey, params: { id: accountId }, query: { limit: "2" } });
      const events = page.body.data as { action: string; actor: { role: string; apiKey: { name: string } | null } }[];
      expect(events.map((e) => e.action)).toEqual(["user.disabled", "invitation.created"]);
      expect(events[0]!.actor).toMatchObject({ role: "support", apiKey: { name: "test key" } });
      const rest = await ctx.check("listAuditEvents", { key: ctx.supportKey(), params: { id: accountId }, query: { cursor: page.body.nextCursor as string } });
      expect((rest.body.data as { action: string }[]).map((e) => e.action)).toEqual(["invitation.revoked", "invitation.resent", "invitation.created"]);
      expect(rest.body.nextCursor).toBeNull();
      expect((await ctx.check("listAuditEvents", { key: memberKey, params: { id: accountId } })).status).toBe(401);
      expect((await ctx.check("listAuditEvents", { key: adminKey, params: { id: accountId }, query: { cursor: "nope" } })).status).toBe(422);
    });

    test("a member may not read the log (403)", async () => {
      const member = await createCustomer({ id: accountId }, "Second member", "member");
      expect((await ctx.check("listAuditEvents", { key: await keyFor(member), params: { id: accountId } })).status).toBe(403);
    });
  });
}

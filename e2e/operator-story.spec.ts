import { randomBytes } from "node:crypto";
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startOperatorInstance, type OperatorInstance } from "./operator-instance";

// Issue 12, "Done when", played as a new operator would on a fresh instance with real SMTP
// (e2e/operator-instance.ts): the first support user from `npm run create-user`; support creates
// an account on the page and another with the API; invites an admin, whose email arrives over
// SMTP and whose link sets a password and signs in; that admin invites a member from Settings →
// Team; the member forgets the password and resets it by email; support disables the member, and
// the member's open session and API key are refused at their next request; every step is in the
// audit log, for support and for the account's admin.

const PASSWORDS = {
  support: "lighthouse meadow copper 31",
  admin: "orchard violin harbour 58",
  member: "granite tulip saddle 24",
  memberReset: "pebble lantern willow 77",
};

// A whole operator's afternoon in one test, on a second server, on a machine the team shares: each
// step may wait up to a minute (signing in alone is two redirects: the action's, then / to home).
const expect = baseExpect.configure({ timeout: 60_000 });
const LANDING = { timeout: 60_000 };

let instance: OperatorInstance;
const contexts: BrowserContext[] = [];

test.beforeAll(async ({}, testInfo) => {
  test.setTimeout(240_000);
  instance = await startOperatorInstance({ outputDir: testInfo.outputDir });
});

test.afterAll(async () => {
  for (const context of contexts) await context.close();
  await instance?.stop();
});

async function person(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.baseURL });
  contexts.push(context);
  return context.newPage();
}

/** The password form of an invitation or reset link: twice, then submit; the link signs in. */
async function choosePassword(page: Page, password: string, submit: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("New password again").fill(password);
  await page.getByRole("button", { name: submit }).click();
}

async function createKeyInSettings(page: Page, name: string): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-api-key");
  const key = await panel.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^vp_[0-9a-f]{8}_/);
  await panel.getByRole("button", { name: "I've stored the key" }).click();
  return key;
}

test("a provider onboards a customer: accounts, invitations over SMTP, a reset, a disabled member, all in the audit log", async ({ browser, request }) => {
  test.setTimeout(600_000);
  const tag = randomBytes(3).toString("hex");
  const people = {
    support: { email: `olga-${tag}@provider.test`, name: "Olga Operator" },
    admin: { email: `ines-${tag}@initech.test`, name: "Ines Admin" },
    member: { email: `milo-${tag}@initech.test`, name: "Milo Member" },
  };
  const accountName = `Initech ${tag} B.V.`;
  const api = (path: string) => `${instance.baseURL}/api/v1${path}`;

  // The first support user: a one-time link from the command line, never a password.
  const setupLink = await instance.createUser(["--support", "--email", people.support.email, "--name", people.support.name]);
  const support = await person(browser);
  await support.goto(setupLink);
  await choosePassword(support, PASSWORDS.support, "Save password and sign in");
  await expect(support).toHaveURL(/\/support$/, LANDING);

  // Support creates the account on the page…
  await support.getByRole("navigation").getByRole("link", { name: "Accounts" }).first().click();
  await support.getByRole("link", { name: "New account" }).first().click();
  await support.getByLabel("Account name").fill(accountName);
  await support.getByLabel("Country").selectOption({ label: "Netherlands" });
  await support.getByRole("button", { name: "Create account" }).click();
  await expect(support.getByRole("heading", { level: 1, name: accountName })).toBeVisible();
  await expect(support.getByRole("status").filter({ hasText: "Account created" })).toBeVisible();
  const accountId = /\/support\/accounts\/([0-9a-f-]{36})/.exec(support.url())![1]!;

  // …and another through the API, with a support key made in Settings.
  const accountPage = support.url();
  await support.goto("/support/settings");
  const supportKey = await createKeyInSettings(support, "Onboarding script");
  const viaApi = await request.post(api("/accounts"), { headers: { authorization: `Bearer ${supportKey}` }, data: { name: `Hooli ${tag} GmbH`, country: "DE" } });
  expect(viaApi.status(), await viaApi.text()).toBe(201);
  const hooli = (await viaApi.json()) as { id: string; name: string };
  expect((await request.get(api(`/accounts/${hooli.id}`), { headers: { authorization: `Bearer ${supportKey}` } })).status()).toBe(200);
  await support.goto("/support/accounts");
  await expect(support.getByRole("link", { name: accountName })).toBeVisible();
  await expect(support.getByRole("link", { name: hooli.name })).toBeVisible();

  // Support invites the account's first admin; the email arrives over SMTP with a link under APP_URL.
  await support.goto(accountPage);
  const invite = support.getByRole("region", { name: "Invite someone" });
  await invite.getByLabel("Email").fill(people.admin.email);
  await invite.getByLabel("Name").fill(people.admin.name);
  await invite.getByLabel("Role").selectOption("admin");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByText(`Invitation sent to ${people.admin.email}.`)).toBeVisible();
  await expect(support.getByRole("region", { name: /Open invitations/ }).getByText(people.admin.email)).toBeVisible();
  const adminMail = await instance.mailTo(people.admin.email, /invited to/);
  expect(adminMail.from).toBe("porting@operator.test");
  const adminLink = instance.linkIn(adminMail, "invitations");

  const admin = await person(browser);
  await admin.goto(adminLink);
  await expect(admin.getByRole("heading", { name: `Join ${accountName}` })).toBeVisible();
  await choosePassword(admin, PASSWORDS.admin, "Set password and sign in");
  await expect(admin).toHaveURL(/\/porting-requests$/, LANDING);
  // The link was single use.
  const reopened = await person(browser);
  await reopened.goto(adminLink);
  await expect(reopened.getByRole("heading", { name: "This invitation link no longer works" })).toBeVisible();

  // The admin invites a member from Settings → Team.
  await admin.goto("/settings");
  await admin.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Team" }).click();
  const teamInvite = admin.getByRole("region", { name: "Invite someone" });
  await teamInvite.getByLabel("Email").fill(people.member.email);
  await teamInvite.getByLabel("Name").fill(people.member.name);
  await teamInvite.getByRole("button", { name: "Send invitation" }).click();
  await expect(teamInvite.getByText(`Invitation sent to ${people.member.email}.`)).toBeVisible();
  const memberLink = instance.linkIn(await instance.mailTo(people.member.email, /invited to/), "invitations");
  const firstMemberSession = await person(browser);
  await firstMemberSession.goto(memberLink);
  await expect(firstMemberSession.getByText("you will be signed in as a member")).toBeVisible();
  await choosePassword(firstMemberSession, PASSWORDS.member, "Set password and sign in");
  await expect(firstMemberSession).toHaveURL(/\/porting-requests$/, LANDING);
  // A member has no Team page.
  await firstMemberSession.goto("/settings");
  await expect(firstMemberSession.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Team" })).toHaveCount(0);
  const memberKey = await createKeyInSettings(firstMemberSession, "Milo's script");
  expect((await request.get(api(`/accounts/${accountId}`), { headers: { authorization: `Bearer ${memberKey}` } })).status()).toBe(200);

  // The member forgets the password: the sign-in page's link, an email, a new password, signed in.
  const member = await person(browser);
  await member.goto("/login");
  await member.getByRole("link", { name: "Forgot your password?" }).click();
  // The sign-in page has an Email field too: fill the new page's, not the one still on screen.
  await expect(member.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await member.getByLabel("Email").fill(people.member.email);
  await member.getByRole("button", { name: "Email me a link" }).click();
  await expect(member.getByRole("status").getByText("Check your email")).toBeVisible();
  const resetLink = instance.linkIn(await instance.mailTo(people.member.email, /password/i), "reset-password");
  await member.goto(resetLink);
  await choosePassword(member, PASSWORDS.memberReset, "Save password and sign in");
  await expect(member).toHaveURL(/\/porting-requests$/, LANDING);
  // The reset ended the member's other session.
  await firstMemberSession.goto("/porting-requests");
  await expect(firstMemberSession).toHaveURL(/\/login/, LANDING);

  // Support disables the member: the open session and the API key are refused at once.
  await support.goto(accountPage);
  await support.getByRole("button", { name: `Disable: ${people.member.name}` }).click();
  const confirm = support.getByRole("dialog", { name: `Disable ${people.member.name}?` });
  await expect(confirm).toContainText("signed out everywhere at once");
  await confirm.getByRole("button", { name: "Disable", exact: true }).click();
  await expect(support.getByRole("status").getByText(`${people.member.name} is disabled`)).toBeVisible();
  await member.goto("/porting-requests");
  await expect(member).toHaveURL(/\/login/, LANDING);
  expect((await request.get(api(`/accounts/${accountId}`), { headers: { authorization: `Bearer ${memberKey}` } })).status()).toBe(401);
  // Nor can the member sign in again.
  await member.getByLabel("Email").fill(people.member.email);
  await member.getByLabel("Password").fill(PASSWORDS.memberReset);
  await member.getByRole("button", { name: "Sign in" }).click();
  await expect(member).toHaveURL(/\/login/, LANDING);

  // Every step is in the audit log: on the support console's account page…
  const steps = [
    "account.created",
    "signing_secret.created",
    "invitation.created",
    "invitation.accepted",
    "user.created",
    "api_key.created",
    "user.password_reset",
    "user.disabled",
  ];
  await support.reload();
  const supportLog = support.getByRole("region", { name: "Audit log" });
  for (const action of steps) await expect(supportLog.getByText(action, { exact: false }).first()).toBeVisible();
  await expect(supportLog.getByRole("listitem").filter({ hasText: "user.disabled" })).toContainText(people.support.name);
  await expect(supportLog.getByRole("listitem").filter({ hasText: "user.disabled" })).toContainText(people.member.email);
  await expect(supportLog.getByRole("listitem").filter({ hasText: "invitation.created" })).toHaveCount(2);

  // …and in the admin's Settings → Audit log.
  await admin.goto("/settings/audit-log");
  const adminLog = admin.getByRole("main");
  for (const action of steps) await expect(adminLog.getByText(action, { exact: false }).first()).toBeVisible();
  // The API says the same, newest first.
  const adminKey = await (async () => {
    await admin.goto("/settings");
    return createKeyInSettings(admin, "Audit reader");
  })();
  const events = await request.get(api(`/accounts/${accountId}/audit-events`), { headers: { authorization: `Bearer ${adminKey}` } });
  expect(events.status()).toBe(200);
  const actions = ((await events.json()) as { data: { action: string }[] }).data.map((e) => e.action);
  expect(actions.slice(0, 2)).toEqual(["api_key.created", "user.disabled"]);
  for (const action of steps) expect(actions).toContain(action);
});

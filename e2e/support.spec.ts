import type { Browser, BrowserContext, Page } from "@playwright/test";
import { dateAhead, expect, test } from "./fixtures";
import { logins, signIn } from "./support";

// The support console end to end, two people in two browsers: a support agent and a customer,
// each in their own context (own cookies). Each test works on a request of a fresh account of its
// own (the `tenant` fixture), so it never races another spec for a request of the demo data.

const contexts: BrowserContext[] = [];

// Pages left open would keep polling into the next test.
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function session(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** Opens a Requested request from the queue's Requested tab, found by its account's name. */
async function openRequestedFromQueue(support: Page, accountName: string, reference: string): Promise<void> {
  await support.goto("/support");
  await support.getByRole("navigation", { name: "Queue by status" }).getByRole("link", { name: /^Requested/ }).click();
  await expect(support).toHaveURL(/status=requested/);
  await support.getByLabel("Search", { exact: true }).fill(accountName);
  await support.getByLabel("Search", { exact: true }).press("Enter");
  await expect(support).toHaveURL(/status=requested.*q=|q=.*status=requested/);
  const row = support.getByRole("row").filter({ hasText: accountName });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: reference, exact: true }).click();
  await expect(support.getByRole("heading", { level: 1, name: reference })).toBeVisible();
}

/** Clicks an action, fills its dialog and confirms; the dialog must close on success. */
async function act(
  support: Page,
  opts: { button: string; submit: string; canned?: number; reason?: string; date?: string },
): Promise<string> {
  const opener = support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: opts.button, exact: true });
  await opener.click();
  const dialog = support.getByRole("dialog");
  await expect(dialog).toBeVisible();
  const reasonBox = dialog.getByLabel(/^Reason/);
  // The reason field has the focus: typing goes straight into it.
  await expect(reasonBox).toBeFocused();
  if (opts.canned !== undefined) {
    const select = dialog.getByLabel("Common reason");
    const option = (await select.locator("option").nth(opts.canned).textContent())?.trim() ?? "";
    await select.selectOption({ index: opts.canned });
    // The canned reason fills the text, which stays editable.
    await expect(reasonBox).toHaveValue(option);
  }
  if (opts.reason !== undefined) await reasonBox.fill(opts.reason);
  if (opts.date) await dialog.getByLabel("First possible porting date").fill(opts.date);
  const reason = await reasonBox.inputValue();
  await dialog.getByRole("button", { name: opts.submit }).click();
  await expect(dialog).toBeHidden();
  return reason;
}

test("NL: support accepts, delays with a date and marks ready; the customer sees it live and performs", async ({ browser, tenant }) => {
  const acme = await tenant("NL");
  const { id, reference } = await acme.requestIn("requested");
  const support = await session(browser, logins.support);
  await openRequestedFromQueue(support, acme.name, reference);
  const status = support.getByRole("region", { name: "Status", exact: true });
  await expect(status.getByText("Requested", { exact: true })).toBeVisible();

  // A dialog without a reason is refused next to the field, and Escape closes it.
  await support.getByRole("button", { name: "Accept", exact: true }).click();
  await support.getByRole("dialog").getByRole("button", { name: "Accept request" }).click();
  await expect(support.getByRole("dialog").getByText("Give a reason: the customer receives it with the status update.")).toBeVisible();
  await support.keyboard.press("Escape");
  await expect(support.getByRole("dialog")).toBeHidden();
  await expect(support.getByRole("button", { name: "Accept", exact: true })).toBeFocused();

  await act(support, { button: "Accept", submit: "Accept request", canned: 1 });
  await expect(support.getByRole("status").filter({ hasText: `Accepted: ${reference} is now In progress.` })).toBeVisible();
  await expect(status.getByText("In progress", { exact: true })).toBeVisible();

  const first = dateAhead(14);
  const delayReason = await act(support, { button: "Delay", submit: "Delay request", canned: 1, date: first.iso });
  await expect(status.getByText("Delayed", { exact: true })).toBeVisible();
  await expect(status.getByText(`First possible porting date: ${first.text}`)).toBeVisible();
  await expect(status.getByTestId("status-reason")).toHaveText(delayReason);

  // The customer, in a second browser, follows the request.
  const customer = await session(browser, acme.admin.email);
  await customer.goto(`/porting-requests/${id}`);
  const current = customer.getByRole("region", { name: "Current status" });
  await expect(current.getByText("Delayed", { exact: true })).toBeVisible();
  await expect(current.getByTestId("first-possible-porting-date")).toHaveText(first.text);
  // Marks this document: if the page reloaded, the mark would be gone.
  await customer.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const readyReason = "The current provider confirmed the date; ready for porting";
  await act(support, { button: "Mark ready to be ported", submit: "Mark ready", reason: readyReason });
  await expect(status.getByText("Ready to be ported", { exact: true })).toBeVisible();
  await expect(support.getByRole("group", { name: "Support actions" })).toHaveCount(0);

  await expect(current.getByText("Ready to be ported", { exact: true })).toBeVisible();
  await expect(current.getByTestId("status-reason")).toHaveText(readyReason);
  expect(await customer.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  await customer.getByRole("button", { name: "Perform porting" }).click();
  const perform = customer.getByRole("dialog");
  await perform.getByRole("button", { name: "Perform porting" }).click();
  await expect(perform).toBeHidden();
  await expect(current.getByText("Completed", { exact: true })).toBeVisible();

  // Back on the support page, without a reload: completed by the customer, in the history.
  await expect(status.getByText("Completed", { exact: true })).toBeVisible();
  const history = support.getByRole("region", { name: "History", exact: true });
  await expect(history.getByRole("listitem").first()).toContainText("Performed by customer");
  await expect(history.getByRole("listitem").first()).toContainText(`${acme.admin.name} (Customer)`);
  await expect(history.getByText(readyReason)).toBeVisible();
  await expect(history.getByText("Sam Support (Support)").first()).toBeVisible();
});

test("DE: support rejects with a reason; the customer sees Blocked and the reason", async ({ browser, tenant }) => {
  const globex = await tenant("DE");
  const { id, reference } = await globex.requestIn("requested");
  const support = await session(browser, logins.support);
  await openRequestedFromQueue(support, globex.name, reference);
  // Delay and Mark ready are NL only: the German request offers accept and reject.
  const actions = support.getByRole("group", { name: "Support actions" });
  await expect(actions.getByRole("button")).toHaveText(["Accept", "Reject"]);

  const reason = "The address on the letter of authorisation does not match the address registered at Deutsche Telekom.";
  await act(support, { button: "Reject", submit: "Reject request", canned: 2, reason });
  await expect(support.getByRole("status").filter({ hasText: `Rejected: ${reference} is now Blocked.` })).toBeVisible();
  await expect(support.getByRole("region", { name: "Status", exact: true }).getByText("No actions: Blocked is final.")).toBeVisible();

  const customer = await session(browser, globex.admin.email);
  await customer.goto(`/porting-requests/${id}`);
  const current = customer.getByRole("region", { name: "Current status" });
  await expect(current.getByText("Blocked", { exact: true })).toBeVisible();
  await expect(current.getByTestId("status-reason")).toHaveText(reason);
});

test("customers get a 404 for the support console, and a hand-made POST of a support action changes nothing", async ({ browser, baseURL, tenant }) => {
  const acme = await tenant("NL");
  const { reference } = await acme.requestIn("in_progress");
  const support = await session(browser, logins.support);
  // A request in progress of the customer's own account, so only the role stands between her and the action.
  await support.goto(`/support?status=in_progress&q=${reference}`);
  await support.getByRole("row").filter({ hasText: acme.name }).getByRole("link", { name: reference, exact: true }).click();
  await expect(support).toHaveURL(/\/support\/porting-requests\/[0-9a-f-]{36}$/);
  await expect(support.getByRole("region", { name: "Status", exact: true })).toBeVisible();
  const requestPath = new URL(support.url()).pathname;
  const id = requestPath.split("/").pop() ?? "";
  const accountPath = (await support.getByRole("region", { name: "Account", exact: true }).getByRole("link").getAttribute("href")) ?? "";

  // Capture the support action's real POST (its id is in the page's client references) without sending it.
  let captured: { headers: Record<string, string>; body: string } | null = null;
  await support.route((url) => url.pathname === requestPath, async (route) => {
    const request = route.request();
    if (request.method() === "POST" && request.headers()["next-action"]) {
      captured = { headers: request.headers(), body: request.postData() ?? "" };
      await route.abort();
      return;
    }
    await route.continue();
  });
  await support.getByRole("button", { name: "Reject", exact: true }).click();
  const dialog = support.getByRole("dialog");
  await dialog.getByLabel("Common reason").selectOption({ index: 1 });
  await dialog.getByRole("button", { name: "Reject request" }).click();
  await expect(dialog.getByRole("alert").filter({ hasText: "We couldn't reach the server" })).toBeVisible();
  await expect.poll(() => captured).not.toBeNull();
  const sent = captured as unknown as { headers: Record<string, string>; body: string };
  expect(sent.body).toContain(id);
  await support.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  const customer = await session(browser, acme.admin.email);
  const before = await (await customer.request.get(`/api/v1/porting-requests/${id}`)).json();
  expect(before.status).toBe("in_progress");

  for (const path of ["/support", requestPath, accountPath, "/support/accounts"]) {
    const response = await customer.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(customer.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }

  // The same POST with the customer's session cookie, to the support page and to her own page.
  for (const path of [requestPath, "/porting-requests"]) {
    const response = await customer.request.post(path, {
      headers: {
        "next-action": sent.headers["next-action"] ?? "",
        "content-type": sent.headers["content-type"] ?? "text/plain;charset=UTF-8",
        accept: "text/x-component",
        origin: baseURL ?? "",
      },
      data: sent.body,
    });
    const text = await response.text();
    // On the support page the action itself answers and refuses: the wrapper checked the caller's
    // role. On her own page Next.js may not route a support action at all; either way it never runs.
    if (path === requestPath) expect(text, path).toContain('"code":"forbidden"');
    expect(text, path).not.toContain('"ok":true');
  }
  const after = await (await customer.request.get(`/api/v1/porting-requests/${id}`)).json();
  expect(after).toMatchObject({ status: "in_progress", version: before.version, statusReason: before.statusReason });
  expect(after.history).toHaveLength(before.history.length);
});

import type { Browser, Locator, Page } from "@playwright/test";
import { dateAhead, expect, randomNumber, test } from "./fixtures";
import { logins, signIn } from "./support";

// The customer's porting request list and detail pages against the real app. A test that changes a
// request or counts an account's requests does so in a fresh account of its own (the `tenant`
// fixture), with requests put into the status it needs through the API; the demo data is only read.

const UNKNOWN_UUID = "3f1e9a52-7c4b-4d8e-9a61-0b2c3d4e5f60";

async function signedInPage(browser: Browser, email: string, home = /\/porting-requests$/): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(home);
  return page;
}

/** The table row (desktop) of a request, by its reference. */
function rowOf(page: Page, reference: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
}

/** Marks the document; `expectNotReloaded` later proves the page never navigated in between. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}

test("Perform a Ready-to-be-ported request from the list: it becomes Completed with its numbers on the voice account", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  await acme.requestIn("ready_to_be_ported");
  const numbers = [randomNumber(), randomNumber()];
  const { reference } = await acme.requestIn("ready_to_be_ported", { phoneNumbers: numbers });
  await signIn(page, acme.admin.email);
  await page.getByRole("link", { name: "Ready to be ported 2" }).click();
  await expect(page).toHaveURL(/\?status=ready_to_be_ported$/);
  const readyBefore = 2;

  const row = rowOf(page, reference);
  // As the pages write it: +31 20 123 4567.
  const firstNumber = numbers[0]!.replace(/^\+31(\d{2})(\d{3})(\d{4})$/, "+31 $1 $2 $3");
  await expect(row.getByRole("cell").nth(1)).toContainText(firstNumber);
  await row.getByRole("button", { name: `Perform porting of ${reference}` }).click();
  const dialog = page.getByRole("dialog", { name: `Perform porting of ${reference}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("to your voice account now, with distribution group Amsterdam office");
  await dialog.getByRole("button", { name: "Perform porting" }).click();

  await expect(page.getByRole("status").filter({ hasText: `${reference} is Completed` })).toBeVisible();
  await expect(dialog).toBeHidden();
  // It leaves the Ready view, and the tab counts follow.
  await expect(rowOf(page, reference)).toHaveCount(0);
  await expect(page.getByRole("link", { name: `Ready to be ported ${readyBefore - 1}` })).toBeVisible();

  await page.getByRole("link", { name: /^All \d+$/ }).click();
  await expect(page).toHaveURL(/\/porting-requests$/);
  await expect(rowOf(page, reference).getByText("Completed", { exact: true })).toBeVisible();
  await expect(rowOf(page, reference).getByRole("button")).toHaveCount(0);

  // The detail page: Completed, performed by the customer.
  await rowOf(page, reference).getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: reference })).toBeVisible();
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByText("Performed by customer")).toBeVisible();
  await expect(history.getByText(`${acme.admin.name} (customer)`).first()).toBeVisible();
  await expect(page.getByTestId("status-reason")).toHaveText("Performed by customer");
  await expect(page.getByRole("region", { name: "Current status" })).toContainText("on your voice account");
  await expect(page.getByRole("button", { name: /Perform porting|Cancel porting/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /^Numbers \(\d+\)$/ })).toContainText(firstNumber);

  // Its numbers are on the voice account (the Numbers page), each with the request's group.
  await page.getByRole("link", { name: "See and configure them on the Numbers page" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  const assigned = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(assigned.filter({ hasText: firstNumber })).toHaveCount(1);
  await expect(assigned).toHaveCount(2);
  for (const numberRow of await assigned.all()) {
    await expect(numberRow.getByRole("combobox").locator("option:checked")).toHaveText("Amsterdam office");
  }
});

test("Cancel from the detail page with a reason: Cancelled, and the reason in the history", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  const { reference } = await acme.requestIn("ready_to_be_ported");
  await signIn(page, acme.admin.email);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.goto("/porting-requests?status=ready_to_be_ported");
  await rowOf(page, reference).getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: reference })).toBeVisible();
  await expect(page.getByRole("region", { name: "Current status" })).toContainText("You have two options");

  // Keyboard: the dialog opens on Enter with the reason field focused, Escape closes it, and focus
  // returns to the button that opened it.
  const trigger = page.getByRole("button", { name: "Cancel porting" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: `Cancel porting of ${reference}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toBeFocused();
  await expect(dialog).toContainText("can't be resumed");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  const reason = `Staying with our provider after all (${Date.now()})`;
  await trigger.click();
  await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Cancel porting" }).click();

  await expect(page.getByRole("status").filter({ hasText: `${reference} is Cancelled` })).toBeVisible();
  await expect(page.getByTestId("status-reason")).toHaveText(reason);
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByRole("listitem").first()).toContainText("Cancelled");
  await expect(history.getByRole("listitem").first()).toContainText(reason);
  await expect(history.getByRole("listitem").first()).toContainText(`${acme.admin.name} (customer)`);
  await expect(page.getByRole("button", { name: /Perform porting|Cancel porting/ })).toHaveCount(0);

  // Still so after a reload: it was stored, not just shown.
  await page.reload();
  await expect(page.getByTestId("status-reason")).toHaveText(reason);
});

test("another account's request, an unknown id and a non-UUID all answer the not-found page with HTTP 404", async ({ browser, page }) => {
  const jonas = await signedInPage(browser, logins.jonas);
  const foreignHref = await jonas.getByRole("row").getByRole("link", { name: /^PR-\d+$/ }).first().getAttribute("href");
  expect(foreignHref).toMatch(/^\/porting-requests\/[0-9a-f-]{36}$/);
  // Jonas himself sees it.
  expect((await jonas.goto(foreignHref!))?.status()).toBe(200);
  await jonas.context().close();

  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);
  for (const href of [foreignHref!, `/porting-requests/${UNKNOWN_UUID}`, "/porting-requests/not-a-uuid"]) {
    const response = await page.goto(href);
    expect(response?.status(), href).toBe(404);
    await expect(page.getByRole("heading", { name: "Porting request not found" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to porting requests" })).toBeVisible();
  }
  // The JSON the page polls says the same, and a document of the foreign request cannot be fetched.
  const id = foreignHref!.split("/").pop();
  expect((await page.request.get(`/api/v1/porting-requests/${id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/v1/porting-requests/${id}/documents/${UNKNOWN_UUID}`)).status()).toBe(404);
});

test("status tabs, search and the country filter live in the URL and change the rows", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  await acme.requestIn("delayed");
  await acme.requestIn("delayed");
  await acme.requestIn("requested");
  await signIn(page, acme.admin.email);
  await expect(page).toHaveURL(/\/porting-requests$/);

  const delayedCount = 2;
  const delayedTab = page.getByRole("link", { name: `Delayed ${delayedCount}` });
  await expect(page.getByRole("link", { name: "All 3" })).toBeVisible();
  await delayedTab.click();
  await expect(page).toHaveURL(/\?status=delayed$/);
  await expect(delayedTab).toHaveAttribute("aria-current", "page");
  const rows = page.getByRole("row").filter({ has: page.getByRole("link", { name: /^PR-/ }) });
  await expect(rows).toHaveCount(delayedCount);
  for (const row of await rows.all()) await expect(row.getByText("Delayed", { exact: true })).toBeVisible();

  // Search by a number in national format, read from the row itself.
  const first = rows.first();
  const reference = (await first.getByRole("link").first().textContent())!.trim();
  const international = (await first.getByRole("cell").nth(1).textContent())!.match(/\+31[\d ]+\d/)![0];
  const national = `0${international.replace(/^\+31\s*/, "")}`;
  await page.getByRole("link", { name: /^All \d+$/ }).click();
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.getByLabel("Search by number or reference").fill(national);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?q=${encodeURIComponent(national).replace(/%20/g, "(\\+|%20)")}$`));
  await expect(rows).toHaveCount(1);
  await expect(rowOf(page, reference)).toBeVisible();

  // By reference, in lower case.
  await page.getByLabel("Search by number or reference").fill(reference.toLowerCase());
  await page.getByLabel("Search by number or reference").press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${reference.toLowerCase()}`));
  await expect(rows).toHaveCount(1);
  await expect(rowOf(page, reference)).toBeVisible();

  // A country with no requests: the empty state, and a way back.
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.getByLabel("Country").selectOption("DE");
  await expect(page).toHaveURL(/\?country=DE$/);
  await expect(page.getByRole("heading", { name: "No requests match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/porting-requests$/);
  await expect(rows.first()).toBeVisible();

  // The URL is the view: Back brings the filtered view back, and a shared link opens it directly.
  await page.goBack();
  await expect(page).toHaveURL(/\?country=DE$/);
  await expect(page.getByRole("heading", { name: "No requests match these filters" })).toBeVisible();
  await page.goto("/porting-requests?status=delayed&country=NL");
  await expect(rows).toHaveCount(delayedCount);
  await expect(page.getByLabel("Country")).toHaveValue("NL");
});

test("a change made elsewhere appears live in open pages, and a Cancel that lost the race says what the request changed to", async ({ browser, tenant }) => {
  const globex = await tenant("DE");
  const { id, reference } = await globex.requestIn("in_progress");
  const href = `/porting-requests/${id}`;
  const list = await signedInPage(browser, globex.admin.email);
  await expect(rowOf(list, reference)).toBeVisible();
  await expect(rowOf(list, reference).getByRole("button", { name: `Cancel porting of ${reference}` })).toBeVisible();
  const cancelledBefore = 0;
  await expect(list.getByRole("link", { name: `Cancelled ${cancelledBefore}` })).toBeVisible();

  const detail = await signedInPage(browser, globex.admin.email);
  await detail.goto(href);
  await expect(detail.getByRole("heading", { level: 1, name: reference })).toBeVisible();

  // A third page of Jonas's opens the Cancel confirmation before the change happens.
  const racer = await signedInPage(browser, globex.admin.email);
  await racer.goto(href);
  await racer.getByRole("button", { name: "Cancel porting" }).click();
  const raceDialog = racer.getByRole("dialog", { name: `Cancel porting of ${reference}?` });
  await expect(raceDialog).toBeVisible();

  await markPage(list);
  await markPage(detail);

  // A colleague (same account) cancels it in her own browser.
  const lena = await signedInPage(browser, globex.member.email);
  await lena.goto(href);
  await lena.getByRole("button", { name: "Cancel porting" }).click();
  await lena.getByRole("dialog").getByRole("button", { name: "Cancel porting" }).click();
  await expect(lena.getByTestId("status-reason")).toHaveText("Cancelled by customer");

  // The open list and detail pages follow by themselves.
  await list.bringToFront();
  await expect(rowOf(list, reference).getByText("Cancelled", { exact: true })).toBeVisible();
  await expect(rowOf(list, reference).getByRole("button")).toHaveCount(0);
  await expect(list.getByRole("link", { name: `Cancelled ${cancelledBefore + 1}` })).toBeVisible();
  await expectNotReloaded(list);

  await detail.bringToFront();
  await expect(detail.getByRole("status").filter({ hasText: "Status changed to Cancelled: Cancelled by customer" })).toBeVisible();
  await expect(detail.getByTestId("status-reason")).toHaveText("Cancelled by customer");
  await expect(detail.getByRole("button", { name: "Cancel porting" })).toHaveCount(0);
  await expectNotReloaded(detail);

  // The confirmation opened before the change loses the race: it says so, nothing is changed twice.
  await racer.bringToFront();
  await raceDialog.getByLabel("Reason").fill("Too late");
  await raceDialog.getByRole("button", { name: "Cancel porting" }).click();
  await expect(racer.getByRole("status").filter({ hasText: "This request changed to Cancelled — reloaded." })).toBeVisible();
  await expect(raceDialog).toBeHidden();
  await expect(racer.getByTestId("status-reason")).toHaveText("Cancelled by customer");
  await expect(racer.getByRole("region", { name: "History" }).getByText("Too late")).toHaveCount(0);
  await expect(racer.getByRole("region", { name: "History" }).getByRole("listitem").filter({ hasText: "Cancelled by customer" })).toHaveCount(1);

  for (const p of [list, detail, racer, lena]) await p.context().close();
});

test("a new first possible porting date from support shows on the open Delayed request, and is announced", async ({ browser, tenant }) => {
  const acme = await tenant("NL");
  const { id } = await acme.requestIn("delayed");
  const href = `/porting-requests/${id}`;
  const anna = await signedInPage(browser, acme.admin.email);
  await anna.goto(href);
  await expect(anna.getByTestId("first-possible-porting-date")).toBeVisible();
  await markPage(anna);

  // Support, in the support console, moves the date again (Delayed → Delayed).
  const support = await signedInPage(browser, logins.support, /\/support$/);
  await support.goto(`/support${href}`);
  const date = dateAhead(45);
  // (The support console names the Delayed → Delayed step "Set a new date".)
  await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: "Set a new date", exact: true }).click();
  const dialog = support.getByRole("dialog");
  await dialog.getByLabel(/^Reason/).fill("The current provider moved the date once more");
  await dialog.getByLabel("First possible porting date").fill(date.iso);
  await dialog.getByRole("button", { name: "Delay request" }).click();
  await expect(dialog).toBeHidden();

  await anna.bringToFront();
  await expect(anna.getByTestId("first-possible-porting-date")).toHaveText(date.text);
  await expect(anna.getByRole("status").filter({ hasText: `New first possible porting date: ${date.text}.` })).toBeVisible();
  await expect(anna.getByTestId("status-reason")).toHaveText("The current provider moved the date once more");
  await expectNotReloaded(anna);

  for (const p of [anna, support]) await p.context().close();
});

test("on a phone the list is cards, without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await expect(page.getByRole("table")).toBeHidden();
  const cards = page.getByRole("list", { name: "Porting requests, newest first" }).getByRole("listitem");
  await expect(cards.first()).toBeVisible();
  await expect(cards.first().getByRole("link", { name: /^PR-\d+$/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

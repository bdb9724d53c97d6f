import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { logins, signIn } from "./support";

// The customer's porting request list and detail pages against the real app and its demo data:
// Acme B.V. (NL) has two requests Ready to be ported, Globex GmbH (DE) one In progress (outside NL
// it can be cancelled). Tests pick rows by status and read references at run time, so each takes a
// request the others leave alone, whatever order they run in; the seeded Requested ones are left
// for the support console's specs, which run on the same data.

const UNKNOWN_UUID = "3f1e9a52-7c4b-4d8e-9a61-0b2c3d4e5f60";

async function signedInPage(browser: Browser, email: string, home = /\/porting-requests$/): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(home);
  return page;
}

/** A calendar date `days` ahead: as the date field takes it, and as the pages write it. */
function dateAhead(days: number) {
  const iso = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const text = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
  return { iso, text };
}

/** The table row (desktop) of a request, by its reference. */
function rowOf(page: Page, reference: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
}

/** The first row that offers `button` ("Perform porting" / "Cancel porting"), and its reference. */
async function firstRowWith(page: Page, button: "Perform porting" | "Cancel porting") {
  const row = page.getByRole("row").filter({ has: page.getByRole("button", { name: new RegExp(`^${button} of PR-`) }) }).first();
  await expect(row).toBeVisible();
  const reference = (await row.getByRole("link").first().textContent())?.trim() ?? "";
  expect(reference).toMatch(/^PR-\d{6,}$/);
  return { row, reference };
}

/** Marks the document; `expectNotReloaded` later proves the page never navigated in between. */
async function markPage(page: Page) {
  await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}

test("Perform a Ready-to-be-ported request from the list: it becomes Completed with its numbers on the voice account", async ({ page }) => {
  await signIn(page, logins.anna);
  await page.getByRole("link", { name: /^Ready to be ported \d+$/ }).click();
  await expect(page).toHaveURL(/\?status=ready_to_be_ported$/);
  const readyTab = page.getByRole("link", { name: /^Ready to be ported \d+$/ });
  const readyBefore = Number((await readyTab.textContent())?.match(/\d+$/)?.[0]);

  const { row, reference } = await firstRowWith(page, "Perform porting");
  const firstNumber = (await row.getByRole("cell").nth(1).textContent())!.match(/\+31[\d ]+\d/)![0];
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
  await expect(history.getByText("Anna de Vries (customer)").first()).toBeVisible();
  await expect(page.getByTestId("status-reason")).toHaveText("Performed by customer");
  await expect(page.getByRole("region", { name: "Current status" })).toContainText("on your voice account");
  await expect(page.getByRole("button", { name: /Perform porting|Cancel porting/ })).toHaveCount(0);
  await expect(page.getByRole("region", { name: /^Numbers \(\d+\)$/ })).toContainText(firstNumber);

  // Its numbers are on the voice account (the Numbers page), each with the request's group.
  await page.getByRole("link", { name: "See and configure them on the Numbers page" }).click();
  await expect(page).toHaveURL(/\/numbers$/);
  const assigned = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
  await expect(assigned.filter({ hasText: firstNumber })).toHaveCount(1);
  for (const numberRow of await assigned.all()) {
    await expect(numberRow.getByRole("combobox").locator("option:checked")).toHaveText("Amsterdam office");
  }
});

test("Cancel from the detail page with a reason: Cancelled, and the reason in the history", async ({ page }) => {
  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.goto("/porting-requests?status=ready_to_be_ported");
  const { reference } = await firstRowWith(page, "Cancel porting");
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
  await expect(history.getByRole("listitem").first()).toContainText("Anna de Vries (customer)");
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

test("status tabs, search and the country filter live in the URL and change the rows", async ({ page }) => {
  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);

  const delayedTab = page.getByRole("link", { name: /^Delayed \d+$/ });
  const delayedCount = Number((await delayedTab.textContent())?.match(/\d+$/)?.[0]);
  expect(delayedCount).toBeGreaterThan(0);
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

// One German request serves both: the demo has only two Globex requests a customer can cancel, and
// the Requested one is left for the support console's own tests.
test("a change made elsewhere appears live in open pages, and a Cancel that lost the race says what the request changed to", async ({ browser }) => {
  const list = await signedInPage(browser, logins.jonas);
  await list.goto("/porting-requests?status=in_progress");
  const { reference } = await firstRowWith(list, "Cancel porting");
  const href = (await rowOf(list, reference).getByRole("link", { name: reference }).getAttribute("href"))!;
  await list.goto("/porting-requests");
  await expect(rowOf(list, reference)).toBeVisible();
  const cancelledTab = list.getByRole("link", { name: /^Cancelled \d+$/ });
  const cancelledBefore = Number((await cancelledTab.textContent())?.match(/\d+$/)?.[0]);

  const detail = await signedInPage(browser, logins.jonas);
  await detail.goto(href);
  await expect(detail.getByRole("heading", { level: 1, name: reference })).toBeVisible();

  // A third page of Jonas's opens the Cancel confirmation before the change happens.
  const racer = await signedInPage(browser, logins.jonas);
  await racer.goto(href);
  await racer.getByRole("button", { name: "Cancel porting" }).click();
  const raceDialog = racer.getByRole("dialog", { name: `Cancel porting of ${reference}?` });
  await expect(raceDialog).toBeVisible();

  await markPage(list);
  await markPage(detail);

  // A colleague (Lena, same account) cancels it in her own browser.
  const lena = await signedInPage(browser, logins.lena);
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

test("a new first possible porting date from support shows on the open Delayed request, and is announced", async ({ browser }) => {
  const anna = await signedInPage(browser, logins.anna);
  await anna.goto("/porting-requests?status=delayed");
  const link = anna.getByRole("row").getByRole("link", { name: /^PR-\d+$/ }).first();
  const href = (await link.getAttribute("href"))!;
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

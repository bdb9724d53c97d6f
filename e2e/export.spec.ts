import { readFile } from "node:fs/promises";
import type { Page, Route } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./support";

// The request list's new filters (creation dates, company profile, current provider, search in
// the customer's own reference) and "Export CSV" of the current view, in a real browser against
// the real app, in a fresh account of the test's own.

const today = () => new Date().toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function tableRows(page: Page) {
  return page.getByRole("table", { name: "Porting requests, newest first" }).getByRole("row").filter({ has: page.getByRole("link", { name: /^PR-\d+$/ }) });
}

test("filter the list by provider, profile, dates and your own reference, and export exactly that view as CSV", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  const branch = await acme.createProfile({ name: "Branch office" });
  const kpn = await acme.createRequest({ currentProvider: "KPN", customerReference: "PO-2026-0042" });
  const ziggo = await acme.createRequest({ currentProvider: "Ziggo", customerReference: "=SUM(A1:A9)", companyProfileId: branch.id });
  const plain = await acme.createRequest({ currentProvider: "kpn" });

  // A member may export as well as an admin.
  await signIn(page, acme.member.email);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await expect(tableRows(page)).toHaveCount(3);
  // Your own reference shows under ours.
  await expect(tableRows(page).filter({ hasText: kpn.reference })).toContainText("PO-2026-0042");

  // Current provider: one entry per name whatever its case, matching both spellings.
  const provider = page.getByLabel("Current provider");
  await expect(provider.getByRole("option")).toHaveText(["All providers", "KPN", "Ziggo"]);
  await provider.selectOption("KPN");
  await expect(page).toHaveURL(/currentProvider=KPN/);
  await expect(tableRows(page)).toHaveCount(2);
  await expect(tableRows(page).filter({ hasText: ziggo.reference })).toHaveCount(0);

  // The company profile narrows it further: nothing from KPN under the branch.
  await page.getByLabel("Company profile").selectOption({ label: "Branch office" });
  await expect(page).toHaveURL(new RegExp(`companyProfileId=${branch.id}`));
  await expect(page.getByText("No requests match these filters")).toBeVisible();
  await provider.selectOption("");
  await expect(tableRows(page)).toHaveCount(1);
  await expect(tableRows(page).first()).toContainText(ziggo.reference);

  // The export takes the view as it is now, every page of it.
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", `/api/v1/porting-requests/export?companyProfileId=${branch.id}`);
  const [download] = await Promise.all([page.waitForEvent("download"), exportLink.click()]);
  expect(download.suggestedFilename()).toBe(`porting-requests-${today()}.csv`);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe(
    "Reference,Customer reference,Status,Status reason,Country,Number type,Number,Current provider,Preferred porting date,First possible porting date,Created,Updated",
  );
  expect(lines).toHaveLength(2);
  // The formula the customer typed as a reference arrives as text.
  expect(lines[1]).toMatch(new RegExp(`^${ziggo.reference},'=SUM\\(A1:A9\\),Requested,`));
  expect(lines[1]).toContain(`,'${ziggo.phoneNumbers[0]!.number},Ziggo,`);

  // Dates: created today is in "from today", and nothing was created up to yesterday.
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/porting-requests$/);
  await expect(tableRows(page)).toHaveCount(3);
  await page.getByLabel("Created from").fill(today());
  await expect(page).toHaveURL(new RegExp(`createdFrom=${today()}`));
  await expect(tableRows(page)).toHaveCount(3);
  // A second change made while the first is still loading builds on it: clearing "Created from"
  // and then setting "Created to" leaves only "Created to", never the cleared date back. The
  // page's navigations are held back 700 ms so the second change surely comes first.
  const slowNavigation = async (route: Route) => {
    if (route.request().headers()["rsc"]) await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  };
  await page.route(/\/porting-requests(\?|$)/, slowNavigation);
  await page.getByLabel("Created from").fill("");
  await page.getByLabel("Created to").fill(yesterday());
  await expect(page).toHaveURL(new RegExp(`/porting-requests\\?createdTo=${yesterday()}$`));
  await page.unrouteAll({ behavior: "wait" });
  await expect(page.getByText("No requests match these filters")).toBeVisible();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute("href", `/api/v1/porting-requests/export?createdTo=${yesterday()}`);

  // Search finds part of your own reference; the filters survive a reload (they live in the URL).
  await page.getByLabel("Created to").fill("");
  await page.getByLabel("Search by number or reference").fill("2026-00");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=2026-00/);
  await expect(tableRows(page)).toHaveCount(1);
  await page.reload();
  await expect(tableRows(page)).toHaveCount(1);
  await expect(tableRows(page).first()).toContainText(kpn.reference);
  void plain;
});

test("on a phone the filters and the export stay reachable, and the cards show your reference", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  const { reference } = await acme.createRequest({ customerReference: "Ticket 4711" });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, acme.admin.email);
  const card = page.getByRole("list", { name: "Porting requests, newest first" }).getByRole("listitem").filter({ hasText: reference });
  await expect(card).toContainText("Ticket 4711");
  // The menus fold behind one button on a phone.
  const menus = page.getByRole("button", { name: "Filters" });
  await expect(menus).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByLabel("Current provider")).toBeHidden();
  await menus.click();
  for (const label of ["Country", "Company profile", "Current provider", "Created from", "Created to"]) await expect(page.getByLabel(label)).toBeVisible();
  await page.getByLabel("Created to").fill("2001-01-01");
  await expect(page.getByText("No requests match these filters")).toBeVisible();
  // Still open after the navigation, and it says how many menus are set.
  await expect(page.getByRole("button", { name: "Filters (1)" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("link", { name: "Export CSV" })).toBeVisible();
});

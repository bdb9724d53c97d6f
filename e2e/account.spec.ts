import type { Page } from "@playwright/test";
import { expect, randomNumber, test } from "./fixtures";
import { logins, signIn } from "./support";

// The account's own settings: company profiles, distribution groups and the numbers on the voice
// account. Tests that change them work in a fresh account of their own (the `tenant` fixture);
// the others only read Acme B.V. of the demo data, as Anna.

async function signInAs(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/porting-requests$/);
}

/** After a full page load: wait until the page's forms and tables run in the browser. */
async function ready(page: Page) {
  await expect(page.locator('[data-ready="true"]').first()).toBeAttached();
}

const profileCard = (page: Page, name: string) => page.getByTestId("company-profile").filter({ has: page.getByRole("heading", { name }) });

test("a company profile missing its KvK number is flagged, and fixing it makes it meet the requirements", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  await acme.createProfile({ name: "Rotterdam branch", registrationNumber: null, city: "Rotterdam", postalCode: "3011 AD", street: "Coolsingel 40" });
  await signInAs(page, acme.admin.email);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Company profiles" }).click();
  await expect(page.getByRole("heading", { name: "Company profiles", level: 1 })).toBeVisible();

  const rotterdam = profileCard(page, "Rotterdam branch");
  await expect(rotterdam.getByText("Missing: KvK number")).toBeVisible();
  await expect(profileCard(page, acme.profile.name).getByText("Meets requirements")).toBeVisible();

  await rotterdam.getByRole("link", { name: "Edit Rotterdam branch" }).click();
  await expect(page.getByRole("heading", { name: "Edit “Rotterdam branch”" })).toBeVisible();
  await expect(page.getByTestId("requirements-summary")).toContainText("Missing or invalid: KvK number");

  const kvk = page.getByLabel("KvK number");
  await kvk.fill("1234");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("KvK number must be 8 digits, such as 12345678.")).toBeVisible();
  await expect(kvk).toHaveAttribute("aria-invalid", "true");
  await expect(kvk).toBeFocused();
  await expect(page).toHaveURL(/\/edit$/);

  await kvk.fill("24123456");
  await expect(page.getByText("KvK number must be 8 digits, such as 12345678.")).toHaveCount(0);
  await expect(page.getByTestId("requirements-summary")).toContainText("Meets the requirements for the Netherlands");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page).toHaveURL(/\/company-profiles\?saved=/);
  await expect(page.getByRole("status").filter({ hasText: "“Rotterdam branch” is saved." })).toContainText("It meets the requirements");
  await expect(profileCard(page, "Rotterdam branch").getByText("Meets requirements")).toBeVisible();

  // Reload: it was stored. Emptying the number again flags it again.
  await page.reload();
  await expect(profileCard(page, "Rotterdam branch").getByText("Meets requirements")).toBeVisible();
  await profileCard(page, "Rotterdam branch").getByRole("link", { name: "Edit Rotterdam branch" }).click();
  await expect(page.getByLabel("KvK number")).toHaveValue("24123456");
  await page.getByLabel("KvK number").fill("");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(profileCard(page, "Rotterdam branch").getByText("Missing: KvK number")).toBeVisible();
});

test("a company profile that porting requests use cannot be deleted, and says why", async ({ page }) => {
  await signInAs(page, logins.anna);
  await page.goto("/company-profiles");
  const amsterdam = profileCard(page, "Acme Amsterdam");
  await expect(amsterdam.getByRole("button", { name: "Delete" })).toBeDisabled();
  await expect(amsterdam.getByText(/Can't be deleted: used by \d+ porting requests/)).toBeVisible();
});

test("unknown company profile and distribution group ids answer 404", async ({ page }) => {
  await signInAs(page, logins.anna);
  for (const path of [
    "/company-profiles/00000000-0000-4000-8000-000000000000",
    "/company-profiles/00000000-0000-4000-8000-000000000000/edit",
    "/company-profiles/not-a-uuid",
    "/distribution-groups/00000000-0000-4000-8000-000000000000",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
  }
});

test("a distribution group: create with two destinations, reorder, use it for a number, and delete", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  // A number on the account's voice account, ringing the account's group: a completed request's.
  const number = randomNumber();
  await acme.requestIn("completed", { phoneNumbers: [number] });
  const shown = number.replace(/^\+31(\d{2})(\d{3})(\d{4})$/, "+31 $1 $2 $3");
  const national = shown.replace(/^\+31 /, "0");
  await signInAs(page, acme.admin.email);
  const name = `Support line ${Date.now().toString(36)}`;
  await page.goto("/distribution-groups");
  await page.getByRole("link", { name: "New distribution group" }).click();

  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Destination 1", { exact: true }).fill("sip:helpdesk@pbx.acme.example");
  await page.getByRole("button", { name: "Add a destination" }).click();
  // The new row has the focus: type straight into it. A bad value first, then a national number.
  await expect(page.getByLabel("Destination 2", { exact: true })).toBeFocused();
  await page.keyboard.type("020 123");
  await page.getByRole("button", { name: "Create group" }).click();
  await expect(page.getByText("“020 123” is not a valid phone number.")).toBeVisible();
  await page.getByLabel("Destination 2", { exact: true }).fill("020 794 0199");
  await expect(page.getByText("Phone number +31 20 794 0199")).toBeVisible();

  // Reorder with the keyboard: the phone number rings first.
  await page.getByRole("button", { name: "Move destination 2 up" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Destination 1", { exact: true })).toHaveValue("020 794 0199");
  await expect(page.getByLabel("Destination 2", { exact: true })).toHaveValue("sip:helpdesk@pbx.acme.example");
  await expect(page.getByRole("status").filter({ hasText: "Destination 2 moved up to position 1 of 2." })).toBeAttached();
  await page.getByRole("button", { name: "Create group" }).click();

  await expect(page).toHaveURL(/\/distribution-groups\?saved=/);
  const card = page.getByTestId("distribution-group").filter({ has: page.getByRole("heading", { name }) });
  await expect(card.getByRole("listitem")).toHaveText([/\+31 20 794 0199/, /sip:helpdesk@pbx\.acme\.example/]);

  // Move the number to the new group; it persists.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Numbers", level: 1 })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: shown });
  await expect(row.getByRole("link", { name: /PR-\d{6}/ })).toBeVisible();
  const select = row.getByLabel(`Distribution group for ${shown}`);
  await expect(select).toHaveValue(/.+/);
  const before = await select.inputValue();
  await select.selectOption({ label: name });
  await row.getByRole("button", { name: `Save the group of ${shown}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `${shown} now rings “${name}”.` })).toBeVisible();
  await page.reload();
  await ready(page);
  await expect(page.getByRole("row").filter({ hasText: shown }).locator("select option:checked")).toHaveText(name);

  // Search finds it in national format; the group filter shows it in its new group.
  await page.getByLabel("Number", { exact: true }).fill(national);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${national.replace(/ /g, "\\+")}`));
  await expect(page.getByRole("row").filter({ hasText: "+31" })).toHaveCount(1);

  // The group is now in use: deleting it is refused with the reason.
  await page.goto("/distribution-groups");
  await card.getByRole("button", { name: `Delete ${name}` }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("delete-refusal")).toHaveText(`“${name}” can't be deleted: it is in use by 1 number.`);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // Put the number back where it was, then the unused group can go.
  await page.goto(`/numbers?q=${encodeURIComponent(number)}`);
  await ready(page);
  const back = page.getByRole("row").filter({ hasText: shown });
  await back.getByLabel(`Distribution group for ${shown}`).selectOption(before);
  await back.getByRole("button", { name: `Save the group of ${shown}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "now rings “Amsterdam office”" })).toBeVisible();

  await page.goto("/distribution-groups");
  await card.getByRole("button", { name: `Delete ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete group" }).click();
  await expect(page.getByRole("status").filter({ hasText: `“${name}” is deleted.` })).toBeVisible();
  await expect(card).toHaveCount(0);
});

test("deleting a distribution group in use is refused with the reason", async ({ page }) => {
  await signInAs(page, logins.anna);
  await page.goto("/distribution-groups");
  const card = page.getByTestId("distribution-group").filter({ has: page.getByRole("heading", { name: "Amsterdam office" }) });
  await card.getByRole("button", { name: "Delete Amsterdam office" }).click();
  const dialog = page.getByRole("dialog", { name: "“Amsterdam office” is in use" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("delete-refusal")).toHaveText(/can't be deleted: it is in use by \d+ numbers?/);
  await expect(dialog.getByRole("button", { name: "Delete group" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(card.getByRole("button", { name: "Delete Amsterdam office" })).toBeFocused();
  await expect(card).toBeVisible();
});

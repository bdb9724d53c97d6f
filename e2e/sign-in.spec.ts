import { expect, test } from "@playwright/test";
import { logins, signIn, signOut } from "./support";

test("a support agent lands on the queue and sees every account", async ({ page }) => {
  await signIn(page, logins.support);
  await expect(page).toHaveURL(/\/support$/);
  await expect(page.getByRole("heading", { name: "Support queue" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "Acme B.V." }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "Globex GmbH" }).first()).toBeVisible();
  await signOut(page);
});

test("customers of two accounts each see only their own requests", async ({ page }) => {
  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await expect(page.getByRole("heading", { name: "Porting requests" })).toBeVisible();
  await expect(page.getByTestId("account-name")).toHaveText("Acme B.V.");
  const acmeRows = page.getByRole("row").filter({ hasText: /^.*PR-\d{6}/ });
  await expect(acmeRows.first()).toBeVisible();
  await expect(page.getByText("+49")).toHaveCount(0);
  await signOut(page);

  await signIn(page, logins.jonas);
  await expect(page.getByTestId("account-name")).toHaveText("Globex GmbH");
  await expect(page.getByRole("row").filter({ hasText: /PR-\d{6}/ }).first()).toBeVisible();
  await expect(page.getByText("+31")).toHaveCount(0);
});

test("a customer gets a 404 for the support console", async ({ page }) => {
  await signIn(page, logins.lena);
  await expect(page).toHaveURL(/\/porting-requests$/);
  const response = await page.goto("/support");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a wrong password gets one generic message", async ({ page }) => {
  await signIn(page, logins.bram, "not-the-password");
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is wrong." })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("pages need a session", async ({ page }) => {
  await page.goto("/porting-requests");
  await expect(page).toHaveURL(/\/login/);
});

test("the demo's sign-in page lists the demo logins, and one of them signs in with a click", async ({ page }) => {
  await page.goto("/login");
  const demo = page.getByRole("region", { name: "Demo logins" });
  await expect(demo).toContainText("porting-demo");
  const list = demo.getByRole("list", { name: "Demo logins" });
  await expect(list.getByRole("listitem").filter({ hasText: logins.support })).toContainText("Support");
  await expect(list.getByRole("listitem").filter({ hasText: logins.anna })).toContainText("Acme B.V. · admin");
  await expect(list.getByRole("listitem").filter({ hasText: logins.lena })).toContainText("Globex GmbH · member");
  await demo.getByRole("button", { name: `Fill in ${logins.jonas}` }).click();
  await expect(page.getByLabel("Email")).toHaveValue(logins.jonas);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeFocused();
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account-name")).toHaveText("Globex GmbH");
});

import { expect, type Page } from "@playwright/test";

export const PASSWORD = "porting-demo";

export const logins = {
  support: "support@porting.test",
  anna: "anna@acme.test",
  bram: "bram@acme.test",
  jonas: "jonas@globex.test",
  lena: "lena@globex.test",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signOut(page: Page) {
  await page.getByTestId("user-menu").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}

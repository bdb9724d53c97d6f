import { expect, test } from "./fixtures";
import { signIn } from "./support";

// "Check numbers" (issue 15 item 2) in a real browser: reachable from the navigation without
// starting a request; each number answered in order, this account's own open request named,
// another account's number only "not portable from this account".

test("a customer checks numbers before ordering, from the navigation", async ({ page, tenant }) => {
  const acme = await tenant("NL");
  const other = await tenant("NL");
  const mine = await acme.createRequest();
  const theirs = await other.createRequest();
  await signIn(page, acme.admin.email);
  await expect(page).not.toHaveURL(/\/login/);
  await page.getByRole("link", { name: "Check numbers" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Check numbers" })).toBeVisible();

  await page.getByLabel("Phone numbers").fill(["+31 20 794 0001", mine.phoneNumbers[0]!.number, theirs.phoneNumbers[0]!.number, "+31 6 12345678", "12"].join("\n"));
  await page.getByLabel(/^Country/).selectOption("NL");
  await page.getByRole("button", { name: "Check numbers" }).click();
  const results = page.getByTestId("portability-result");
  await expect(results).toHaveCount(5);
  await expect(results.nth(1)).toContainText(`open porting request ${mine.reference}`);
  await expect(results.nth(2)).toContainText("Not portable from this account. Contact support");
  await expect(results.nth(2)).not.toContainText(theirs.reference);
  await expect(results.nth(3)).toContainText("Not portable");
  await expect(results.nth(4)).toContainText("Not a valid number");
  if (process.env.SHOTS_DIR) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/check-numbers-${width}.png`, fullPage: true });
    }
  }
});

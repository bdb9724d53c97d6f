import { expect, randomNumber, test } from "./fixtures";
import { signIn } from "./support";

// "Check numbers" (issue 15 item 2) in a real browser: reachable from the navigation without
// starting a request; each number answered in order, this account's own open request named,
// another account's number only "not portable from this account"; the portable ones start a new
// request, whose numbers step holds them and checks them again.

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

  // Two more portable numbers, then a request with the portable ones: the wizard opens on the
  // right country and type, and its numbers step holds exactly them, checked again.
  const fresh = [randomNumber("NL"), randomNumber("NL")];
  await page.getByLabel("Phone numbers").fill([...fresh, mine.phoneNumbers[0]!.number].join("\n"));
  await page.getByRole("button", { name: "Check numbers" }).click();
  await expect(results).toHaveCount(3);
  await expect(page.getByRole("heading", { name: "2 of 3 can be ported from this account" })).toBeVisible();
  const start = page.getByRole("list", { name: "Start a porting request" }).getByRole("link");
  await expect(start).toHaveText("Start a porting request with these 2 numbers");
  await start.click();
  await expect(page.getByRole("heading", { level: 1, name: "New porting request" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Netherlands/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /Geographic/ })).toBeChecked();
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByRole("radio", { name: acme.profile.name }).check();
  await page.getByRole("button", { name: "Next" }).click();
  // As people write them (+31 20 123 4567), each listed once, checked again.
  await expect(page.getByLabel("Phone numbers to port")).toHaveValue(fresh.map(shown).join("\n"));
  await expect(page.getByRole("list", { name: "Numbers to port" }).getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("numbers-summary")).toHaveText("All numbers can be ported");
  if (process.env.SHOTS_DIR) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${process.env.SHOTS_DIR}/new-request-from-check-${width}.png`, fullPage: true });
    }
  }
});

/** "+31201234567" as the pages write it: "+31 20 123 4567". */
function shown(e164: string): string {
  return `${e164.slice(0, 3)} ${e164.slice(3, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;
}

import type { Page } from "@playwright/test";
import { expect, randomNumber, test, type Tenant } from "./fixtures";
import { signIn } from "./support";

// The guided "New porting request" flow as a Dutch customer, in a real browser against the built
// app, in a fresh account of its own (the `tenant` fixture): a complete profile ("Head office"), one
// without its KvK number ("Rotterdam branch", geographic numbers only) and the group "Amsterdam office".

/** A real-looking PDF of `bytes` bytes: the server decides the type by the first bytes. */
function pdf(bytes: number): Buffer {
  const data = Buffer.alloc(bytes, 0x20);
  data.write("%PDF-1.7\n% letter of authorisation\n", 0, "latin1");
  data.write("\n%%EOF\n", bytes - 7, "latin1");
  return data;
}

async function requestCount(page: Page): Promise<number> {
  const response = await page.request.get("/api/v1/porting-requests?limit=100");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: unknown[] }).data.length;
}

const stepHeading = (page: Page, name: string) => page.getByRole("heading", { level: 2, name });

/** +31201234567 as the pages write it: +31 20 123 4567. */
const shown = (e164: string) => e164.replace(/^\+31(\d{2})(\d{3})(\d{4})$/, "+31 $1 $2 $3");

async function dutchAccount(tenant: (country: "NL") => Promise<Tenant>): Promise<Tenant> {
  const acme = await tenant("NL");
  await acme.createProfile({ name: "Rotterdam branch", registrationNumber: null, city: "Rotterdam", postalCode: "3011 AD", street: "Coolsingel 40", numberTypes: ["geographic"] });
  return acme;
}

test("create an NL request: bad numbers are named one by one, nothing is stored until it is right; a 9 MB letter uploads", async ({ page, tenant }) => {
  // A 9 MB upload and seven steps: more time than the default.
  test.slow();
  const acme = await dutchAccount(tenant);
  // One number in an open request of the account, one on its voice account.
  const open = await acme.createRequest();
  const onVoiceAccount = randomNumber();
  await acme.requestIn("completed", { phoneNumbers: [onVoiceAccount] });
  await signIn(page, acme.admin.email);
  await expect(page).toHaveURL(/\/porting-requests$/);
  const before = await requestCount(page);

  await page.goto("/porting-requests/new");
  await expect(page.getByRole("heading", { level: 1, name: "New porting request" })).toBeVisible();

  // 1. Country and number type: Acme is Dutch, so the Netherlands is preselected; mobile is refused.
  await expect(stepHeading(page, "Country and number type")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Netherlands/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /Mobile/ })).toBeDisabled();
  await expect(page.getByText(/Dutch mobile numbers \(06\) can't be ported/)).toBeVisible();
  await page.getByRole("radio", { name: /Geographic/ }).check();
  const requirements = page.getByRole("region", { name: "What you need for geographic numbers from the Netherlands" });
  await expect(requirements.getByText("KvK number", { exact: true })).toBeVisible();
  await expect(requirements.getByText("Letter of authorisation", { exact: true })).toBeVisible();
  await expect(requirements.getByText(/No preferred date in the Netherlands/)).toBeVisible();
  await expect(requirements.getByText(/you perform the porting/)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();

  // 2. Company profile: the Rotterdam branch lacks its KvK number and cannot be chosen.
  await expect(stepHeading(page, "Company profile")).toBeFocused();
  const rotterdam = page.getByTestId("company-profile-option").filter({ hasText: "Rotterdam branch" });
  await expect(rotterdam.getByRole("radio")).toBeDisabled();
  await expect(rotterdam).toContainText('KvK number is missing in the company profile "Rotterdam branch"');
  await expect(rotterdam.getByRole("link", { name: /Fix the profile/ })).toHaveAttribute("href", /^\/company-profiles\/[0-9a-f-]{36}\/edit$/);
  await page.getByRole("radio", { name: acme.profile.name }).check();
  await page.getByRole("button", { name: "Next" }).click();

  // 3. Numbers, pasted in mixed formats: one invalid, one listed twice, one in an open request of
  //    the account's, one already on a voice account. Each is named with its own problem.
  await expect(stepHeading(page, "Phone numbers")).toBeVisible();
  await page
    .getByLabel("Phone numbers to port")
    .fill(`+31 20 555 0101\n020 555 0102, 020-5550101\n12345\n${shown(open.phoneNumbers[0]!.number)}\n00${onVoiceAccount.slice(1)}\n020 555 0199`);
  const list = page.getByRole("list", { name: "Numbers to port" });
  await expect(list.getByRole("listitem")).toHaveCount(7);
  await expect(list.getByRole("listitem").filter({ hasText: '"12345" is not a valid phone number in the Netherlands.' })).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: '"020-5550101" (+31 20 555 0101) is listed twice' })).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: `"${shown(open.phoneNumbers[0]!.number)}" is already in open porting request ${open.reference}.` })).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: "is already on a voice account." })).toBeVisible();
  await expect(page.getByTestId("numbers-summary")).toHaveText("4 need attention");
  // The valid ones show their formatted number and detected type.
  await expect(list.getByRole("listitem").filter({ hasText: "+31 20 555 0102" })).toContainText("Geographic");

  // Next is refused: nothing is stored.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("4 of 7 numbers need attention: fix or remove them to continue.")).toBeVisible();
  await expect(stepHeading(page, "Phone numbers")).toBeVisible();
  expect(await requestCount(page)).toBe(before);

  // One number removed by hand, the other bad ones in one click.
  await list.getByRole("button", { name: "Remove +31 20 555 0199" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(6);
  await page.getByRole("button", { name: "Remove invalid numbers (4)" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("numbers-summary")).toHaveText("All numbers can be ported");
  await expect(page.getByLabel("Phone numbers to port")).toHaveValue("+31 20 555 0101\n020 555 0102");
  await page.getByRole("button", { name: "Next" }).click();

  // 4. Details. A callback URL on a private network passes the browser's URL check and is refused
  //    by the server: that error must come back to this field.
  await expect(stepHeading(page, "Porting details")).toBeVisible();
  await expect(page.getByRole("radio", { name: /Switch at the end of the contract/ })).toBeChecked();
  await expect(page.getByText(/No preferred date in the Netherlands/)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("Name your current provider.")).toBeVisible();
  await page.getByRole("textbox", { name: "Current provider" }).fill("KPN");
  await expect(page.getByLabel("Distribution group")).toHaveValue("");
  await page.getByLabel("Distribution group").selectOption({ label: "Amsterdam office" });
  await page.getByLabel("Callback URL").fill("https://10.1.2.3/porting-hook");
  await page.getByLabel("Comment").fill("Reception and sales lines.");
  await page.getByRole("button", { name: "Next" }).click();

  // 5. Documents: the letter of authorisation is required for NL; a 9 MB PDF goes through.
  await expect(stepHeading(page, "Documents")).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  const letter = page.getByTestId("document-letter_of_authorisation");
  await expect(letter).toContainText("Upload the letter of authorisation: it is required for porting numbers from the Netherlands.");
  const chooser = page.waitForEvent("filechooser");
  await letter.getByRole("button", { name: "Choose letter of authorisation" }).click();
  await (await chooser).setFiles({ name: "loa-signed.pdf", mimeType: "application/pdf", buffer: pdf(9 * 1024 * 1024) });
  await expect(letter).toContainText("loa-signed.pdf");
  await expect(letter).toContainText("PDF · 9.0 MB");
  await page.getByRole("button", { name: "Next" }).click();

  // 6. Review, then submit: the server refuses the callback URL and sends us back to its field.
  await expect(stepHeading(page, "Review and submit")).toBeVisible();
  const review = page.getByRole("region", { name: "Phone numbers" });
  await expect(review.getByText("+31 20 555 0101")).toBeVisible();
  await expect(page.getByRole("region", { name: "Company profile" })).toContainText(acme.profile.name);
  await expect(page.getByRole("region", { name: "Documents" })).toContainText("loa-signed.pdf");
  await page.getByRole("button", { name: "Create porting request" }).click();
  await expect(stepHeading(page, "Porting details")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "The request was not created" })).toBeVisible();
  await expect(page.getByLabel("Callback URL")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/The callback URL must not point at a private/)).toBeVisible();
  expect(await requestCount(page)).toBe(before);

  // Everything else was kept; fix the field and walk forward again.
  await expect(page.getByRole("textbox", { name: "Current provider" })).toHaveValue("KPN");
  await page.getByLabel("Callback URL").fill("");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(letter).toContainText("loa-signed.pdf");
  await page.getByRole("button", { name: "Next" }).click();
  const submit = page.getByRole("button", { name: "Create porting request" });
  await submit.click();

  // Lands on the new request's page, status Requested, with its letter stored.
  await expect(page).toHaveURL(/\/porting-requests\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
  expect(reference).toMatch(/^PR-\d{6}$/);
  await expect(page.locator("[data-status=requested]").first()).toHaveText("Requested");
  const download = page.getByRole("link", { name: "Download Letter of authorisation: loa-signed.pdf" });
  await expect(download).toBeVisible();
  const file = await page.request.get((await download.getAttribute("href")) ?? "");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect((await file.body()).length).toBe(9 * 1024 * 1024);

  // And in the list, as Requested.
  expect(await requestCount(page)).toBe(before + 1);
  await page.goto("/porting-requests");
  const row = page.getByRole("row").filter({ hasText: reference });
  await expect(row).toContainText("Requested");
  await expect(row).toContainText("+31 20 555 0101");
});

test("on a phone, with the keyboard: steps announce themselves, state survives going back, errors sit next to their field", async ({ page, tenant }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const acme = await dutchAccount(tenant);
  await signIn(page, acme.member.email);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.goto("/porting-requests/new");
  const noHorizontalScroll = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  await expect(stepHeading(page, "Country and number type")).toBeVisible();
  await noHorizontalScroll();
  await page.getByRole("radio", { name: /National/ }).focus();
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio", { name: /National/ })).toBeChecked();
  await page.getByRole("button", { name: "Next" }).press("Enter");

  await expect(stepHeading(page, "Company profile")).toBeFocused();
  await noHorizontalScroll();
  // The Rotterdam branch operates geographic numbers only, and lacks the KvK number.
  await expect(page.getByTestId("company-profile-option").filter({ hasText: "Rotterdam branch" })).toContainText(
    "does not list national numbers",
  );
  await page.getByRole("button", { name: "Next" }).press("Enter");
  await expect(page.getByText("Choose a company profile.")).toBeVisible();
  await page.getByRole("radio", { name: acme.profile.name }).focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Next" }).press("Enter");

  await expect(stepHeading(page, "Phone numbers")).toBeFocused();
  await page.getByLabel("Phone numbers to port").fill("085 303 9901");
  const list = page.getByRole("list", { name: "Numbers to port" });
  await expect(list.getByRole("listitem").filter({ hasText: "+31 85 303 9901" })).toContainText("National");
  // A CSV export: the header is skipped, the number is found in whichever column holds it.
  const csvChooser = page.waitForEvent("filechooser");
  await page.getByRole("button", { name: "Upload a CSV file" }).press("Enter");
  await (await csvChooser).setFiles({ name: "numbers.csv", mimeType: "text/csv", buffer: Buffer.from("Name;Number\r\nSales;085 303 9902\r\n") });
  await expect(page.getByText('Added 1 number from "numbers.csv".')).toBeVisible();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("numbers-summary")).toHaveText("All numbers can be ported");
  await noHorizontalScroll();
  await page.getByRole("button", { name: "Next" }).press("Enter");

  // Enter in a text field moves on too; going back keeps everything.
  await expect(stepHeading(page, "Porting details")).toBeFocused();
  await page.getByRole("textbox", { name: "Current provider" }).fill("VodafoneZiggo");
  await page.getByRole("button", { name: "Back" }).press("Enter");
  await expect(page.getByLabel("Phone numbers to port")).toHaveValue("085 303 9901\n085 303 9902");
  await page.getByRole("button", { name: "Back" }).press("Enter");
  await expect(page.getByRole("radio", { name: acme.profile.name })).toBeChecked();
  await page.getByRole("button", { name: "Next" }).press("Enter");
  await page.getByRole("button", { name: "Next" }).press("Enter");
  await expect(page.getByRole("textbox", { name: "Current provider" })).toHaveValue("VodafoneZiggo");
  await page.getByRole("textbox", { name: "Current provider" }).press("Enter");
  await expect(stepHeading(page, "Documents")).toBeFocused();
  await noHorizontalScroll();

  // A file that is not what its name says is refused in the browser already.
  const letter = page.getByTestId("document-letter_of_authorisation");
  const chooser = page.waitForEvent("filechooser");
  await letter.getByRole("button", { name: "Choose letter of authorisation" }).press("Enter");
  await (await chooser).setFiles({ name: "letter.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf") });
  await expect(letter).toContainText('"letter.pdf" is not a PDF, PNG or JPEG file.');
});

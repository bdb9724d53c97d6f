import type { Browser, BrowserContext, Page } from "@playwright/test";
import { auth, expect, randomNumber, test } from "./fixtures";
import { logins, signIn } from "./support";

// Issue 14, "done when", tried as a new user would: support rejects a Dutch request with two
// rejection codes; the customer sees exactly what to fix on the request page, each problem next
// to what it concerns; one click opens the corrected request with everything kept (numbers,
// details, documents), the profile is fixed in place and the foreign number dropped; support sees
// "resubmission of PR-…" and what changed since the rejection, and accepts it. (The email and the
// callback carrying the codes are covered against real receivers in
// lib/porting/rejection-notifications.test.ts.)

const contexts: BrowserContext[] = [];

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

/** "+31 20 123 4567", as the pages write an E.164 number (two-digit area code 020). */
const formatted = (e164: string) => `${e164.slice(0, 3)} ${e164.slice(3, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`;

test("rejected with two codes, corrected in one click with everything kept, accepted by support", async ({ browser, tenant }) => {
  const acme = await tenant("NL");
  const [kept, foreign] = [randomNumber(), randomNumber()] as const;
  const invoice = await acme.uploadDocument("invoice", "kpn-invoice.pdf");
  const letter = await acme.uploadDocument("letter_of_authorisation", "signed-letter.pdf");
  const original = await acme.createRequest({
    phoneNumbers: [kept, foreign],
    comment: "Main line and the old fax line",
    documents: [{ id: letter.id }, { id: invoice.id }],
  });

  // ── support rejects with two codes ────────────────────────────────────────────────────────────
  const support = await session(browser, logins.support);
  await support.goto(`/support/porting-requests/${original.id}`);
  await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: "Reject", exact: true }).click();
  const dialog = support.getByRole("dialog");
  await dialog.getByLabel(/^Reason/).fill("KPN knows the company under another name, and the second number is not with KPN.");
  // Without a problem ticked, the rejection is refused next to the checkboxes.
  await dialog.getByRole("button", { name: "Reject request" }).click();
  await expect(dialog.getByText("Tick at least one problem, so the customer knows what to fix.")).toBeVisible();
  await dialog.getByRole("checkbox", { name: /^Company name/ }).check();
  await dialog.getByRole("checkbox", { name: /^Number not with this provider/ }).check();
  // A number problem concerns every number until the agent says which.
  await dialog.getByRole("checkbox", { name: formatted(kept), exact: true }).uncheck();
  await expect(dialog.getByRole("checkbox", { name: formatted(foreign), exact: true })).toBeChecked();
  await dialog.getByRole("button", { name: "Reject request" }).click();
  await expect(dialog).toBeHidden();
  const status = support.getByRole("region", { name: "Status", exact: true });
  await expect(status.getByText("Blocked", { exact: true })).toBeVisible();
  await expect(status.getByTestId("support-rejection-problems").getByRole("listitem")).toHaveCount(2);

  // ── the customer (a member) sees what to fix, next to what it concerns ───────────────────────
  const customer = await session(browser, acme.member.email);
  await customer.goto(`/porting-requests/${original.id}`);
  const fix = customer.getByRole("group", { name: "What to fix (2 problems)" });
  await expect(fix.getByRole("listitem")).toHaveCount(2);
  await expect(fix.getByRole("listitem").filter({ hasText: "Company name" })).toContainText("does not match the name the current provider has");
  await expect(fix.getByRole("listitem").filter({ hasText: "Number not with this provider" })).toContainText(formatted(foreign));
  const numbers = customer.getByRole("region", { name: "Numbers (2)" });
  await expect(numbers.locator("tr[data-flagged]")).toHaveCount(1);
  await expect(numbers.locator("tr[data-flagged]")).toContainText(formatted(foreign));
  await expect(numbers.locator("tr[data-flagged]")).toContainText("Number not with this provider");
  const flaggedProfile = customer.getByTestId("flagged-profile-fields");
  await expect(flaggedProfile).toContainText("Company name");
  await expect(flaggedProfile).toContainText(acme.name);

  // ── one click: the corrected request, everything kept, the flagged parts highlighted ──────────
  await customer.getByTestId("create-corrected-request").click();
  await expect(customer).toHaveURL(new RegExp(`/porting-requests/new\\?from=${original.id}$`));
  await expect(customer.getByRole("heading", { level: 1, name: `Correct ${original.reference}` })).toBeVisible();
  await expect(customer.getByRole("heading", { name: "Review and submit" })).toBeVisible();
  const banner = customer.getByTestId("resubmission-banner");
  await expect(banner).toContainText(`Correcting ${original.reference}: 2 problems flagged by support`);
  await expect(banner.getByText(/Copying the documents/)).toBeHidden();
  const review = customer.getByRole("form", { name: "Review and submit" });
  await expect(review).toContainText("signed-letter.pdf");
  await expect(review).toContainText("kpn-invoice.pdf");
  await expect(review).toContainText("Main line and the old fax line");
  await expect(review).toContainText(acme.group.name);

  // The profile is fixed in place, on its step.
  await banner.getByRole("button", { name: "Fix in Company profile" }).click();
  const fixer = customer.getByTestId("profile-fixer");
  const newName = `${acme.name.replace(" B.V.", "")} Holding B.V.`;
  await fixer.getByLabel("Company name").fill(newName);
  await fixer.getByRole("button", { name: /^Save to/ }).click();
  await expect(fixer.getByText(/^Saved to the profile/)).toBeVisible();
  // The foreign number leaves the request, on its step.
  await customer.getByRole("button", { name: "Back to review" }).click();
  await banner.getByRole("button", { name: "Fix in Phone numbers" }).click();
  await expect(customer.locator("li[data-flagged]")).toContainText("Number not with this provider");
  await customer.getByRole("button", { name: `Remove ${formatted(foreign)}` }).click();
  await customer.getByRole("button", { name: "Back to review" }).click();
  await customer.getByRole("button", { name: "Create porting request" }).click();

  await expect(customer).toHaveURL(/\/porting-requests\/[0-9a-f-]{36}$/);
  const correctedId = customer.url().split("/").pop()!;
  expect(correctedId).not.toBe(original.id);
  await expect(customer.getByTestId("resubmission-of")).toContainText(`This request corrects ${original.reference}`);
  // Everything else kept, as the API shows it.
  const corrected = await (await acme.api.get(`/api/v1/porting-requests/${correctedId}`, { headers: auth(acme.key) })).json();
  expect(corrected).toMatchObject({
    status: "requested",
    phoneNumbers: [{ number: kept }],
    currentProvider: "KPN",
    distributionGroupId: acme.group.id,
    companyProfileId: acme.profile.id,
    comment: "Main line and the old fax line",
    resubmissionOf: { id: original.id, reference: original.reference },
  });
  const documents = await (await acme.api.get(`/api/v1/porting-requests/${correctedId}/documents`, { headers: auth(acme.key) })).json();
  expect((documents.data as { fileName: string }[]).map((d) => d.fileName).sort()).toEqual(["kpn-invoice.pdf", "signed-letter.pdf"]);
  // The Blocked one links to its correction.
  await customer.goto(`/porting-requests/${original.id}`);
  await expect(customer.getByTestId("resubmitted-as")).toContainText(corrected.reference);
  await expect(customer.getByTestId("create-corrected-request")).toHaveCount(0);

  // ── support sees what changed since the rejection, and accepts ────────────────────────────────
  await support.goto(`/support/porting-requests/${correctedId}`);
  const changes = support.getByTestId("resubmission-changes");
  await expect(changes).toContainText(`This request is a resubmission of ${original.reference}`);
  const nameRow = changes.locator('tr[data-key="profile.companyName"]');
  await expect(nameRow).toContainText("Flagged · changed");
  await expect(nameRow).toContainText(acme.name);
  await expect(nameRow).toContainText(newName);
  const numbersRow = changes.locator('tr[data-key="numbers"]');
  await expect(numbersRow).toContainText("Flagged · changed");
  await expect(numbersRow).toContainText(`Removed ${formatted(foreign)}`);
  await expect(changes).toContainText("Every flagged part changed.");
  await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: "Accept", exact: true }).click();
  const accept = support.getByRole("dialog");
  await accept.getByLabel(/^Reason/).fill("Name and numbers now match KPN's records; submitted to KPN.");
  await accept.getByRole("button", { name: "Accept request" }).click();
  await expect(accept).toBeHidden();
  await expect(support.getByRole("region", { name: "Status", exact: true }).getByText("In progress", { exact: true })).toBeVisible();
});

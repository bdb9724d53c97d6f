import { auth, expect, test, uploadDocument } from "./fixtures";
import { signIn } from "./support";

// The sandbox (issue 15 item 5) as a customer meets it: a test key made on the Settings page, a
// request created with it over HTTP with a magic number, the worker's simulated provider moving
// it on the real server (SANDBOX_STEP_SECONDS, default 5), the Sandbox view of the list, and
// Perform on the request's own page. The live list never shows it.

test("a test key from Settings makes a sandbox request: only the Sandbox tab lists it, the simulated provider makes it Ready, and Perform works on its page", async ({ page, tenant }) => {
  test.setTimeout(240_000);
  const acme = await tenant("NL");
  await signIn(page, acme.admin.email);
  await expect(page).toHaveURL(/\/porting-requests$/);

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Key name").fill("Sandbox CI");
  await page.getByLabel("Test (sandbox)").check();
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-api-key");
  await expect(panel).toContainText("This is a test key");
  const key = await panel.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^vp_test_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await panel.getByRole("button", { name: "I've stored the key" }).click();
  await expect(page.getByTestId("api-key-row").filter({ hasText: "Sandbox CI" })).toContainText("Test (sandbox)");

  // The account's own profile and group, a magic number, as an integrator would.
  const response = await acme.api.post("/api/v1/porting-requests", {
    headers: auth(key),
    data: {
      country: "NL",
      numberType: "geographic",
      companyProfileId: acme.profile.id,
      distributionGroupId: acme.group.id,
      phoneNumbers: ["+31 20 999 0001"],
      currentProvider: "KPN",
      documents: [{ id: (await uploadDocument(acme.api, key)).id }],
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const created = (await response.json()) as { id: string; reference: string; sandbox: boolean };
  expect(created.sandbox).toBe(true);
  // The fixture's live key never sees it.
  expect((await acme.api.get(`/api/v1/porting-requests/${created.id}`, { headers: auth(acme.key) })).status()).toBe(404);

  await page.goto("/porting-requests");
  await expect(page.getByRole("link", { name: created.reference, exact: true })).toHaveCount(0);
  const sides = page.getByRole("navigation", { name: "Live or sandbox" });
  await sides.getByRole("link", { name: "Sandbox 1" }).click();
  await expect(page).toHaveURL(/\/porting-requests\?sandbox=true$/);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: created.reference, exact: true }) });
  await expect(row).toBeVisible();
  await row.getByRole("link", { name: created.reference, exact: true }).click();

  await expect(page.getByRole("heading", { level: 1, name: created.reference })).toBeVisible();
  await expect(page.getByText("Sandbox", { exact: true })).toBeVisible();
  // The simulated provider accepts it and marks it ready; the open page follows by itself.
  const perform = page.getByRole("button", { name: "Perform porting" });
  await expect(perform).toBeVisible({ timeout: 60_000 });
  await perform.click();
  const dialog = page.getByRole("dialog", { name: `Perform porting of ${created.reference}?` });
  await expect(dialog).toContainText("no number moves to your voice account");
  await dialog.getByRole("button", { name: "Perform porting" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${created.reference} is Completed` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Current status" })).toContainText("no number was added to your voice account");
});

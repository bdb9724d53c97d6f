import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { logins, signIn, signOut } from "./support";
import { uploadDocument } from "./fixtures";

// The REST API against the real server: keys made on the settings pages, used over HTTP, revoked.
// Requests this spec changes are ones it creates itself, so other specs' demo data stays as seeded.

async function createKeyInSettings(page: Page, name: string): Promise<string> {
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-api-key");
  await expect(panel.getByRole("heading", { name: `Your new key “${name}”` })).toBeFocused();
  const key = await panel.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^vp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
  await panel.getByRole("button", { name: "I've stored the key" }).click();
  await expect(panel).toHaveCount(0);
  return key;
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

function randomDutchNumber(): string {
  return `+3120${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
}

async function createRequestWithKey(request: APIRequestContext, key: string) {
  const profiles = await request.get("/api/v1/company-profiles", { headers: auth(key) });
  expect(profiles.status()).toBe(200);
  const profile = ((await profiles.json()) as { data: { id: string; country: string; numberTypes: string[]; meetsRequirements: boolean }[] }).data.find(
    (p) => p.country === "NL" && p.meetsRequirements && p.numberTypes.includes("geographic"),
  );
  expect(profile, "a demo profile that meets the NL requirements").toBeDefined();
  const number = randomDutchNumber();
  const created = await request.post("/api/v1/porting-requests", {
    headers: { ...auth(key), "idempotency-key": `e2e-${number}` },
    data: {
      country: "NL",
      numberType: "geographic",
      companyProfileId: profile!.id,
      phoneNumbers: [`0${number.slice(3)}`],
      currentProvider: "KPN",
      documents: [{ id: (await uploadDocument(request, key)).id }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const body = (await created.json()) as { id: string; status: string; phoneNumbers: { number: string }[] };
  expect(body.phoneNumbers).toEqual([{ number, type: "geographic" }]);
  return body;
}

test("a customer creates a key on the settings page, uses it, sees its last use, and revokes it", async ({ page, request }) => {
  await signIn(page, logins.anna);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "API keys", exact: true })).toBeVisible();
  const key = await createKeyInSettings(page, "E2E integration");
  const row = page.getByTestId("api-key-row").filter({ hasText: "E2E integration" });
  await expect(row).toContainText("Never used");
  await expect(row).toContainText(key.slice(0, 11));
  await expect(page.getByText(key)).toHaveCount(0);

  // The static segment `statuses` wins over `[id]` on the real server.
  const statuses = await request.get("/api/v1/porting-requests/statuses", { headers: auth(key) });
  expect(statuses.status()).toBe(200);
  expect(((await statuses.json()) as { data: { id: string }[] }).data).toHaveLength(7);

  const created = await createRequestWithKey(request, key);
  const got = await request.get(`/api/v1/porting-requests/${created.id}`, { headers: auth(key) });
  expect(await got.json()).toEqual(created);

  await page.reload();
  await expect(row).toContainText("Last used just now");

  await row.getByRole("button", { name: "Revoke E2E integration" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke “E2E integration”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "“E2E integration” is revoked" })).toBeVisible();

  const refused = await request.get("/api/v1/countries", { headers: auth(key) });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(((await refused.json()) as { detail: string }).detail).toContain("revoked");
  await signOut(page);
});

test("a support agent makes a support key and moves a request on; a customer key may not", async ({ page, request }) => {
  await signIn(page, logins.bram);
  await expect(page).toHaveURL(/\/porting-requests$/);
  await page.getByRole("link", { name: "Settings" }).click();
  const customerKey = await createKeyInSettings(page, "E2E customer");
  const created = await createRequestWithKey(request, customerKey);
  await signOut(page);

  await signIn(page, logins.support);
  await expect(page).toHaveURL(/\/support$/);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Support API keys" })).toBeVisible();
  const supportKey = await createKeyInSettings(page, "E2E support");

  const forbidden = await request.post(`/api/v1/porting-requests/${created.id}/transitions`, {
    headers: auth(customerKey),
    data: { to: "in_progress", reason: "Trying." },
  });
  expect(forbidden.status()).toBe(403);

  const accepted = await request.post(`/api/v1/porting-requests/${created.id}/transitions`, {
    headers: auth(supportKey),
    data: { to: "in_progress", reason: "Checking with KPN." },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  expect(await accepted.json()).toMatchObject({ status: "in_progress", statusReason: "Checking with KPN." });

  const conflict = await request.post(`/api/v1/porting-requests/${created.id}/perform`, { headers: auth(customerKey) });
  expect(conflict.status()).toBe(409);
  // NL: a customer may cancel only once the request is ready to be ported.
  expect(await conflict.json()).toMatchObject({ currentStatus: "in_progress", allowedActions: [] });
});

test("the API reference and the OpenAPI document are public", async ({ page, request }) => {
  const response = await page.goto("/docs/api");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Voice Porting API" })).toBeVisible();
  for (const name of ["Create porting request", "Get porting request", "Perform porting request", "Cancel porting request", "Get porting request statuses", "Change status (support)"]) {
    await expect(page.getByRole("heading", { level: 3, name, exact: true })).toBeAttached();
  }
  await page.getByRole("navigation", { name: "API reference" }).getByRole("link", { name: "Idempotency" }).click();
  await expect(page).toHaveURL(/#idempotency$/);

  const document = await request.get("/api/v1/openapi.json");
  expect(document.status()).toBe(200);
  const json = (await document.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(json.openapi).toBe("3.1.0");
  expect(Object.keys(json.paths)).toContain("/porting-requests/{id}/perform");

  const unknown = await request.get("/api/v1/no-such-thing");
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toBe("application/problem+json");
});

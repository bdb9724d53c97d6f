import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect, test, uploadDocument } from "./fixtures";
import { logins, signIn } from "./support";

// Notifications end to end, against the real server and its worker (npm start runs one; the
// e2e server has ALLOW_INSECURE_CALLBACKS=true and no SMTP_URL): a callback to a real receiver in
// this test process, seen on the customer's and support's request pages with its attempts and
// Resend; emails kept as "not sent (no SMTP configured)"; the signing secret in Settings; support's
// Callbacks and Outbox pages. What a test changes (a request, the signing secret) is in a fresh
// account of its own (the `tenant` fixture); the demo data's failing callbacks are only read.

type Received = { headers: http.IncomingHttpHeaders; body: string };

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function session(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** Answers 500 to the first callback, 200 afterwards. */
async function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      const status = received.length === 1 ? 500 : 200;
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 500 ? "receiver not ready" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/hooks/porting`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function apiKey(page: Page): Promise<string> {
  await page.goto("/settings");
  await page.getByLabel("Key name").fill("Notifications e2e");
  await page.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("new-api-key");
  const key = await panel.getByLabel("New API key").inputValue();
  await panel.getByRole("button", { name: "I've stored the key" }).click();
  return key;
}

test("a callback fails, is resent and arrives signed; the request pages show every email and attempt", async ({ browser, request, tenant }) => {
  const acme = await tenant("NL");
  const receiver = await startReceiver();
  try {
    const customer = await session(browser, acme.admin.email);
    const key = await apiKey(customer);
    const headers = { authorization: `Bearer ${key}` };

    // The signing secret, as the Settings page shows it (masked until revealed).
    const secretBox = customer.getByLabel("Signing secret", { exact: true });
    await expect(secretBox).toHaveValue(/^whsec_•+.{4}$/);
    await customer.getByRole("button", { name: "Reveal" }).click();
    await expect(customer.getByRole("button", { name: "Hide" })).toHaveAttribute("aria-pressed", "true");
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);

    const profiles = (await (await request.get("/api/v1/company-profiles", { headers })).json()) as {
      data: { id: string; country: string; meetsRequirements: boolean; numberTypes: string[] }[];
    };
    const profile = profiles.data.find((p) => p.country === "NL" && p.meetsRequirements && p.numberTypes.includes("geographic"))!;
    const number = `+3120${String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0")}`;
    const created = await request.post("/api/v1/porting-requests", {
      headers: { ...headers, "idempotency-key": `e2e-notify-${number}` },
      data: {
        country: "NL",
        numberType: "geographic",
        companyProfileId: profile.id,
        phoneNumbers: [number],
        currentProvider: "KPN",
        callbackUrl: receiver.url,
        documents: [{ id: (await uploadDocument(request, key)).id }],
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id, reference } = (await created.json()) as { id: string; reference: string };

    // The first attempt gets a 500: the customer's page shows it, with the attempt.
    await customer.goto(`/porting-requests/${id}`);
    const panel = customer.getByRole("region", { name: "Notifications" });
    await expect(panel.getByText("Retrying")).toBeVisible();
    await expect(panel.getByText(/Attempt 1 of 10 failed: HTTP 500 Internal Server Error: receiver not ready\./)).toBeVisible();
    await expect(panel.getByText("Not sent (no SMTP configured)")).toBeVisible();
    await panel.getByText("Show the email").click();
    await expect(panel.getByText(`${reference}: Requested – Request received`).first()).toBeVisible();
    await expect(panel.getByText(`Open the request: `, { exact: false })).toContainText(`/porting-requests/${id}`);

    // Resend: the waiting retry runs now, and arrives.
    await panel.getByRole("button", { name: "Resend callback for Requested" }).click();
    await expect(panel.getByRole("status")).toContainText("runs now");
    await expect(panel.getByText("Delivered · HTTP 200")).toBeVisible();
    await panel.getByText("Attempts (2)").click();
    await expect(panel.getByRole("table").getByRole("row")).toHaveCount(3);

    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    // Signed with the account's secret, verified by the Standard Webhooks library; the body is the GET JSON.
    const verified = new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>) as { id: string; status: string };
    expect(verified).toMatchObject({ id, status: "requested" });
    const got = await request.get(`/api/v1/porting-requests/${id}`, { headers });
    expect(second!.body).toBe(await got.text());

    // Support changes the status: a new email and callback appear on both pages without a reload.
    const support = await session(browser, logins.support);
    await support.goto(`/support/porting-requests/${id}`);
    await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: "Accept", exact: true }).click();
    const dialog = support.getByRole("dialog");
    await dialog.getByLabel(/^Reason/).fill("Documents checked");
    await dialog.getByRole("button", { name: "Accept request" }).click();
    await expect(dialog).toBeHidden();
    const supportPanel = support.getByRole("region", { name: "Notifications" });
    await expect(supportPanel.getByRole("listitem").filter({ hasText: "Documents checked" }).getByText("Delivered · HTTP 200")).toBeVisible();
    await expect(panel.getByRole("listitem").filter({ hasText: "Documents checked" }).getByText("Not sent (no SMTP configured)")).toBeVisible();
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received[2]!.headers["webhook-event-type"]).toBe("porting_request.status_changed");
  } finally {
    await receiver.close();
  }
});

test("the signing secret rotates with a day of overlap, and only for the customer's own account", async ({ browser, tenant }) => {
  const acme = await tenant("NL");
  const customer = await session(browser, acme.admin.email);
  await customer.goto("/settings");
  await customer.getByRole("button", { name: "Reveal" }).click();
  const before = await customer.getByLabel("Signing secret", { exact: true }).inputValue();
  await customer.getByRole("button", { name: "Rotate…" }).click();
  const dialog = customer.getByRole("dialog", { name: "Rotate the signing secret?" });
  await expect(dialog).toContainText("For the next 24 hours every callback carries two signatures");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  await expect(dialog).toBeHidden();
  await expect(customer.getByText("Rotation in progress")).toBeVisible();
  const after = await customer.getByLabel("Signing secret", { exact: true }).inputValue();
  expect(after).toMatch(/^whsec_/);
  expect(after).not.toBe(before);
  await customer.reload();
  await expect(customer.getByText("Rotation in progress")).toBeVisible();
  await customer.getByRole("button", { name: "Stop using the previous secret now" }).click();
  await expect(customer.getByText("Callbacks are signed with the current secret only from now on.")).toBeVisible();
  await expect(customer.getByText("Rotation in progress")).toHaveCount(0);
});

test("support sees failing callbacks across accounts and the mail outbox", async ({ browser }) => {
  const support = await session(browser, logins.support);
  // The main navigation's link (the status strip links to the same page with its figures).
  await support.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Callbacks" }).click();
  await expect(support.getByRole("heading", { level: 1, name: "Failing callbacks" })).toBeVisible();
  // The demo's callback URLs do not exist: their callbacks are retried, with the reason.
  const rows = support.getByTestId("failing-callback");
  await expect(rows.filter({ hasText: "hooks.globex.example" }).first()).toContainText("Could not resolve the host name hooks.globex.example.");
  await expect(rows.filter({ hasText: "hooks.acme.example" }).first()).toContainText("Acme B.V.");
  await support.getByRole("navigation", { name: "Callback states" }).getByRole("link", { name: /^Failed/ }).click();
  await expect(support).toHaveURL(/state=failed/);

  await support.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Outbox" }).click();
  await expect(support.getByRole("heading", { level: 1, name: "Mail outbox" })).toBeVisible();
  const emails = support.getByTestId("outbox-email");
  // Newest first, 50 a page: by now the suite's own emails (kept without SMTP) may fill the first
  // page ahead of the demo's, so either reason shows that kept emails say why.
  await expect(emails.filter({ hasText: /Not sent \((demo data|no SMTP configured)\)/ }).first()).toBeVisible();
  await emails.first().getByText("Show the email").click();
  await expect(emails.first()).toContainText("What to do next:");
});

test("a customer never sees another account's notifications", async ({ browser, request }) => {
  const jonas = await session(browser, logins.jonas);
  const key = await apiKey(jonas);
  const acme = await session(browser, logins.anna);
  await acme.goto("/porting-requests");
  const link = acme.getByRole("link", { name: /^PR-\d{6}$/ }).first();
  const href = (await link.getAttribute("href")) ?? "";
  const id = href.split("/").pop()!;
  const response = await request.get(`/api/v1/porting-requests/${id}/notifications`, { headers: { authorization: `Bearer ${key}` } });
  expect(response.status()).toBe(404);
});

import type { Browser, BrowserContext, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startWebhookReceiver, type WebhookReceiver } from "../test/webhook-receiver";
import { expect, test } from "./fixtures";
import { signIn } from "./support";

// Settings → Webhooks end to end, against the real server and its worker (npm start runs one; the
// e2e server has ALLOW_INSECURE_CALLBACKS=true): an admin adds an endpoint pointing at a receiver
// in this test process (127.0.0.1), stores its secret from the page, creates a request WITHOUT a
// callback URL through the API, and sees the delivery on the page; the receiver got the event,
// verifiable with that secret. A member sees the endpoints and deliveries without the controls.

const contexts: BrowserContext[] = [];
const receivers: WebhookReceiver[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function session(browser: Browser, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

// Screenshots of the page for review when SHOTS_DIR is set (never in CI's output).
const shot = async (page: Page, name: string) => {
  if (process.env.SHOTS_DIR) await page.screenshot({ path: `${process.env.SHOTS_DIR}/${name}.png`, fullPage: true });
};

test("an admin adds an endpoint, a request made through the API without a callback URL reaches it signed, and the page shows the delivery", async ({ browser, tenant }) => {
  // One long story (add, deliver, test, resend, disable, a member's view) on a machine shared by
  // eight builds: more time than the suite's default.
  test.setTimeout(360_000);
  const acme = await tenant("NL");
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  const page = await session(browser, acme.admin.email);

  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/settings\/webhooks$/);
  await expect(page.getByRole("heading", { name: "No webhook endpoints yet" })).toBeVisible();

  // Add it, keyboard only: the dialog opens on the URL field.
  await page.getByRole("button", { name: "Add your first endpoint" }).click();
  const editor = page.getByRole("dialog", { name: "Add a webhook endpoint" });
  await expect(editor.getByLabel("Endpoint URL")).toBeFocused();
  await page.keyboard.type("https://10.0.0.7/hooks");
  await editor.getByRole("button", { name: "Add endpoint" }).click();
  await expect(editor.getByText(/10\.0\.0\.7 is in a private network/)).toBeVisible();
  await editor.getByLabel("Endpoint URL").fill(receiver.url);
  await editor.getByLabel("Description").fill("Order system");
  await editor.getByRole("radio", { name: /Only the ones I choose/ }).check();
  await editor.getByRole("checkbox", { name: /porting_request\.created/ }).check();
  await editor.getByRole("checkbox", { name: /porting_request\.status_changed/ }).check();
  await editor.getByRole("button", { name: "Add endpoint" }).click();

  // The secret, shown once.
  const shown = page.getByRole("dialog", { name: "Endpoint added: store its secret" });
  const secret = await shown.getByTestId("webhook-secret").inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
  await shown.getByRole("button", { name: "I have stored it" }).click();
  await expect(shown).toBeHidden();

  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: receiver.url }) });
  await expect(card.getByText("Enabled")).toBeVisible();
  await expect(card.getByText("porting_request.created", { exact: true })).toBeVisible();
  await expect(card.getByText("Nothing has been sent to this endpoint yet.")).toBeVisible();

  // A request through the API, with no callback URL.
  const created = await acme.createRequest();
  await expect
    .poll(() => receiver.received.filter((r) => (JSON.parse(r.body) as { id?: string }).id === created.id).length, { timeout: 20_000 })
    .toBe(1);
  const [delivery] = receiver.received;
  const verified = new Webhook(secret).verify(delivery!.body, delivery!.headers as Record<string, string>) as { id: string; reference: string; callbackUrl: string | null };
  expect(verified).toMatchObject({ id: created.id, reference: created.reference, callbackUrl: null });
  expect(delivery!.headers["webhook-event-type"]).toBe("porting_request.created");

  // The page shows it, delivered, without a reload (the event stream refreshes the log).
  const row = card.getByTestId("webhook-delivery").filter({ hasText: "porting_request.created" });
  await expect(row.getByText("Delivered · HTTP 204")).toBeVisible();
  await expect(row.getByText(String(delivery!.headers["webhook-id"]))).toBeVisible();
  await shot(page, "webhooks-admin-1280");

  // Send a test; it arrives with the test type and shows up too.
  await card.getByRole("button", { name: "Send test" }).click();
  await expect(page.getByRole("status").getByText(/A test event is on its way/)).toBeVisible();
  await expect.poll(() => receiver.received.some((r) => r.headers["webhook-event-type"] === "webhook_endpoint.test"), { timeout: 20_000 }).toBe(true);
  await expect(card.getByTestId("webhook-delivery").filter({ hasText: "webhook_endpoint.test" }).getByText(/Delivered/)).toBeVisible();

  // Resend the request's delivery: a new webhook-id, the same body.
  await row.getByRole("button", { name: /^Resend/ }).click();
  await expect(page.getByRole("status").getByText(/Sent again as a new delivery/)).toBeVisible();
  await expect.poll(() => receiver.received.filter((r) => r.body === delivery!.body).length, { timeout: 20_000 }).toBe(2);

  // Disable: the card says so.
  await card.getByRole("button", { name: "Disable" }).click();
  await expect(card.getByText("Disabled", { exact: true })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "webhooks-admin-390");

  // A member sees it and its deliveries, without the controls.
  const member = await session(browser, acme.member.email, 390);
  await member.goto("/settings/webhooks");
  const memberCard = member.getByRole("listitem").filter({ has: member.getByRole("heading", { name: receiver.url }) });
  await expect(memberCard.getByText("Order system")).toBeVisible();
  await expect(memberCard.getByRole("button", { name: "Send test" })).toHaveCount(0);
  await expect(member.getByText("Only an admin of your account can add or change endpoints.")).toBeVisible();
  await expect(memberCard.getByTestId("webhook-delivery").first()).toBeVisible();
  await shot(member, "webhooks-member-390");
});

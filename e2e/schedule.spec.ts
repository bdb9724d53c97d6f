import type { Browser, BrowserContext, Page } from "@playwright/test";
import { sql } from "drizzle-orm";
import { expect, test } from "./fixtures";
import { logins, signIn } from "./support";

// Completion on the agreed date outside the Netherlands (issue 14 item 5), in a real browser:
// support confirms the customer's preferred moment on the request page, both pages say "Scheduled
// for …", completing by hand earlier asks first, and at the moment the request completes by itself
// (the worker beside the server) while the customer's page shows it without a reload.

const contexts: BrowserContext[] = [];
const shots = process.env.SHOTS_DIR;

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

async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

function tomorrowAt(hour: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
}

test("a German request completes by itself at its confirmed moment, and the customer's page shows it without a reload", async ({ browser, tenant, orm }) => {
  const globex = await tenant("DE");
  const preferred = tomorrowAt(10);
  const created = await globex.createRequest({ preferredPortingDate: preferred });
  await globex.move(created.id, "in_progress", "Documents verified, request sent to Deutsche Telekom");

  // Support: the preferred moment is shown, and confirmed in the dialog it opens with.
  const support = await session(browser, logins.support);
  await support.goto(`/support/porting-requests/${created.id}`);
  await expect(support.getByRole("heading", { level: 1, name: created.reference })).toBeVisible();
  await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: "Schedule completion" }).click();
  const dialog = support.getByRole("dialog");
  await expect(dialog).toContainText("The customer prefers");
  await expect(dialog.getByLabel("Date")).toBeFocused();
  await expect(dialog.getByLabel("Date")).toHaveValue(preferred.slice(0, 10));
  await expect(dialog.getByLabel("Time (UTC)")).toHaveValue("10:00");
  await dialog.getByRole("button", { name: "Confirm the moment" }).click();
  await expect(dialog).toBeHidden();
  await expect(support.getByTestId("scheduled-porting")).toContainText("Scheduled for");
  await expect(support.getByTestId("scheduled-porting-at")).toHaveAttribute("datetime", new Date(preferred).toISOString());
  await shoot(support, "support-request-scheduled");

  // Completing by hand before the moment asks first; keeping the schedule changes nothing.
  await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: "Complete", exact: true }).click();
  const question = support.getByRole("dialog", { name: /before its moment/ });
  await expect(question).toContainText("Completing it now cancels that schedule");
  await question.getByRole("button", { name: "Keep the schedule" }).click();
  await expect(question).toBeHidden();
  await expect(support.getByTestId("scheduled-porting")).toBeVisible();

  // The customer sees the moment on the request page, and in the GET JSON.
  const customer = await session(browser, globex.admin.email);
  await customer.goto(`/porting-requests/${created.id}`);
  await expect(customer.getByTestId("scheduled-porting")).toContainText("Scheduled for");
  const json = (await (await globex.api.get(`/api/v1/porting-requests/${created.id}`, { headers: { authorization: `Bearer ${globex.key}` } })).json()) as { scheduledPortingAt: string };
  expect(json.scheduledPortingAt).toBe(new Date(preferred).toISOString());
  await shoot(customer, "customer-request-scheduled");

  // The support queue shows the agreed moment on the request's row.
  await support.goto(`/support?status=in_progress&q=${encodeURIComponent(globex.name)}`);
  await expect(support.getByRole("row").filter({ hasText: globex.name }).getByTestId("agreed-date")).toContainText("Scheduled");
  await shoot(support, "support-queue-scheduled");

  // Tomorrow cannot be waited for: the agreed moment moves to a few seconds from now (what the
  // passing of time would do). The worker, the completion and the page are the real ones.
  await orm.execute(sql`update porting_requests set scheduled_porting_at = now() + interval '4 seconds' where id = ${created.id}`);
  await orm.execute(sql`update scheduled_completions set porting_at = now() + interval '4 seconds' where porting_request_id = ${created.id} and state = 'pending'`);

  const status = customer.getByRole("region", { name: "Current status" });
  await expect(status.getByText("Completed", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(customer.getByTestId("scheduled-porting")).toHaveCount(0);
  await expect(customer.getByTestId("status-reason")).toContainText("Completed at the porting moment confirmed by");
  await shoot(customer, "customer-request-completed-by-schedule");

  const done = (await (await globex.api.get(`/api/v1/porting-requests/${created.id}`, { headers: { authorization: `Bearer ${globex.key}` } })).json()) as {
    status: string;
    scheduledPortingAt: string | null;
    history: { to: string; actor: { role: string; name: string } }[];
  };
  expect(done).toMatchObject({ status: "completed", scheduledPortingAt: null });
  expect(done.history.filter((h) => h.to === "completed")).toEqual([expect.objectContaining({ actor: { role: "system", name: "Porting schedule" } })]);
  const numbers = (await (await globex.api.get(`/api/v1/numbers`, { headers: { authorization: `Bearer ${globex.key}` } })).json()) as { data: { number: string }[] };
  expect(numbers.data.map((n) => n.number)).toEqual(expect.arrayContaining([created.phoneNumbers[0]!.number]));
});

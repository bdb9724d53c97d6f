import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signIn } from "./support";

// Pushed, not polled (issue 13 item 1), in a real browser: an open page holds one event stream
// (GET /api/live) and asks for nothing while it is quiet; a change made elsewhere (support, by API)
// shows on the list and on the request page within seconds, by one refetch of what changed.

/** Every request the page makes for its live data, with when it was made. */
function watchDataRequests(page: Page) {
  const seen: { url: string; at: number }[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/v1/porting-requests")) seen.push({ url: url.pathname + url.search, at: Date.now() });
  });
  return seen;
}

/** Resolves when the page's event stream answers (its headers: a stream never completes). */
function streamOpens(page: Page) {
  return page.waitForResponse((response) => new URL(response.url()).pathname === "/api/live" && response.status() === 200);
}

test("the list and the request page follow a status change without polling", async ({ page, tenant }) => {
  const t = await tenant();
  const request = await t.createRequest();
  const seen = watchDataRequests(page);
  await signIn(page, t.admin.email);
  await expect(page).toHaveURL(/\/porting-requests/);

  const listStream = streamOpens(page);
  await page.goto("/porting-requests");
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: request.reference, exact: true }) });
  await expect(row).toContainText("Requested");
  await listStream;
  // When the stream opens, what is on screen is read once (it may have changed since the render); then silence.
  await page.waitForTimeout(1_500);
  const quietFrom = seen.length;
  await page.waitForTimeout(9_000); // more than twice the old 4 s polling
  expect(seen.slice(quietFrom), "requests while the stream is up and nothing changes").toEqual([]);

  await t.move(request.id, "in_progress", "Documents verified, request submitted to the current provider");
  await expect(row).toContainText("In progress");
  expect(seen.slice(quietFrom).every((r) => r.url.startsWith("/api/v1/porting-requests?"))).toBe(true);

  // A client-side navigation keeps the tab's stream; a full load opens a new one.
  const detailStream = streamOpens(page);
  await page.goto(`/porting-requests/${request.id}`);
  const status = page.getByRole("region", { name: "Current status" });
  await expect(status).toContainText("In progress");
  await detailStream;
  await page.waitForTimeout(1_500);
  const detailFrom = seen.length;
  await t.move(request.id, "ready_to_be_ported", "Donor agreed; ready for porting");
  await expect(status).toContainText("Ready to be ported");
  // The change is read by the request's own key, not by polling the list.
  expect(seen.slice(detailFrom).some((r) => r.url === `/api/v1/porting-requests/${request.id}`)).toBe(true);
});

test("another account's change never reaches the page", async ({ page, tenant }) => {
  const mine = await tenant();
  const other = await tenant();
  const request = await mine.createRequest();
  const foreign = await other.createRequest();
  await signIn(page, mine.admin.email);
  await expect(page).toHaveURL(/\/porting-requests/);
  const events: string[] = [];
  // What the stream delivers to this tab: read through the page's own EventSource is not exposed,
  // so a second EventSource of the same session listens beside it.
  const stream = streamOpens(page);
  await page.goto("/porting-requests");
  await stream;
  await page.exposeFunction("recordEvent", (data: string) => events.push(data));
  // Resolves once the second stream is open, so the changes below are sent to it.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const source = new EventSource("/api/live");
        source.addEventListener("open", () => resolve(), { once: true });
        for (const type of ["porting_request.created", "porting_request.status_changed"]) {
          source.addEventListener(type, (e) => (window as unknown as { recordEvent: (d: string) => void }).recordEvent((e as MessageEvent<string>).data));
        }
      }),
  );
  await other.move(foreign.id, "in_progress", "Accepted");
  await mine.move(request.id, "in_progress", "Accepted");
  await expect.poll(() => events.length).toBeGreaterThan(0);
  const ids = events.map((e) => (JSON.parse(e) as { portingRequestId: string }).portingRequestId);
  expect(ids).toContain(request.id);
  expect(ids).not.toContain(foreign.id);
});

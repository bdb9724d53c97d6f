import type { Browser, Page } from "@playwright/test";
import { auth, expect, pdfFile, test } from "./fixtures";
import { logins, signIn } from "./support";

// A conversation with support, and documents through the API and after creation (issue 14, items
// 3-4), in a real browser against the real app: support asks, the customer sees "waiting for you"
// and answers, support sees the answer unread; an internal note never reaches the customer; a
// request created through the API carries its letter of authorisation.

async function signedIn(browser: Browser, email: string, home: RegExp): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, email);
  // Sign-in goes through "/" to the role's home: slow on a loaded machine.
  await expect(page).toHaveURL(home, { timeout: 60_000 });
  return page;
}

test("support asks, the customer sees 'waiting for you' and answers, support sees it unread; an internal note never reaches the customer", async ({ browser, tenant }) => {
  // Two people, two browsers, a dozen page loads: three times the usual time on a loaded machine.
  test.slow();
  const acme = await tenant("NL");
  const request = await acme.requestIn("in_progress");
  const secret = `Internal: donor is slow, escalate on Friday ${Date.now()}`;
  const question = "KPN has another address on file. Can you send their last invoice?";

  // Support asks a question and leaves an internal note, on the request page.
  const support = await signedIn(browser, logins.support, /\/support/);
  await support.goto(`/support/porting-requests/${request.id}`);
  const supportPanel = support.getByRole("region", { name: "Conversation with the customer" });
  await expect(supportPanel.getByText("No messages yet")).toBeVisible();
  await supportPanel.getByLabel("Ask the customer for information").check();
  await supportPanel.getByLabel("Message", { exact: true }).fill(question);
  await supportPanel.getByRole("button", { name: "Ask the customer" }).click();
  const asked = supportPanel.getByRole("article", { name: /^Question from/ });
  await expect(asked).toContainText(question);
  await expect(asked).toContainText("Waiting for the customer");
  await supportPanel.getByLabel("Internal note", { exact: true }).check();
  await supportPanel.getByLabel("Note", { exact: true }).fill(secret);
  // Keyboard: Ctrl+Enter sends.
  await supportPanel.getByLabel("Note", { exact: true }).press("Control+Enter");
  await expect(supportPanel.getByRole("article", { name: /^Internal note from/ })).toContainText(secret);
  // Support moves on (a request left open reads the customer's new comments as they arrive).
  await support.goto("/support");

  // The customer: "waiting for you" in the list and on the request page; the note is nowhere.
  const customer = await signedIn(browser, acme.admin.email, /\/porting-requests$/);
  const row = customer.getByRole("row").filter({ has: customer.getByRole("link", { name: request.reference, exact: true }) });
  await expect(row.getByTestId("row-waiting-for-you")).toHaveText("Waiting for you");
  await row.getByRole("link", { name: request.reference, exact: true }).click();
  await customer.waitForURL(`**/porting-requests/${request.id}`, { timeout: 90_000 });
  await expect(customer.getByTestId("waiting-for-you")).toBeVisible();
  const panel = customer.getByRole("region", { name: "Conversation with support" });
  await expect(panel.getByRole("article", { name: /^Question from/ })).toContainText(question);
  await expect(panel.getByText("Waiting for your answer", { exact: true })).toBeVisible();
  await expect(customer.getByText(secret)).toHaveCount(0);
  expect(await customer.content()).not.toContain("escalate on Friday");
  // …nor in what the API answers the account.
  for (const path of [`/api/v1/porting-requests/${request.id}/comments`, `/api/v1/porting-requests/${request.id}`, `/api/v1/porting-requests/${request.id}/notifications`]) {
    const answer = await acme.api.get(path, { headers: auth(acme.key) });
    expect(answer.status(), path).toBe(200);
    expect(await answer.text(), path).not.toContain("escalate on Friday");
  }

  // The banner's link leads to the conversation; the answer is sent from the keyboard.
  await customer.getByRole("link", { name: "Answer support" }).click();
  await panel.getByLabel("Your message").fill("Attached to the request. The address on the invoice is Herengracht 182.");
  await panel.getByRole("button", { name: "Send to support" }).click();
  await expect(panel.getByRole("article", { name: /^Message from/ })).toContainText("Herengracht 182");
  // Answered: "waiting for you" goes, without a reload.
  await expect(customer.getByTestId("waiting-for-you")).toHaveCount(0);
  await customer.goto("/porting-requests");
  await expect(row.getByTestId("row-waiting-for-you")).toHaveCount(0);

  // Support's queue shows the answer unread; opening the request reads it.
  await support.goto(`/support?status=all&q=${encodeURIComponent(request.reference)}`);
  const queueRow = support.getByRole("row").filter({ has: support.getByRole("link", { name: request.reference, exact: true }) });
  await expect(queueRow.getByTestId("queue-unread")).toHaveText("1 unread message");
  await queueRow.getByRole("link", { name: request.reference, exact: true }).click();
  await support.waitForURL(`**/support/porting-requests/${request.id}`, { timeout: 90_000 });
  await expect(supportPanel.getByRole("article", { name: /^Message from/ })).toContainText("Herengracht 182");
  await support.goto(`/support?status=all&q=${encodeURIComponent(request.reference)}`);
  await expect(queueRow).toBeVisible();
  await expect(queueRow.getByTestId("queue-unread")).toHaveCount(0);

  // Bad input is named next to the field, and nothing is sent.
  await customer.goto(`/porting-requests/${request.id}`);
  await panel.getByRole("button", { name: "Send to support" }).click();
  await expect(panel.getByText("Write a message.")).toBeVisible();
  await expect(panel.getByLabel("Your message")).toHaveAttribute("aria-invalid", "true");
  await expect(panel.getByRole("article")).toHaveCount(2);
});

test("a request created through the API carries its letter of authorisation; without one it is refused, naming the kind", async ({ browser, tenant }) => {
  const acme = await tenant("NL");
  const refused = await acme.api.post("/api/v1/porting-requests", {
    headers: auth(acme.key),
    data: { country: "NL", numberType: "geographic", companyProfileId: acme.profile.id, phoneNumbers: ["+31201234567"], currentProvider: "KPN" },
  });
  expect(refused.status()).toBe(422);
  const problem = (await refused.json()) as { errors: Record<string, string[]> };
  expect(Object.keys(problem.errors)).toEqual(["documents.letter_of_authorisation"]);
  expect(problem.errors["documents.letter_of_authorisation"]![0]).toContain('kind "letter_of_authorisation"');

  const letter = await acme.uploadDocument("letter_of_authorisation", "Machtiging Acme.pdf");
  const created = await acme.createRequest({ documents: [{ id: letter.id }] });
  const documents = await acme.api.get(`/api/v1/porting-requests/${created.id}/documents`, { headers: auth(acme.key) });
  expect(((await documents.json()) as { data: { id: string; kind: string }[] }).data).toEqual([
    expect.objectContaining({ id: letter.id, kind: "letter_of_authorisation", fileName: "Machtiging Acme.pdf", addedAfterCreation: false }),
  ]);

  // On both request pages, downloadable.
  const customer = await signedIn(browser, acme.admin.email, /\/porting-requests$/);
  await customer.goto(`/porting-requests/${created.id}`);
  const card = customer.getByRole("region", { name: "Documents" });
  await expect(card.getByRole("link", { name: "Download Letter of authorisation: Machtiging Acme.pdf" })).toBeVisible();
  const support = await signedIn(browser, logins.support, /\/support/);
  await support.goto(`/support/porting-requests/${created.id}`);
  await expect(support.getByRole("region", { name: "Documents" }).getByRole("link", { name: /Machtiging Acme\.pdf/ })).toBeVisible();
});

test("a document added on the request page is on the timeline at once; a file that is not a document is refused next to the field", async ({ browser, tenant }) => {
  const acme = await tenant("NL");
  const request = await acme.createRequest();
  const customer = await signedIn(browser, acme.member.email, /\/porting-requests$/);
  await customer.goto(`/porting-requests/${request.id}`);
  const form = customer.getByRole("form", { name: "Add a document" });

  await form.getByLabel("Document").selectOption("invoice");
  await form.getByLabel("File").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just text") });
  await expect(form.getByText('"notes.txt" is not a PDF, PNG or JPEG file.', { exact: false })).toBeVisible();
  await form.getByRole("button", { name: "Add document" }).click();
  await expect(form.getByLabel("File")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("File").setInputFiles(pdfFile("KPN invoice April.pdf"));
  await form.getByRole("button", { name: "Add document" }).click();
  await expect(form.getByRole("status")).toContainText("Last invoice of the current provider added: KPN invoice April.pdf.");
  const history = customer.getByRole("region", { name: "History" });
  await expect(history.getByTestId("timeline-document")).toContainText("Document added: Last invoice of the current provider");
  await expect(history.getByTestId("timeline-document")).toContainText(acme.member.name);
  await expect(customer.getByRole("region", { name: "Documents" }).getByRole("link", { name: /KPN invoice April\.pdf/ })).toBeVisible();

  // The GET JSON's history stays the status changes.
  const got = await acme.api.get(`/api/v1/porting-requests/${request.id}`, { headers: auth(acme.key) });
  expect(((await got.json()) as { history: unknown[] }).history).toHaveLength(1);

  // Support sees the addition too.
  const support = await signedIn(browser, logins.support, /\/support/);
  await support.goto(`/support/porting-requests/${request.id}`);
  await expect(support.getByRole("region", { name: "History" }).getByTestId("timeline-document")).toContainText("KPN invoice April.pdf");
});

import { expect as baseExpect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import type { Inbox } from "./inbox";

// The porting story, told by two people in two browsers: a customer and a support agent. One
// implementation serves `npm run demo` (which shows a caption and takes a screenshot at every
// `snap`) and e2e/story.spec.ts (where `snap` does nothing and `scene` is test.step). Every step
// waits web-first for what it expects, so the same code is the suite's assertions.
//
// Selectors are roles and labels, never styling. Numbers are fresh: none is in db/seed.ts or in
// another spec, so the story runs against the shared e2e database without meeting anyone else.

const expect = baseExpect.configure({ timeout: 20_000 });

export const PASSWORD = "porting-demo";

export type Actor = {
  email: string;
  /** Who they are, for captions: "Anna de Vries · Acme B.V." */
  label: string;
  role: "customer" | "support";
};

export const ACTORS = {
  anna: { email: "anna@acme.test", label: "Anna de Vries · customer, Acme B.V. (NL)", role: "customer" },
  jonas: { email: "jonas@globex.test", label: "Jonas Weber · customer, Globex GmbH (DE)", role: "customer" },
  support: { email: "support@porting.test", label: "Sam Support · support agent", role: "support" },
} as const satisfies Record<string, Actor>;

export type ActorKey = keyof typeof ACTORS;

export type StoryEnv = {
  browser: Browser;
  baseURL: string;
  /** Receives the callbacks (and, in the demo, the emails) on 127.0.0.1. */
  inbox: Inbox;
  /** Shows `caption` on the page and records a screenshot (the demo); nothing in the suite. */
  snap: (page: Page, caption: string, options?: { key?: string }) => Promise<void>;
  /** Groups the steps of one scene: test.step in the suite, a heading in the demo. */
  scene: <T>(title: string, body: () => Promise<T>) => Promise<T>;
  /** Called for every new browser context before anything loads (the demo's caption bar). */
  prepareContext?: (context: BrowserContext, actor: Actor) => Promise<void>;
  viewport?: { width: number; height: number };
};

/** The people on stage: one signed-in browser context each, opened on first use. */
export class Cast {
  private readonly pages = new Map<ActorKey, Page>();
  constructor(private readonly env: StoryEnv) {}

  async page(key: ActorKey): Promise<Page> {
    const existing = this.pages.get(key);
    if (existing) return existing;
    const actor = ACTORS[key];
    const context = await this.env.browser.newContext({ baseURL: this.env.baseURL, viewport: this.env.viewport ?? { width: 1280, height: 800 } });
    await this.env.prepareContext?.(context, actor);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(actor.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(actor.role === "support" ? /\/support$/ : /\/porting-requests$/);
    this.pages.set(key, page);
    return page;
  }

  /** Closes every context: a page left open keeps polling. */
  async close(): Promise<void> {
    await Promise.all([...this.pages.values()].map((page) => page.context().close()));
    this.pages.clear();
  }
}

export type CreatedRequest = { id: string; reference: string };

// ── small helpers ────────────────────────────────────────────────────────────────────────────────

/** A small but real PDF: the server decides a document's type by its first bytes. */
export function letterOfAuthorisation(): Buffer {
  return Buffer.from(
    "%PDF-1.7\n% Letter of authorisation, signed\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "latin1",
  );
}

/** A business day `days` ahead as YYYY-MM-DD and as the pages write it ("Monday 14 July 2031"). */
export function businessDayAhead(days: number): { iso: string; text: string } {
  let date = new Date(Date.now() + days * 86_400_000);
  while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date = new Date(date.getTime() + 86_400_000);
  const iso = date.toISOString().slice(0, 10);
  const text = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${iso}T00:00:00Z`),
  );
  return { iso, text };
}

const stepHeading = (page: Page, name: string) => page.getByRole("heading", { level: 2, name });
const currentStatus = (page: Page) => page.getByRole("region", { name: "Current status" });
const supportStatus = (page: Page) => page.getByRole("region", { name: "Status", exact: true });

/** Marks the document, so a later check can prove the page was never reloaded. */
async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __storyNoReload: boolean }).__storyNoReload = true));
}

async function expectNotReloaded(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __storyNoReload?: boolean }).__storyNoReload)).toBe(true);
}

/** The customer's page shows `status` with `reason`, arrived by itself (polling), with the live announcement. */
async function customerSees(page: Page, status: string, reason: string): Promise<void> {
  const current = currentStatus(page);
  await expect(current.getByText(status, { exact: true })).toBeVisible();
  await expect(current.getByTestId("status-reason")).toHaveText(reason);
  await expect(page.getByRole("status").filter({ hasText: `Status changed to ${status}: ${reason}` })).toBeVisible();
  await expectNotReloaded(page);
}

/** Opens a request in the support console from the queue's search. */
async function supportOpens(support: Page, reference: string): Promise<void> {
  await support.goto(`/support?q=${encodeURIComponent(reference)}`);
  await support.getByRole("link", { name: reference, exact: true }).first().click();
  await expect(support.getByRole("heading", { level: 1, name: reference })).toBeVisible();
}

/** A support action: opens its dialog, writes the reason (and date), confirms; the dialog closes. */
async function supportActs(
  support: Page,
  env: StoryEnv,
  opts: { button: string; submit: string; reason: string; date?: string; caption?: string; key?: string; problems?: RegExp[] },
): Promise<void> {
  await support.getByRole("group", { name: "Support actions" }).getByRole("button", { name: opts.button, exact: true }).click();
  const dialog = support.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // A rejection says what to fix: the problems, ticked from the catalogue.
  for (const problem of opts.problems ?? []) await dialog.getByRole("checkbox", { name: problem }).check();
  await dialog.getByLabel(/^Reason/).fill(opts.reason);
  if (opts.date) await dialog.getByLabel("First possible porting date").fill(opts.date);
  if (opts.caption) await env.snap(support, opts.caption, { key: opts.key });
  await dialog.getByRole("button", { name: opts.submit }).click();
  await expect(dialog).toBeHidden();
}

type WizardInput = {
  country: string;
  numberType: RegExp;
  profile: string;
  numbers: string;
  provider: string;
  group?: string;
  callbackUrl?: string;
  comment?: string;
  /** YYYY-MM-DD; only outside the Netherlands. */
  preferredDate?: string;
};

/** The wizard walked straight through, for the requests the story does not dwell on. */
async function createRequest(page: Page, input: WizardInput): Promise<CreatedRequest> {
  await page.goto("/porting-requests/new");
  await expect(stepHeading(page, "Country and number type")).toBeVisible();
  await page.getByRole("radio", { name: new RegExp(`^${input.country}`) }).check();
  await page.getByRole("radio", { name: input.numberType }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(stepHeading(page, "Company profile")).toBeVisible();
  await page.getByRole("radio", { name: input.profile }).check();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(stepHeading(page, "Phone numbers")).toBeVisible();
  await page.getByLabel("Phone numbers to port").fill(input.numbers);
  await expect(page.getByTestId("numbers-summary")).toHaveText("All numbers can be ported");
  await page.getByRole("button", { name: "Next" }).click();
  await fillDetails(page, input);
  await page.getByRole("button", { name: "Next" }).click();
  await attachLetter(page);
  await page.getByRole("button", { name: "Next" }).click();
  await expect(stepHeading(page, "Review and submit")).toBeVisible();
  return submit(page);
}

async function fillDetails(page: Page, input: WizardInput): Promise<void> {
  await expect(stepHeading(page, "Porting details")).toBeVisible();
  await page.getByRole("textbox", { name: "Current provider" }).fill(input.provider);
  if (input.preferredDate) await page.getByLabel("Date", { exact: true }).fill(input.preferredDate);
  if (input.group) await page.getByLabel("Distribution group").selectOption({ label: input.group });
  if (input.callbackUrl) await page.getByLabel("Callback URL").fill(input.callbackUrl);
  if (input.comment) await page.getByLabel("Comment").fill(input.comment);
}

async function attachLetter(page: Page): Promise<void> {
  await expect(stepHeading(page, "Documents")).toBeVisible();
  const letter = page.getByTestId("document-letter_of_authorisation");
  const chooser = page.waitForEvent("filechooser");
  await letter.getByRole("button", { name: "Choose letter of authorisation" }).click();
  await (await chooser).setFiles({ name: "letter-of-authorisation.pdf", mimeType: "application/pdf", buffer: letterOfAuthorisation() });
  await expect(letter).toContainText("letter-of-authorisation.pdf");
}

async function submit(page: Page): Promise<CreatedRequest> {
  await page.getByRole("button", { name: "Create porting request" }).click();
  await expect(page).toHaveURL(/\/porting-requests\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^PR-\d{6}$/);
  const reference = (await heading.textContent())?.trim() ?? "";
  await expect(currentStatus(page).getByText("Requested", { exact: true })).toBeVisible();
  return { id: new URL(page.url()).pathname.split("/").pop() ?? "", reference };
}

/** The callbacks that reached the receiver for one request, as statuses in arrival order. */
function callbackStatuses(env: StoryEnv, id: string): string[] {
  return env.inbox.callbacks.filter((c) => c.body?.id === id).map((c) => c.body?.status ?? "?");
}

/** Scrolls the page so `locator` starts `offset` pixels below the top of the window (for the screenshots). */
async function scrollTo(locator: Locator, offset = 24): Promise<void> {
  await locator.evaluate((element, top) => window.scrollBy(0, element.getBoundingClientRect().top - top), offset);
}

// ── the Dutch request, from requirements to Perform porting ──────────────────────────────────────

export const NL_NUMBERS = {
  typed: "010 414 0700\n+31 10 414 0701\n010 414 070",
  fixed: "010 414 0700\n+31 10 414 0701\n010 414 0702",
  invalid: "010 414 070",
  shown: ["+31 10 414 0700", "+31 10 414 0701", "+31 10 414 0702"],
} as const;
export const NL_GROUP = "Amsterdam office";
export const ROTTERDAM = "Acme Rotterdam branch";
export const ROTTERDAM_KVK = "24680135";

/** Anna checks the Dutch requirements and completes the Rotterdam branch's company profile. */
export async function nlPrepare(env: StoryEnv, cast: Cast): Promise<void> {
  const anna = await cast.page("anna");
  await env.scene("A Dutch customer checks the requirements and completes her company profile", async () => {
    await expect(anna.getByRole("heading", { level: 1, name: "Porting requests" })).toBeVisible();
    await env.snap(
      anna,
      "Anna, of Acme B.V. in the Netherlands, signs in. Her porting requests move phone numbers from their current provider onto our voice platform.",
      { key: "requests-list" },
    );

    await anna.getByRole("link", { name: "New porting request" }).first().click();
    await expect(stepHeading(anna, "Country and number type")).toBeVisible();
    await expect(anna.getByRole("radio", { name: /Netherlands/ })).toBeChecked();
    await anna.getByRole("radio", { name: /Geographic/ }).check();
    const requirements = anna.getByRole("region", { name: "What you need for geographic numbers from the Netherlands" });
    await expect(requirements.getByText("KvK number", { exact: true })).toBeVisible();
    await expect(requirements.getByText("Letter of authorisation", { exact: true })).toBeVisible();
    await scrollTo(anna.getByText("Number type", { exact: true }));
    await env.snap(
      anna,
      "Step 1 of a new request: she wants to port Rotterdam office numbers (geographic, Netherlands) and sees what that requires — KvK number, representative, Dutch address, a signed letter of authorisation.",
      { key: "requirements" },
    );

    await anna.getByRole("button", { name: "Next" }).click();
    await expect(stepHeading(anna, "Company profile")).toBeVisible();
    const rotterdam = anna.getByTestId("company-profile-option").filter({ hasText: ROTTERDAM });
    await expect(rotterdam.getByRole("radio")).toBeDisabled();
    await expect(rotterdam).toContainText(`KvK number is missing in the company profile "${ROTTERDAM}"`);
    await env.snap(anna, "Step 2: the Rotterdam branch's company profile can't be used yet — its KvK number (Chamber of Commerce) is missing.");

    await rotterdam.getByRole("link", { name: /Fix the profile/ }).click();
    await expect(anna.getByRole("heading", { level: 1, name: `Edit “${ROTTERDAM}”` })).toBeVisible();
    await expect(anna.locator('[data-ready="true"]').first()).toBeAttached();
    await anna.getByLabel("KvK number").fill(ROTTERDAM_KVK);
    await expect(anna.getByTestId("requirements-summary")).toContainText("Meets the requirements for the Netherlands");
    await anna.getByRole("button", { name: "Save changes" }).click();
    await expect(anna).toHaveURL(/\/company-profiles\?saved=/);
    await expect(anna.getByRole("status").filter({ hasText: `“${ROTTERDAM}” is saved.` })).toContainText("It meets the requirements");
    const card = anna.getByTestId("company-profile").filter({ has: anna.getByRole("heading", { name: ROTTERDAM }) });
    await expect(card.getByText("Meets requirements")).toBeVisible();
    await env.snap(anna, "She clicks Fix the profile, adds the KvK number (checked as she types) and saves: the Rotterdam profile now meets the Dutch requirements.");
  });
}

/** Anna creates the request: pasted numbers, one invalid and fixed on the spot, a group and a callback URL. */
export async function nlCreate(env: StoryEnv, cast: Cast): Promise<CreatedRequest> {
  const anna = await cast.page("anna");
  return env.scene("She creates the porting request", async () => {
    await anna.goto("/porting-requests/new");
    await anna.getByRole("radio", { name: /Geographic/ }).check();
    await anna.getByRole("button", { name: "Next" }).click();
    await expect(stepHeading(anna, "Company profile")).toBeVisible();
    await anna.getByRole("radio", { name: ROTTERDAM }).check();
    await anna.getByRole("button", { name: "Next" }).click();

    await expect(stepHeading(anna, "Phone numbers")).toBeVisible();
    const box = anna.getByLabel("Phone numbers to port");
    await box.fill(NL_NUMBERS.typed);
    const list = anna.getByRole("list", { name: "Numbers to port" });
    await expect(list.getByRole("listitem")).toHaveCount(3);
    await expect(
      list.getByRole("listitem").filter({ hasText: `"${NL_NUMBERS.invalid}" is not a valid phone number in the Netherlands.` }),
    ).toBeVisible();
    await expect(anna.getByTestId("numbers-summary")).toHaveText("1 needs attention");
    await scrollTo(box, 80);
    await env.snap(
      anna,
      "Step 3: she pastes three numbers in mixed formats. Each is checked at once; one is a digit short and flagged before anything is sent.",
      { key: "numbers-check" },
    );

    await box.fill(NL_NUMBERS.fixed);
    await expect(anna.getByTestId("numbers-summary")).toHaveText("All numbers can be ported");
    for (const number of NL_NUMBERS.shown) {
      await expect(list.getByRole("listitem").filter({ hasText: number })).toContainText("Geographic");
    }
    await env.snap(anna, "She fixes the typo on the spot: all three numbers can be ported.");
    await anna.getByRole("button", { name: "Next" }).click();

    await fillDetails(anna, {
      country: "Netherlands",
      numberType: /Geographic/,
      profile: ROTTERDAM,
      numbers: NL_NUMBERS.fixed,
      provider: "KPN",
      group: NL_GROUP,
      callbackUrl: env.inbox.callbackUrl("/acme/porting-updates"),
      comment: "Reception and sales lines of the Rotterdam office.",
    });
    await expect(anna.getByRole("radio", { name: /Switch at the end of the contract/ })).toBeChecked();
    await scrollTo(anna.getByLabel("Callback URL"));
    await env.snap(
      anna,
      "Step 4: current provider, what happens to the contract, the distribution group the numbers will ring, and a callback URL where Acme's systems get every status update.",
    );
    await anna.getByRole("button", { name: "Next" }).click();
    await attachLetter(anna);
    await anna.getByRole("button", { name: "Next" }).click();

    await expect(stepHeading(anna, "Review and submit")).toBeVisible();
    await expect(anna.getByRole("region", { name: "Company profile" })).toContainText(ROTTERDAM);
    await expect(anna.getByRole("region", { name: "Phone numbers" })).toContainText(NL_NUMBERS.shown[2]);
    await env.snap(anna, "Steps 5 and 6: the signed letter of authorisation is attached; she reviews everything and submits.");

    const created = await submit(anna);
    await expect(currentStatus(anna).getByTestId("status-reason")).toHaveText("Request received");
    await markNoReload(anna);
    await env.snap(anna, `Created: ${created.reference} is Requested. From here on this page follows every change by itself.`, {
      key: "request-requested",
    });
    return created;
  });
}

export const NL_REASONS = {
  accept: "Documents verified, request submitted to KPN",
  delay: "KPN proposed a later date: the numbers are under contract until the end of the notice period",
  ready: "KPN confirmed the porting date; ready for porting",
} as const;

/** Support accepts, delays with a first possible date and marks ready; the customer's open page follows. */
export async function nlSupport(env: StoryEnv, cast: Cast, request: CreatedRequest): Promise<{ firstDate: string }> {
  const anna = await cast.page("anna");
  const support = await cast.page("support");
  return env.scene("Support works the request; the customer's page follows live", async () => {
    await support.goto(`/support?status=requested&q=${encodeURIComponent(request.reference)}`);
    await expect(support.getByRole("link", { name: request.reference, exact: true }).first()).toBeVisible();
    await env.snap(support, `Meanwhile, in another browser: Sam from support finds ${request.reference} in the support queue.`, { key: "support-queue" });
    await support.getByRole("link", { name: request.reference, exact: true }).first().click();
    await expect(support.getByRole("heading", { level: 1, name: request.reference })).toBeVisible();
    const status = supportStatus(support);
    await expect(status.getByText("Requested", { exact: true })).toBeVisible();
    await markNoReload(support);

    await supportActs(support, env, {
      button: "Accept",
      submit: "Accept request",
      reason: NL_REASONS.accept,
      caption: "Support accepts it. Every status change carries a reason, which the customer receives.",
      key: "support-accept",
    });
    await expect(status.getByText("In progress", { exact: true })).toBeVisible();
    await customerSees(anna, "In progress", NL_REASONS.accept);
    await env.snap(anna, "Anna's page, never reloaded: In progress, with support's reason.");

    const first = businessDayAhead(21);
    await supportActs(support, env, {
      button: "Delay",
      submit: "Delay request",
      reason: NL_REASONS.delay,
      date: first.iso,
      caption: "KPN, the current provider, proposes a later date: support delays the request with the first possible porting date.",
    });
    await expect(status.getByText(`First possible porting date: ${first.text}`)).toBeVisible();
    await customerSees(anna, "Delayed", NL_REASONS.delay);
    await expect(currentStatus(anna).getByTestId("first-possible-porting-date")).toHaveText(first.text);
    await env.snap(anna, `Anna sees it arrive: Delayed, first possible porting date ${first.text}.`, { key: "customer-delayed" });

    await supportActs(support, env, { button: "Mark ready to be ported", submit: "Mark ready", reason: NL_REASONS.ready });
    await expect(status.getByText("Ready to be ported", { exact: true })).toBeVisible();
    await customerSees(anna, "Ready to be ported", NL_REASONS.ready);
    await expect(anna.getByRole("button", { name: "Perform porting" })).toBeVisible();
    await expect(anna.getByRole("button", { name: "Cancel porting" })).toBeVisible();
    await env.snap(anna, "KPN agrees and support marks it ready. Anna's page now offers Perform porting (or Cancel porting).", {
      key: "customer-ready",
    });
    await expectNotReloaded(support);
    return { firstDate: first.text };
  });
}

/** Every change reached Acme by email (to the profile's addresses) and by a signed callback. */
export async function nlNotifications(env: StoryEnv, cast: Cast, request: CreatedRequest): Promise<void> {
  const anna = await cast.page("anna");
  await env.scene("Each change reached Acme by email and by callback", async () => {
    const expected = ["in_progress", "delayed", "ready_to_be_ported"];
    await expect.poll(() => callbackStatuses(env, request.id), { timeout: 30_000 }).toEqual(expect.arrayContaining(expected));
    const ready = env.inbox.callbacks.find((c) => c.body?.id === request.id && c.body.status === "ready_to_be_ported");
    expect(ready?.webhookId).toBeTruthy();
    expect(ready?.webhookSignature).toMatch(/^v1,/);
    expect(ready?.body).toMatchObject({ reference: request.reference, statusReason: NL_REASONS.ready });

    // The request page lists, per status change, the emails and the callback attempts, with Resend.
    const panel = anna.getByRole("region", { name: "Notifications", exact: true });
    await expect(panel).toContainText(env.inbox.callbackUrl("/acme/porting-updates"));
    const readyItem = panel.getByRole("listitem").filter({ has: anna.getByRole("button", { name: "Resend callback for Ready to be ported" }) });
    await expect(readyItem).toContainText("rotterdam@acme.test");
    await expect(readyItem.getByText(/^Delivered · HTTP 204/)).toBeVisible();
    await scrollTo(panel);
    await env.snap(
      anna,
      "Further down the same page: each change was emailed to the company profile's address and POSTed, signed, to the callback URL — with every attempt and a Resend button.",
      { key: "notifications" },
    );

    if (env.inbox.smtpUrl) {
      await expect.poll(() => env.inbox.emails.filter((e) => e.subject.includes(request.reference)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    }
    const receiver = await anna.context().newPage();
    await receiver.goto(env.inbox.pageUrl);
    await expect(receiver.getByRole("heading", { name: /Callbacks received/ })).toBeVisible();
    await env.snap(receiver, "And on Acme's side: its server received a signed callback for each change, carrying the whole request as JSON, and its mailbox the status emails.");
    await receiver.close();
  });
}

/** Anna performs the porting; the numbers land on the voice account with the distribution group. */
export async function nlPerform(env: StoryEnv, cast: Cast, request: CreatedRequest): Promise<void> {
  const anna = await cast.page("anna");
  const support = await cast.page("support");
  await env.scene("The customer performs the porting", async () => {
    await anna.evaluate(() => window.scrollTo(0, 0));
    await anna.getByRole("button", { name: "Perform porting" }).click();
    const dialog = anna.getByRole("dialog");
    await expect(dialog).toContainText(`Perform porting of ${request.reference}?`);
    await expect(dialog).toContainText(NL_GROUP);
    await env.snap(anna, `Anna clicks Perform porting. The dialog says what will happen: the 3 numbers move to Acme's voice account, ringing "${NL_GROUP}".`, {
      key: "perform",
    });
    await dialog.getByRole("button", { name: "Perform porting" }).click();
    await expect(dialog).toBeHidden();
    await expect(currentStatus(anna).getByText("Completed", { exact: true })).toBeVisible();
    await expect(currentStatus(anna).getByTestId("status-reason")).toHaveText("Performed by customer");
    await expect(anna.getByRole("status").filter({ hasText: `${request.reference} is Completed` })).toBeVisible();
    await scrollTo(anna.getByRole("region", { name: "History", exact: true }), 140);
    await env.snap(anna, `${request.reference} is Completed. Its history lists every step with its reason, who and when.`);

    // Support's page follows too, without a reload.
    const status = supportStatus(support);
    await expect(status.getByText("Completed", { exact: true })).toBeVisible();
    await expect(support.getByRole("region", { name: "History", exact: true }).getByRole("listitem").first()).toContainText("Performed by customer");

    await anna.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers", exact: true }).click();
    await expect(anna.getByRole("heading", { level: 1, name: "Numbers" })).toBeVisible();
    for (const number of NL_NUMBERS.shown) {
      const row = anna.getByRole("row").filter({ hasText: number });
      await expect(row.getByRole("link", { name: request.reference })).toBeVisible();
      await expect(row.locator("select option:checked")).toHaveText(NL_GROUP);
    }
    await env.snap(anna, `The numbers are on Acme's voice account, from ${request.reference}, ringing the "${NL_GROUP}" distribution group.`, {
      key: "numbers",
    });
  });
}

/** The suite puts the Rotterdam profile back as seeded (no KvK number), so later specs see the demo data. */
export async function restoreRotterdamProfile(cast: Cast): Promise<void> {
  const anna = await cast.page("anna");
  await anna.goto("/company-profiles");
  const card = anna.getByTestId("company-profile").filter({ has: anna.getByRole("heading", { name: ROTTERDAM }) });
  await card.getByRole("link", { name: `Edit ${ROTTERDAM}` }).click();
  await expect(anna.locator('[data-ready="true"]').first()).toBeAttached();
  await anna.getByLabel("KvK number").fill("");
  await anna.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByText("Missing: KvK number")).toBeVisible();
}

// ── Germany: completed by support ────────────────────────────────────────────────────────────────

export const DE_NUMBERS = { typed: "030 2648 3900, 030 2648 3901", shown: ["+49 30 26483900", "+49 30 26483901"] } as const;
export const DE_GROUP = "Berlin Zentrale";
export const DE_REASON = "Ported by Deutsche Telekom; the numbers are assigned to your voice account";

export async function deCompleted(env: StoryEnv, cast: Cast): Promise<CreatedRequest> {
  const jonas = await cast.page("jonas");
  const support = await cast.page("support");
  return env.scene("A German request: support completes it", async () => {
    const preferred = businessDayAhead(14);
    const request = await createRequest(jonas, {
      country: "Germany",
      numberType: /Geographic/,
      profile: "Globex Berlin",
      numbers: DE_NUMBERS.typed,
      provider: "Deutsche Telekom",
      preferredDate: preferred.iso,
      group: DE_GROUP,
      comment: "Zentrale und Vertrieb.",
    });
    await markNoReload(jonas);
    await expect(jonas.getByRole("region", { name: "Details" })).toContainText("Preferred porting date");
    await env.snap(
      jonas,
      `Jonas, of Globex GmbH in Berlin, files ${request.reference} for two Berlin numbers. Outside the Netherlands he may pick a preferred porting date.`,
    );

    await supportOpens(support, request.reference);
    const actions = support.getByRole("group", { name: "Support actions" });
    await expect(actions.getByRole("button")).toHaveText(["Accept", "Reject"]);
    await supportActs(support, env, { button: "Accept", submit: "Accept request", reason: "Documents verified, request submitted to Deutsche Telekom" });
    await expect(actions.getByRole("button")).toHaveText(["Complete", "Reject", "Schedule completion"]);
    await supportActs(support, env, {
      button: "Complete",
      submit: "Complete request",
      reason: DE_REASON,
      caption: "Outside the Netherlands there is no Delayed or Ready step: once the current provider has ported, support completes the request.",
    });
    await expect(supportStatus(support).getByText("Completed", { exact: true })).toBeVisible();

    await customerSees(jonas, "Completed", DE_REASON);
    await env.snap(jonas, `Jonas's page shows ${request.reference} Completed, with support's reason — again without a reload.`, { key: "de-completed" });

    await jonas.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Numbers", exact: true }).click();
    for (const number of DE_NUMBERS.shown) {
      const row = jonas.getByRole("row").filter({ hasText: number });
      await expect(row.getByRole("link", { name: request.reference })).toBeVisible();
      await expect(row.locator("select option:checked")).toHaveText(DE_GROUP);
    }
    return request;
  });
}

// ── a rejected request, and a cancelled one ──────────────────────────────────────────────────────

export const REJECT_REASON =
  "The KvK number on the letter of authorisation does not match the contract holder at KPN. Please create a new request with a corrected letter.";

export async function rejected(env: StoryEnv, cast: Cast): Promise<CreatedRequest> {
  const anna = await cast.page("anna");
  const support = await cast.page("support");
  return env.scene("A rejected request: Blocked, with the reason", async () => {
    const request = await createRequest(anna, {
      country: "Netherlands",
      numberType: /National/,
      profile: "Acme Amsterdam",
      numbers: "085 303 7700",
      provider: "KPN",
    });
    await markNoReload(anna);

    await supportOpens(support, request.reference);
    await supportActs(support, env, {
      button: "Reject",
      submit: "Reject request",
      reason: REJECT_REASON,
      problems: [/^Registration number/, /^Letter of authorisation missing or invalid/],
      caption: `Another request, ${request.reference}: the letter doesn't match, so support rejects it, ticks what to fix and says it in words too.`,
    });
    await expect(support.getByRole("status").filter({ hasText: `Rejected: ${request.reference} is now Blocked.` })).toBeVisible();

    await customerSees(anna, "Blocked", REJECT_REASON);
    await expect(anna.getByRole("button", { name: "Perform porting" })).toHaveCount(0);
    await expect(anna.getByRole("group", { name: "What to fix (2 problems)" })).toBeVisible();
    await env.snap(anna, "Anna sees Blocked with what to fix, each problem next to what it concerns, and Create corrected request.", {
      key: "blocked",
    });
    return request;
  });
}

export async function cancelled(env: StoryEnv, cast: Cast): Promise<CreatedRequest> {
  const jonas = await cast.page("jonas");
  return env.scene("A cancelled request", async () => {
    const request = await createRequest(jonas, {
      country: "Germany",
      numberType: /Geographic/,
      profile: "Globex Berlin",
      numbers: "030 2648 3950",
      provider: "Vodafone",
    });
    await jonas.getByRole("button", { name: "Cancel porting" }).click();
    const dialog = jonas.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/Reason/).fill("The branch moves; we keep this number at Vodafone for now.");
    await env.snap(jonas, `Jonas changes his mind about ${request.reference}. Outside the Netherlands a request can be cancelled while it is Requested or In progress.`);
    await dialog.getByRole("button", { name: "Cancel porting" }).click();
    await expect(dialog).toBeHidden();
    await expect(currentStatus(jonas).getByText("Cancelled", { exact: true })).toBeVisible();
    await expect(currentStatus(jonas).getByTestId("status-reason")).toHaveText("The branch moves; we keep this number at Vodafone for now.");
    await expect(jonas.getByRole("button", { name: "Cancel porting" })).toHaveCount(0);

    await jonas.getByRole("link", { name: "← Porting requests" }).click();
    const row = jonas.getByRole("row").filter({ hasText: request.reference });
    await expect(row).toContainText("Cancelled");
    await env.snap(jonas, "Globex's list: each request with its status and last reason — completed, cancelled, and the ones still under way.", {
      key: "list-statuses",
    });
    return request;
  });
}

import { test } from "@playwright/test";
import { startInbox, type Inbox } from "../scripts/demo/inbox";
import * as story from "../scripts/demo/story";

// The story `npm run demo` tells, as assertions: the same steps (scripts/demo/story.ts), with
// captions and screenshots turned off and every scene a test.step. The callbacks go to a real
// HTTP receiver in this process (the webServer runs with ALLOW_INSECURE_CALLBACKS=true).

let inbox: Inbox;
let cast: story.Cast | null = null;

test.beforeAll(async () => {
  inbox = await startInbox();
});

test.afterAll(async () => {
  await inbox?.close();
});

// Pages left open would keep polling into the next test.
test.afterEach(async () => {
  await cast?.close();
  cast = null;
});

function env(browser: story.StoryEnv["browser"], baseURL: string | undefined): story.StoryEnv {
  return {
    browser,
    baseURL: baseURL ?? "",
    inbox,
    snap: async () => {},
    scene: (title, body) => test.step(title, body),
  };
}

test("NL: requirements, profile fixed, request with a fixed typo; support accepts, delays, marks ready live; the customer performs", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const e = env(browser, baseURL);
  cast = new story.Cast(e);
  try {
    await story.nlPrepare(e, cast);
    const request = await story.nlCreate(e, cast);
    await story.nlSupport(e, cast, request);
    await story.nlNotifications(e, cast, request);
    await story.nlPerform(e, cast, request);
  } finally {
    // Leave the demo data as seeded for the specs that run after this one.
    await test.step("put the Rotterdam profile back as seeded", () => story.restoreRotterdamProfile(cast!));
  }
});

test("DE: a request completed by support reaches the customer live, its numbers on the voice account", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const e = env(browser, baseURL);
  cast = new story.Cast(e);
  await story.deCompleted(e, cast);
});

test("a rejected request: the customer sees Blocked and the reason", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const e = env(browser, baseURL);
  cast = new story.Cast(e);
  await story.rejected(e, cast);
});

test("a cancelled request: the customer cancels while it is Requested", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const e = env(browser, baseURL);
  cast = new story.Cast(e);
  await story.cancelled(e, cast);
});

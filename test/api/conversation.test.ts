import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import type { NotificationWorker } from "@/lib/notifications/worker";
import { createCompanyProfile, createRequest, createSupport, createTenant } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { testWorker, until } from "@/test/notifications";
import { signInAs, signOutAll } from "@/test/session";
import { call, callJson, keyFor } from "./client";
import { pdfBytes, uploadForm } from "./contract-conversation";

// The conversation and document routes as an integrator calls them (the real handlers, wrapper and
// verbs on a real PostgreSQL, emails through the real worker to a real SMTP server): who may read
// and write what, and that support's internal notes reach no customer answer.

let mail: MailCatcher;
let worker: NotificationWorker;

beforeAll(async () => {
  mail = await startMailCatcher();
  worker = testWorker({ smtpUrl: mail.url, mailFrom: "Voice Porting <porting@voice.test>" });
  await worker.start();
});

afterAll(async () => {
  signOutAll();
  await worker?.stop();
  await mail?.close();
});

async function world() {
  const { customer } = await createTenant("NL", "Conversation B.V.");
  const other = await createTenant("NL", "Elsewhere B.V.");
  const support = await createSupport("Sam Support");
  const profile = await createCompanyProfile(customer.accountId, "NL", { notificationEmails: ["ops@conversation.test"] });
  const request = await createRequest(customer, { companyProfileId: profile.id });
  return {
    request,
    customer,
    keys: { customer: await keyFor(customer), other: await keyFor(other.customer), support: await keyFor(support) },
  };
}

describe("who may read and write", () => {
  test("the account and support; another account's key gets 404 for every verb, and nothing is stored", async () => {
    const { request, keys } = await world();
    const base = `/porting-requests/${request.id}`;
    expect((await call("POST", `${base}/comments`, { key: keys.customer, json: { body: "From the account" } })).status).toBe(201);
    expect((await call("POST", `${base}/comments`, { key: keys.support, json: { body: "From support" } })).status).toBe(201);
    expect((await call("POST", `${base}/documents`, { key: keys.support, body: uploadForm("invoice") })).status).toBe(201);

    for (const [method, path, options] of [
      ["GET", `${base}/comments`, {}],
      ["POST", `${base}/comments`, { json: { body: "Theirs" } }],
      ["GET", `${base}/documents`, {}],
      ["POST", `${base}/documents`, { body: uploadForm("invoice") }],
      ["GET", `${base}/documents/00000000-0000-4000-8000-000000000000`, {}],
    ] as const) {
      const answer = await callJson(method, path, { key: keys.other, ...options });
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain("From the account");
    }
    const comments = await callJson<{ data: { body: string }[] }>("GET", `${base}/comments`, { key: keys.customer });
    expect(comments.body.data.map((c) => c.body)).toEqual(["From the account", "From support"]);
    const documents = await callJson<{ data: unknown[] }>("GET", `${base}/documents`, { key: keys.customer });
    expect(documents.body.data).toHaveLength(2); // the letter it was created with, and the invoice
  });

  test("changes through the API need a key: the app's session cookie may only read", async () => {
    const { request, customer } = await world();
    signInAs(customer);
    try {
      expect((await call("GET", `/porting-requests/${request.id}/comments`)).status).toBe(200);
      expect((await call("POST", `/porting-requests/${request.id}/comments`, { json: { body: "Ridden cookie" } })).status).toBe(401);
      expect((await call("POST", "/documents", { body: uploadForm("letter_of_authorisation") })).status).toBe(401);
    } finally {
      signOutAll();
    }
  });
});

describe("support's internal notes", () => {
  test("support reads them; no answer to the account holds one, and only support's visible comment is emailed", async () => {
    const { request, keys } = await world();
    const base = `/porting-requests/${request.id}`;
    const secret = `Internal ${Math.random().toString(36).slice(2)}: escalate to the donor's desk`;
    expect((await call("POST", `${base}/comments`, { key: keys.support, json: { body: secret, internal: true } })).status).toBe(201);
    const asked = await callJson<{ id: string }>("POST", `${base}/comments`, { key: keys.support, json: { body: "Please send the signed letter again.", asksForInformation: true } });
    expect(asked.status).toBe(201);

    const supportView = await callJson<{ data: { body: string; internal: boolean }[] }>("GET", `${base}/comments`, { key: keys.support });
    expect(supportView.body.data.map((c) => [c.body, c.internal])).toEqual([
      [secret, true],
      ["Please send the signed letter again.", false],
    ]);
    for (const path of [`${base}/comments`, base, "/porting-requests", `${base}/documents`, `${base}/notifications`]) {
      const answer = await call("GET", path, { key: keys.customer });
      expect(answer.status, path).toBe(200);
      expect(await answer.text(), path).not.toContain(secret);
    }
    const got = await callJson<{ waitingForCustomer: boolean }>("GET", base, { key: keys.customer });
    expect(got.body.waitingForCustomer).toBe(true);

    await until(() => mail.messages.some((m) => m.subject === `${request.reference}: support needs information from you`), 10_000, "the question's email");
    await worker.drain();
    const toAccount = mail.messages.filter((m) => m.to.includes("ops@conversation.test"));
    expect(toAccount.map((m) => m.subject)).toContain(`${request.reference}: support needs information from you`);
    for (const m of toAccount) expect(m.raw).not.toContain("escalate to the donor");

    // The answer ends the wait.
    expect((await call("POST", `${base}/documents`, { key: keys.customer, body: uploadForm("letter_of_authorisation", pdfBytes(2048), "signed.pdf") })).status).toBe(201);
    expect((await callJson<{ waitingForCustomer: boolean }>("GET", base, { key: keys.customer })).body.waitingForCustomer).toBe(false);
  });
});

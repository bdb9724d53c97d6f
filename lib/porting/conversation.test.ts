import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { CommentAddedEvent } from "@/lib/api/conversation-schemas";
import { callbackDeliveries, emailMessages, events, portingRequests } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { listSupportQueue } from "@/lib/support/queue";
import { createCompanyProfile, createRequest, createSupport, createTenant, insertRequestInStatus } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { testWorker, until } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import type { NotificationWorker } from "@/lib/notifications/worker";
import { addComment } from "./add-comment";
import { addDocumentToRequest } from "./add-document";
import { listComments } from "./comments";
import { markConversationRead } from "./mark-conversation-read";
import { getPortingRequestForActor, listFullPortingRequests, listPortingRequests } from "./queries";
import { transitionPortingRequest } from "./transition-porting-request";

// The conversation on a request (issue 14, item 3) against real PostgreSQL, a real SMTP server
// (test/mail-catcher.ts) driven by the real worker, and a real HTTP receiver for the callback URL.

let mail: MailCatcher;
let worker: NotificationWorker;
let receiver: WebhookReceiver;

beforeAll(async () => {
  mail = await startMailCatcher();
  receiver = await startWebhookReceiver();
  worker = testWorker({ smtpUrl: mail.url, mailFrom: "Voice Porting <porting@voice.test>" });
  await worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await mail?.close();
  await receiver?.close();
});

const pdf = () => {
  const data = new Uint8Array(64);
  data.set(new TextEncoder().encode("%PDF-1.7\n"));
  return data;
};

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}

async function unread(requestId: string): Promise<number> {
  const [row] = await getDb().select({ n: portingRequests.supportUnreadComments }).from(portingRequests).where(eq(portingRequests.id, requestId));
  return row!.n;
}

describe("a question from support and the customer's answer", () => {
  test("support asks: emailed, 'waiting for you' on the customer's GET and list until the customer replies; the reply is unread for support until opened", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport("Sam Support");
    const profile = await createCompanyProfile(customer.accountId, "NL", { notificationEmails: ["ops@acme.test", "anna@acme.test"] });
    const request = await createRequest(customer, { companyProfileId: profile.id, callbackUrl: receiver.url });
    await until(() => receiver.received.length >= 1, 10_000, "the creation's callback");

    const question = await addComment(support, request.id, { body: "KPN has another address on file.\nCan you send their last invoice?", asksForInformation: true });
    expect(question).toMatchObject({ author: { role: "support", name: "Sam Support" }, asksForInformation: true, internal: false });

    expect((await getPortingRequestForActor(customer, request.id)).waitingForCustomer).toBe(true);
    expect((await listPortingRequests(customer, {})).items.find((r) => r.id === request.id)?.waitingForCustomer).toBe(true);
    expect((await listFullPortingRequests(customer, { limit: 10 })).items.find((r) => r.id === request.id)?.waitingForCustomer).toBe(true);
    // Not a status: the seven stay seven, and no status change happened.
    const after = await getPortingRequestForActor(customer, request.id);
    expect(after).toMatchObject({ status: "requested", version: request.version });
    expect(after.history).toEqual(request.history);

    const [email] = await until(() => {
      const found = mail.messages.filter((m) => m.subject === `${request.reference}: support needs information from you`);
      return found.length ? found : null;
    }, 10_000, "the question's email");
    expect(email!.to.sort()).toEqual(["anna@acme.test", "ops@acme.test"]);
    expect(email!.text.replace(/\r\n/g, "\n")).toContain("> KPN has another address on file.\n> Can you send their last invoice?");
    expect(email!.text).toContain(`/porting-requests/${request.id}#conversation`);
    expect(email!.html).toContain("KPN has another address on file.");

    const answer = await addComment(customer, request.id, { body: "Attached to the request." });
    expect(answer.author).toEqual({ role: "customer", name: customer.name });
    expect((await getPortingRequestForActor(customer, request.id)).waitingForCustomer).toBe(false);
    expect(await unread(request.id)).toBe(1);
    const queue = await listSupportQueue(support, { status: "all", q: request.reference });
    expect(queue.items.find((i) => i.id === request.id)).toMatchObject({ unreadComments: 1, waitingForCustomer: false });

    // Opening the request reads it.
    await markConversationRead(support, request.id);
    expect(await unread(request.id)).toBe(0);
    await expect(markConversationRead(customer, request.id)).rejects.toBeInstanceOf(ForbiddenError);

    // The customer's own comment is not emailed back to them; the callback URL got the creation only.
    await worker.drain();
    const comments = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, request.id));
    expect(comments.filter((e) => e.kind === "comment").map((e) => e.subject)).toEqual([`${request.reference}: support needs information from you`]);
    expect(await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, request.id))).toHaveLength(1);
    expect(receiver.received.filter((r) => r.body.includes(request.id))).toHaveLength(1);

    // Both comments are account events (for endpoints and the stream), with the comment as their body.
    const recorded = await getDb().select().from(events).where(eq(events.portingRequestId, request.id));
    const commentEvents = recorded.filter((e) => e.type === "porting_request.comment_added").map((e) => JSON.parse(e.body) as Record<string, unknown>);
    expect(commentEvents).toEqual([
      { portingRequestId: request.id, reference: request.reference, comment: { id: question.id, body: question.body, author: question.author, asksForInformation: true, createdAt: question.createdAt } },
      { portingRequestId: request.id, reference: request.reference, comment: { id: answer.id, body: answer.body, author: answer.author, asksForInformation: false, createdAt: answer.createdAt } },
    ]);
    // Each is exactly the documented event body.
    for (const body of commentEvents) expect(CommentAddedEvent.strict().parse(body)).toEqual(body);
  });

  test("a customer's document also answers the question; a final request is never waiting", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await createRequest(customer);
    await addComment(support, request.id, { body: "Please send the signed letter.", asksForInformation: true });
    await addDocumentToRequest(customer, request.id, { kind: "letter_of_authorisation", filename: "signed.pdf", data: pdf() });
    expect((await getPortingRequestForActor(customer, request.id)).waitingForCustomer).toBe(false);

    await addComment(support, request.id, { body: "And the invoice, please.", asksForInformation: true });
    await transitionPortingRequest(support, { id: request.id, to: "blocked", reason: "Not with KPN.", rejectionCodes: ["other"] });
    expect((await getPortingRequestForActor(customer, request.id)).waitingForCustomer).toBe(false);
    const late = await failure(addComment(support, request.id, { body: "Anything else?", asksForInformation: true }));
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as ConflictError).details).toMatchObject({ currentStatus: "blocked" });
    // A plain comment is fine in any status: the conversation is not the status.
    await expect(addComment(customer, request.id, { body: "Why was it blocked?" })).resolves.toMatchObject({ body: "Why was it blocked?" });
  });
});

describe("internal notes", () => {
  test("support sees them; the customer never does: not in the conversation, the GET JSON, an email, an event or a callback", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const secret = `Internal ${Math.random().toString(36).slice(2)}: the donor is slow, escalate Friday.`;
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    await addComment(customer, request.id, { body: "Any news?" });
    const note = await addComment(support, request.id, { body: secret, internal: true });
    expect(note).toMatchObject({ internal: true, asksForInformation: false });
    // Writing a note means support has read the request.
    expect(await unread(request.id)).toBe(0);

    expect((await listComments(support, request.id)).items.map((c) => c.body)).toEqual(["Any news?", secret]);
    expect((await listComments(customer, request.id)).items.map((c) => c.body)).toEqual(["Any news?"]);
    expect(JSON.stringify(await getPortingRequestForActor(customer, request.id))).not.toContain(secret);

    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Looking into it" });
    await worker.drain();
    await until(() => receiver.received.filter((r) => r.body.includes(request.id)).length >= 2, 10_000, "two callbacks");
    const everything = await getDb().execute<{ text: string }>(sql`
      select body as text from events where porting_request_id = ${request.id}
      union all select text_body || html_body || subject from email_messages where porting_request_id = ${request.id}
      union all select body from callback_deliveries where porting_request_id = ${request.id}`);
    expect(everything.length).toBeGreaterThan(3);
    for (const row of everything) expect(row.text).not.toContain(secret);
    for (const received of receiver.received) expect(received.body).not.toContain(secret);
    for (const message of mail.messages) expect(message.raw).not.toContain("escalate Friday");
  });

  test("only support writes them, and a question cannot be internal", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await createRequest(customer);
    expect(await failure(addComment(customer, request.id, { body: "psst", internal: true }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(addComment(customer, request.id, { body: "?", asksForInformation: true }))).toBeInstanceOf(ForbiddenError);
    expect(await failure(addComment(support, request.id, { body: "?", internal: true, asksForInformation: true }))).toBeInstanceOf(ConflictError);
    expect((await listComments(support, request.id)).items).toEqual([]);
  });
});

describe("bad input and tenancy", () => {
  test("empty, blank, invisible or too long bodies are refused by field, and nothing is stored", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    for (const body of ["", "   \n ", "\u200b\u200b", "x".repeat(5001)]) {
      const error = await failure(addComment(customer, request.id, { body }));
      expect(error, JSON.stringify(body)).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["body"]);
    }
    expect(await failure(addComment(customer, request.id, { body: 5 as unknown as string }))).toBeInstanceOf(ValidationError);
    expect((await listComments(customer, request.id)).items).toEqual([]);
    await expect(addComment(customer, request.id, { body: "x".repeat(5000) })).resolves.toBeTruthy();
  });

  test("another account's request is not found, for reading and for writing", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    await addComment(customer, request.id, { body: "Mine" });
    expect(await failure(listComments(other.customer, request.id))).toBeInstanceOf(NotFoundError);
    expect(await failure(addComment(other.customer, request.id, { body: "Theirs" }))).toBeInstanceOf(NotFoundError);
    expect(await failure(addComment(customer, "not-a-uuid", { body: "x" }))).toBeInstanceOf(NotFoundError);
    expect((await listComments(customer, request.id)).items.map((c) => c.body)).toEqual(["Mine"]);
  });

  test("a support comment to a profile without addresses is recorded as not sent, naming why", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const request = await createRequest(customer, { companyProfileId: profile.id });
    // Addresses removed after the request was made (a profile needs one to be used).
    await getDb().execute(sql`update company_profiles set notification_emails = '{}' where id = ${profile.id}`);
    await addComment(support, request.id, { body: "Hello" });
    const [email] = await getDb().select().from(emailMessages).where(sql`${emailMessages.portingRequestId} = ${request.id} and ${emailMessages.kind} = 'comment'`);
    expect(email).toMatchObject({ state: "not_sent", recipients: [] });
    expect(email!.lastError).toMatch(/no notification email addresses/);
  });
});

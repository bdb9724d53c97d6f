import type { AddressInfo } from "node:net";
import { asc, eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { accounts, callbackAttempts, callbackDeliveries, emailMessages } from "@/db/schema";
import { createRequest, createTenant } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { failFirstWrite } from "@/test/faults";
import { TEST_SCHEDULE, until, workerPool } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import { notificationsForRequest } from "./queries";
import { maxAttempts } from "./schedule";

// The worker when things go wrong around a delivery (issue 11, review findings): the database
// failing after a send, a mail server slower than the lease, an attempt that throws before its
// result is recorded, a delivery whose last attempt never came back, and a fleet in which one
// worker has no SMTP_URL. Real PostgreSQL (faults injected with a trigger), a real SMTP server and
// a real HTTP receiver on 127.0.0.1.

let mail: MailCatcher;
let receiver: WebhookReceiver;
const workers = workerPool();
const started = workers.start;

beforeAll(async () => {
  mail = await startMailCatcher();
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await workers.stopAll();
});

afterAll(async () => {
  await mail?.close();
  await receiver?.close();
});

async function emailOf(requestId: string) {
  const [row] = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, requestId));
  return row!;
}

async function deliveryOf(requestId: string) {
  const [row] = await getDb().select().from(callbackDeliveries).where(eq(callbackDeliveries.portingRequestId, requestId));
  return row!;
}

const mailsFor = (reference: string, from: CaughtMailbox = mail) => from.messages.filter((m) => m.subject.startsWith(`${reference}:`));
type CaughtMailbox = Pick<MailCatcher, "messages">;

describe("an email that was sent", () => {
  test("is recorded as delivered even when the database refuses the first write after the send: sent once, not retried", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    // The first write that marks this email delivered fails; every other write goes through.
    const fault = await failFirstWrite({
      name: "fail_delivered_once",
      table: "email_messages",
      when: `new.state = 'delivered' and new.porting_request_id = '${request.id}'`,
    });
    try {
      await started({ smtpUrl: mail.url });
      const sent = await until(async () => {
        const row = await emailOf(request.id);
        return row.state === "delivered" ? row : null;
      }, 15_000, "the email to be recorded as delivered");
      expect(sent).toMatchObject({ attempts: 1, lastError: null });
      expect(mailsFor(request.reference)).toHaveLength(1);
    } finally {
      await fault.remove();
    }
  });

  test("a mail server slower than the lease: no second attempt starts while the first is still talking", async () => {
    // Greets the first connection only after 4 s; the test lease is 3 s.
    const messages: string[] = [];
    let connections = 0;
    let open = 0;
    const slow = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onConnect(_session, callback) {
        connections += 1;
        open += 1;
        if (connections === 1) setTimeout(() => callback(), 4_000);
        else callback();
      },
      onClose() {
        open -= 1;
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on("end", () => {
          messages.push(session.envelope.rcptTo.map((r) => r.address).join(","));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const url = `smtp://127.0.0.1:${(slow.server.address() as AddressInfo).port}`;
    try {
      const { customer } = await createTenant("NL");
      const request = await createRequest(customer);
      // Two workers of a fleet, both able to send.
      await started({ smtpUrl: url, leaseMs: 3_000 });
      await started({ smtpUrl: url, leaseMs: 3_000 });
      await until(async () => (await emailOf(request.id)).state === "delivered", 15_000, "the email");
      await until(() => open === 0, 15_000, "every SMTP connection to close");
      expect(messages).toEqual(["porting@example.test"]);
      expect(connections).toBe(1);
      expect(await emailOf(request.id)).toMatchObject({ attempts: 1, lastError: null });
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

describe("an attempt that throws before its result is recorded", () => {
  test("a malformed signing secret: every attempt is recorded with the reason, retried on the schedule, then failed", async () => {
    const { customer } = await createTenant("NL");
    await getDb().update(accounts).set({ signingSecret: "whsec_dG9vIHNob3J0" }).where(eq(accounts.id, customer.accountId));
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    await started();
    const failed = await until(async () => {
      const row = await deliveryOf(request.id);
      return row.state === "failed" ? row : null;
    }, 15_000, "the delivery to fail at the end of the schedule");
    expect(failed.attempts).toBe(maxAttempts(TEST_SCHEDULE));
    expect(failed.lastError).toMatch(/signing secret/i);
    const attempts = await getDb().select().from(callbackAttempts).where(eq(callbackAttempts.deliveryId, failed.id)).orderBy(asc(callbackAttempts.attempt));
    expect(attempts.map((a) => a.attempt)).toEqual(Array.from({ length: maxAttempts(TEST_SCHEDULE) }, (_, i) => i + 1));
    for (const attempt of attempts) expect(attempt.error).toMatch(/signing secret/i);
    expect(receiver.received.filter((r) => (JSON.parse(r.body) as { id: string }).id === request.id)).toEqual([]);
  });

  test("a delivery whose last attempt never recorded a result is failed at the end of the schedule, not claimed again", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer, { callbackUrl: receiver.url });
    const last = maxAttempts(TEST_SCHEDULE);
    // As a worker leaves them when it dies during the last attempt: the lease has run out.
    const lapsed = { attempts: last, lockedUntil: sql`now() - interval '1 second'` };
    await getDb().update(callbackDeliveries).set(lapsed).where(eq(callbackDeliveries.portingRequestId, request.id));
    await getDb().update(emailMessages).set(lapsed).where(eq(emailMessages.portingRequestId, request.id));

    const worker = await started({ smtpUrl: mail.url });
    await worker.drain();

    const delivery = await deliveryOf(request.id);
    expect(delivery).toMatchObject({ state: "failed", attempts: last, lockedUntil: null });
    expect(delivery.lastError).toMatch(/no result/i);
    const attempts = await getDb().select().from(callbackAttempts).where(eq(callbackAttempts.deliveryId, delivery.id)).orderBy(asc(callbackAttempts.attempt));
    expect(attempts.at(-1)).toMatchObject({ attempt: last, statusCode: null, nextAttemptAt: null });
    expect(receiver.received.filter((r) => (JSON.parse(r.body) as { id: string }).id === request.id)).toEqual([]);

    const email = await emailOf(request.id);
    expect(email).toMatchObject({ state: "failed", attempts: last, lockedUntil: null });
    expect(email.lastError).toMatch(/no result/i);
    expect(mailsFor(request.reference)).toEqual([]);
  });
});

describe("a fleet in which one worker has no SMTP_URL", () => {
  test("that worker leaves the emails to one that can send them; meanwhile they are kept and shown as not sent", async () => {
    const { customer } = await createTenant("NL");
    const request = await createRequest(customer);
    const withoutSmtp = await started({ smtpUrl: null });
    await withoutSmtp.drain();

    // Kept, not lost: still waiting for a worker that can send it, and shown as not sent (no SMTP).
    expect(await emailOf(request.id)).toMatchObject({ state: "pending", attempts: 0 });
    const [created] = (await notificationsForRequest(customer, request.id)).events;
    expect(created!.emails[0]).toMatchObject({ state: "not_sent", notSentReason: "noSmtp" });

    const withSmtp = await started({ smtpUrl: mail.url });
    await withSmtp.drain();
    expect(await emailOf(request.id)).toMatchObject({ state: "delivered", attempts: 1, lastError: null });
    expect(mailsFor(request.reference)).toHaveLength(1);
  });
});

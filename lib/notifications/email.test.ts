import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { emailMessages } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { cancelPortingRequest } from "@/lib/porting/cancel-porting-request";
import { performPortingRequest } from "@/lib/porting/perform-porting-request";
import { STATUSES } from "@/lib/porting/statuses";
import { todayInAmsterdam, transitionPortingRequest } from "@/lib/porting/transition-porting-request";
import { createCompanyProfile, createRequest, createSupport, createTenant, nextNumber } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { testWorker, until } from "@/test/notifications";
import type { NotificationWorker } from "./worker";

// Every status change emails the company profile's addresses through a real SMTP server (the
// in-process `smtp-server`), driven by the real verbs and the real worker.

let mail: MailCatcher;
let worker: NotificationWorker;

beforeAll(async () => {
  mail = await startMailCatcher();
  worker = testWorker({ smtpUrl: mail.url, mailFrom: "Voice Porting <porting@voice.test>" });
  await worker.start();
});

afterAll(async () => {
  await worker?.stop();
  await mail?.close();
});

function inDays(days: number): string {
  const d = new Date(`${todayInAmsterdam()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function mailFor(reference: string, label: string, count = 1) {
  return until(() => {
    const found = mail.messages.filter((m) => m.subject.startsWith(`${reference}: ${label} – `));
    return found.length >= count ? found : null;
  }, 10_000, `mail "${reference}: ${label}"`);
}

describe("status emails", () => {
  test("the Dutch flow: one email per change to every profile address, with the status, its description, the reason and what to do next", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport("Sam Support");
    const profile = await createCompanyProfile(customer.accountId, "NL", { notificationEmails: ["ops@acme.test", "anna@acme.test"] });
    const numbers = [nextNumber(), nextNumber()];
    const request = await createRequest(customer, { companyProfileId: profile.id, phoneNumbers: numbers });
    const link = `${appUrl()}/porting-requests/${request.id}`;

    const created = (await mailFor(request.reference, "Requested"))[0]!;
    expect(created.to.sort()).toEqual(["anna@acme.test", "ops@acme.test"]);
    expect(created.from).toBe("porting@voice.test");
    expect(created.subject).toBe(`${request.reference}: Requested – Request received`);
    expect(created.text).toContain(`We have received porting request ${request.reference} for 2 numbers in the Netherlands.`);
    expect(created.text).toContain(STATUSES.requested.description);
    expect(created.text).toContain(link);
    expect(created.html).toContain(`href="${link}"`);

    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Documents checked" });
    const accepted = (await mailFor(request.reference, "In progress"))[0]!;
    expect(accepted.subject).toBe(`${request.reference}: In progress – Documents checked`);
    expect(accepted.text).toContain(STATUSES.in_progress.description);
    expect(accepted.text).toContain("Reason: Documents checked");

    const date = inDays(21);
    await transitionPortingRequest(support, { id: request.id, action: "delay", reason: "KPN proposes a later date", firstPossiblePortingDate: date });
    const delayed = (await mailFor(request.reference, "Delayed"))[0]!;
    expect(delayed.subject).toBe(`${request.reference}: Delayed – KPN proposes a later date`);
    expect(delayed.text).toContain(STATUSES.delayed.description);
    expect(delayed.text).toContain(`First possible porting date: `);
    expect(delayed.text).toContain(`(${date})`);
    const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${date}T00:00:00Z`));
    expect(delayed.text).toContain(longDate);
    expect(delayed.html).toContain(longDate);

    const later = inDays(28);
    await transitionPortingRequest(support, { id: request.id, action: "delay", reason: "Moved again", firstPossiblePortingDate: later });
    const delayedAgain = (await mailFor(request.reference, "Delayed", 2))[1]!;
    expect(delayedAgain.text).toContain(`(${later})`);
    expect(delayedAgain.text).toContain("has an update");

    await transitionPortingRequest(support, { id: request.id, action: "mark_ready", reason: "Provider confirmed" });
    const ready = (await mailFor(request.reference, "Ready to be ported"))[0]!;
    expect(ready.text).toContain(STATUSES.ready_to_be_ported.description);
    expect(ready.text).toMatch(/Perform porting: completes the porting/);
    expect(ready.text).toMatch(/Cancel porting: stops the request/);
    expect(ready.html).toContain("<strong>Perform porting</strong>");

    await performPortingRequest(customer, request.id);
    const completed = (await mailFor(request.reference, "Completed"))[0]!;
    expect(completed.subject).toBe(`${request.reference}: Completed – Performed by customer`);
    expect(completed.text).toContain(STATUSES.completed.description);
    expect(completed.text).toContain(`${appUrl()}/numbers`);

    // The record matches what was sent.
    const rows = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, request.id)).orderBy(asc(emailMessages.createdAt));
    expect(rows).toHaveLength(6);
    await until(async () => {
      const fresh = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, request.id));
      return fresh.every((r) => r.state === "delivered" && r.sentAt && r.attempts === 1);
    });
    // Stable Message-ID per message (the row id), for de-duplication by mail systems.
    expect(created.messageId).toContain(rows[0]!.id);
  });

  test("Blocked asks for a new request; Cancelled says the numbers stay", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const rejected = await createRequest(customer);
    await transitionPortingRequest(support, { id: rejected.id, action: "reject", reason: "KvK number does not match the company", rejectionCodes: ["registration_number"] });
    const blocked = (await mailFor(rejected.reference, "Blocked"))[0]!;
    expect(blocked.subject).toBe(`${rejected.reference}: Blocked – KvK number does not match the company`);
    expect(blocked.text).toContain(STATUSES.blocked.description);
    expect(blocked.text).toContain("Please create a new porting request with the valid information");
    expect(blocked.to).toEqual(["porting@example.test"]);

    const cancelled = await createRequest(customer);
    await transitionPortingRequest(support, { id: cancelled.id, action: "accept", reason: "ok" });
    await transitionPortingRequest(support, { id: cancelled.id, action: "mark_ready", reason: "ready" });
    await cancelPortingRequest(customer, cancelled.id, { reason: "We stay with KPN" });
    const mailCancelled = (await mailFor(cancelled.reference, "Cancelled"))[0]!;
    expect(mailCancelled.subject).toBe(`${cancelled.reference}: Cancelled – We stay with KPN`);
    expect(mailCancelled.text).toContain("your numbers stay with your current provider");
    expect(mailCancelled.text).toContain("This is only possible when the status of the porting request is Ready to be ported.");
  });

  test("outside NL: completed by support, and a customer's cancel", async () => {
    const { customer } = await createTenant("DE");
    const support = await createSupport();
    const request = await createRequest(customer, { country: "DE", phoneNumbers: [nextNumber("DE")] });
    await transitionPortingRequest(support, { id: request.id, action: "accept", reason: "Checked" });
    await transitionPortingRequest(support, { id: request.id, action: "complete", reason: "Ported by Telekom" });
    const completed = (await mailFor(request.reference, "Completed"))[0]!;
    expect(completed.text).toContain("in Germany");
    expect(completed.text).toContain("Reason: Ported by Telekom");

    const other = await createRequest(customer, { country: "DE", phoneNumbers: [nextNumber("DE")] });
    await cancelPortingRequest(customer, other.id);
    const cancelled = (await mailFor(other.reference, "Cancelled"))[0]!;
    expect(cancelled.subject).toBe(`${other.reference}: Cancelled – Cancelled by customer`);
    // Cancelled from Requested: the spec's Dutch rule ("only possible when … Ready to be ported")
    // is not true here and must not be in the email (issue 14, item 6).
    expect(cancelled.text).toContain("You cancelled the request.");
    expect(cancelled.text).not.toContain("only possible when");
    expect(cancelled.html).not.toContain("only possible when");
  });

  test("reasons with markup are escaped in the HTML body", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await createRequest(customer);
    await transitionPortingRequest(support, { id: request.id, action: "reject", reason: `<script>alert("x")</script> & more`, rejectionCodes: ["other"] });
    const blocked = (await mailFor(request.reference, "Blocked"))[0]!;
    expect(blocked.html).not.toContain("<script>alert");
    expect(blocked.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more");
  });
});

describe("when the mail server is down or refuses", () => {
  async function emailOf(requestId: string) {
    const [row] = await getDb().select().from(emailMessages).where(eq(emailMessages.portingRequestId, requestId));
    return row!;
  }

  test("down, then up: retried with backoff and sent once, the errors recorded meanwhile", async () => {
    // Only this test's worker, which talks to a server that is down.
    await worker.stop();
    const { customer } = await createTenant("NL");
    const down = await startMailCatcher();
    const { port } = down;
    await down.close();
    const request = await createRequest(customer);
    const retrying = testWorker({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      emailSchedule: { delaysMs: [60, 120, 240, 480, 960, 1_920, 3_840, 7_680], jitter: 0 },
    });
    await retrying.start();
    try {
      const failed = await until(async () => {
        const row = await emailOf(request.id);
        return row.attempts >= 2 && row.state === "pending" ? row : null;
      });
      expect(failed.lastError).toMatch(/connect|ECONNREFUSED/i);
      expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(failed.createdAt.getTime());

      const { SMTPServer } = await import("smtp-server");
      const received: string[] = [];
      const back = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, session, callback) {
          stream.resume();
          stream.on("end", () => {
            received.push(session.envelope.rcptTo.map((r) => r.address).join(","));
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => back.listen(port, "127.0.0.1", resolve));
      try {
        const sent = await until(async () => {
          const row = await emailOf(request.id);
          return row.state === "delivered" ? row : null;
        }, 20_000);
        expect(sent.lastError).toBeNull();
        expect(sent.attempts).toBeGreaterThanOrEqual(3);
        expect(received).toEqual(["porting@example.test"]);
      } finally {
        await new Promise<void>((resolve) => back.close(() => resolve()));
      }
    } finally {
      await retrying.stop();
      worker = testWorker({ smtpUrl: mail.url, mailFrom: "Voice Porting <porting@voice.test>" });
      await worker.start();
    }
  });

  test("a temporary refusal (451) is retried; a permanent one (550) fails at once", async () => {
    const { customer } = await createTenant("NL");
    mail.failNext(1, 451);
    const retried = await createRequest(customer);
    const sent = await until(async () => {
      const row = await emailOf(retried.id);
      return row.state === "delivered" ? row : null;
    });
    expect(sent.attempts).toBe(2);

    mail.failNext(1, 550);
    const refused = await createRequest(customer);
    const failed = await until(async () => {
      const row = await emailOf(refused.id);
      return row.state === "failed" ? row : null;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/^SMTP 550/);
  });
});

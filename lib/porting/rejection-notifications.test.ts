import { afterAll, beforeAll, expect, test, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { accounts } from "@/db/schema";
import { callJson, keyFor } from "@/test/api/client";
import { createCompanyProfile, createRequest, createSupport, createTenant, nextNumber } from "@/test/factories";
import { startMailCatcher, type MailCatcher } from "@/test/mail-catcher";
import { testWorker, until } from "@/test/notifications";
import { startWebhookReceiver, type WebhookReceiver } from "@/test/webhook-receiver";
import type { NotificationWorker } from "@/lib/notifications/worker";
import { formatNumber } from "./numbers";
import { REJECTION_CATALOGUE } from "./rejection-codes";
import { resubmitPortingRequest } from "./resubmit-porting-request";
import { transitionPortingRequest } from "./transition-porting-request";

// The customer learns what to fix wherever a status change reaches them (issue 14 item 1): the
// Blocked email (real SMTP receiver) and the callback (real HTTP receiver, signed) carry every
// rejection code with its explanation and numbers; the callback body is the GET JSON. The
// corrected request's own creation says which request it corrects.

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

let mail: MailCatcher;
let receiver: WebhookReceiver;
let worker: NotificationWorker;

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

const callbacksFor = (id: string) => receiver.received.filter((r) => (JSON.parse(r.body) as { id: string }).id === id);

test("a rejection with two codes: the email and the signed callback say what to fix, and the corrected request's creation names the one it corrects", async () => {
  const { customer } = await createTenant("NL");
  const support = await createSupport("Sam Support");
  const key = await keyFor(customer);
  const profile = await createCompanyProfile(customer.accountId, "NL", { notificationEmails: ["ops@acme.test"] });
  const numbers = [nextNumber(), nextNumber()];
  const request = await createRequest(customer, { companyProfileId: profile.id, phoneNumbers: numbers, callbackUrl: receiver.url });

  await transitionPortingRequest(support, {
    id: request.id,
    action: "reject",
    reason: "KPN has another company name, and the second number is not theirs.",
    rejectionCodes: ["company_name", { code: "number_not_with_provider", numbers: [numbers[1]!] }],
  });

  const email = await until(() => mail.messages.find((m) => m.subject.startsWith(`${request.reference}: Blocked – `)), 10_000, "the Blocked email");
  expect(email.to).toEqual(["ops@acme.test"]);
  expect(email.text).toContain("What to fix (2 things):");
  expect(email.text).toContain(`  - Company name: ${REJECTION_CATALOGUE.company_name.description}`);
  expect(email.text).toContain(`  - Number not with this provider: ${REJECTION_CATALOGUE.number_not_with_provider.description}`);
  expect(email.text).toContain(`    Numbers: ${formatNumber(numbers[1]!)}`);
  expect(email.text).not.toContain(`Numbers: ${formatNumber(numbers[0]!)}`);
  expect(email.text).toContain("Create corrected request");
  expect(email.html).toContain("<strong>Number not with this provider</strong>");
  expect(email.html).toContain(formatNumber(numbers[1]!));

  const blockedCallback = await until(
    () => callbacksFor(request.id).find((c) => (JSON.parse(c.body) as { status: string }).status === "blocked"),
    10_000,
    "the Blocked callback",
  );
  const [account] = await getDb().select().from(accounts).where(eq(accounts.id, customer.accountId));
  expect(() => new Webhook(account!.signingSecret).verify(blockedCallback.body, blockedCallback.headers as Record<string, string>)).not.toThrow();
  const body = JSON.parse(blockedCallback.body) as { rejectionCodes: unknown };
  expect(body.rejectionCodes).toEqual([
    { code: "company_name", label: "Company name", description: REJECTION_CATALOGUE.company_name.description, pointsAt: { type: "company_profile", fields: ["companyName"] }, numbers: [] },
    {
      code: "number_not_with_provider",
      label: "Number not with this provider",
      description: REJECTION_CATALOGUE.number_not_with_provider.description,
      pointsAt: { type: "numbers" },
      numbers: [numbers[1]],
    },
  ]);
  // Byte for byte the GET JSON (nothing changed since).
  const got = await callJson("GET", `/porting-requests/${request.id}`, { key });
  expect(blockedCallback.body).toBe(JSON.stringify(got.body));

  const corrected = await resubmitPortingRequest(customer, request.id, { phoneNumbers: [numbers[0]!] });
  const created = await until(() => callbacksFor(corrected.id)[0], 10_000, "the corrected request's creation callback");
  expect(created.headers["webhook-event-type"]).toBe("porting_request.created");
  expect(JSON.parse(created.body)).toMatchObject({ resubmissionOf: { id: request.id, reference: request.reference }, status: "requested" });
  const createdEmail = await until(() => mail.messages.find((m) => m.subject.startsWith(`${corrected.reference}: Requested – `)), 10_000, "its email");
  expect(createdEmail.text).toContain(`This request corrects ${request.reference}, which was declined.`);
});

import { eq } from "drizzle-orm";
import { afterEach, describe, expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { portingRequestComments, portingRequestDocuments, portingRequests } from "@/db/schema";
import { listComments } from "@/lib/porting/comments";
import { createSupport, createTenant, insertRequestInStatus, randomId, testPdf } from "@/test/factories";
import { signInAs, signOutAll } from "@/test/session";
import { addCommentAction, addDocumentAction, markConversationReadAction } from "./actions";

// The request pages' conversation and document actions: the real exported actions, wrapper and
// verbs on a real PostgreSQL; only the session cookie lookup is replaced (test/session.ts).

afterEach(() => signOutAll());

function documentForm(id: string, kind: string | null, file: File | string | null) {
  const form = new FormData();
  form.set("id", id);
  if (kind !== null) form.set("kind", kind);
  if (file !== null) form.set("file", file);
  return form;
}

const pdfFile = (name = "loa.pdf", data: Uint8Array = testPdf()) => new File([data as BlobPart], name, { type: "application/pdf" });

describe("addCommentAction", () => {
  test("a customer writes; support comments, asks and notes; each lands as what it is", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport("Sam Support");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });

    signInAs(support);
    expect(await addCommentAction({ id: request.id, body: "Can you send the invoice?", kind: "question" })).toMatchObject({ ok: true, data: { asksForInformation: true, internal: false } });
    expect(await addCommentAction({ id: request.id, body: "Donor is slow.", kind: "internal" })).toMatchObject({ ok: true, data: { internal: true } });
    signInAs(customer);
    expect(await addCommentAction({ id: request.id, body: "Sent it.", kind: "comment" })).toMatchObject({ ok: true, data: { author: { role: "customer" } } });

    expect((await listComments(customer, request.id)).items.map((c) => c.body)).toEqual(["Can you send the invoice?", "Sent it."]);
    expect((await listComments(support, request.id)).items.map((c) => c.body)).toEqual(["Can you send the invoice?", "Donor is slow.", "Sent it."]);
  });

  test("refusals: signed out, a customer's note or question, another account's request, an empty or too long message", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });

    expect(await addCommentAction({ id: request.id, body: "Hi", kind: "comment" })).toMatchObject({ ok: false, code: "unauthorized" });
    signInAs(customer);
    expect(await addCommentAction({ id: request.id, body: "psst", kind: "internal" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await addCommentAction({ id: request.id, body: "?", kind: "question" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await addCommentAction({ id: request.id, body: "   ", kind: "comment" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { body: [expect.any(String)] } });
    expect(await addCommentAction({ id: request.id, body: "x".repeat(5001), kind: "comment" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { body: [expect.stringContaining("5000")] } });
    expect(await addCommentAction({ id: request.id, body: "Hi", kind: "shout" as "comment" })).toMatchObject({ ok: false, code: "validation", fieldErrors: { kind: [expect.any(String)] } });
    signInAs(other.customer);
    expect(await addCommentAction({ id: request.id, body: "Hi", kind: "comment" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await addCommentAction({ id: randomId(), body: "Hi", kind: "comment" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await getDb().select().from(portingRequestComments).where(eq(portingRequestComments.portingRequestId, request.id))).toEqual([]);
  });
});

describe("addDocumentAction", () => {
  test("customer and support add a file to an open request; the answer is the document as the API shows it", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport();
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    signInAs(customer);
    expect(await addDocumentAction(documentForm(request.id, "invoice", pdfFile("kpn.pdf")))).toMatchObject({
      ok: true,
      data: { kind: "invoice", fileName: "kpn.pdf", addedAfterCreation: true, uploadedBy: { role: "customer" } },
    });
    signInAs(support);
    expect(await addDocumentAction(documentForm(request.id, "letter_of_authorisation", pdfFile()))).toMatchObject({ ok: true, data: { uploadedBy: { role: "support" } } });
  });

  test("refusals name the field; a final or foreign request changes nothing", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const request = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    const done = await insertRequestInStatus({ accountId: customer.accountId, status: "completed" });
    signInAs(customer);
    expect(await addDocumentAction(documentForm(request.id, null, null))).toMatchObject({ ok: false, code: "validation", fieldErrors: { kind: [expect.any(String)], file: [expect.any(String)] } });
    expect(await addDocumentAction(documentForm(request.id, "passport", pdfFile()))).toMatchObject({ ok: false, fieldErrors: { kind: [expect.any(String)] } });
    expect(await addDocumentAction(documentForm(request.id, "invoice", "not a file"))).toMatchObject({ ok: false, fieldErrors: { file: [expect.any(String)] } });
    const notPdf = await addDocumentAction(documentForm(request.id, "invoice", pdfFile("x.pdf", new TextEncoder().encode("<html>hi</html>"))));
    expect(notPdf).toMatchObject({ ok: false, code: "validation", fieldErrors: { file: [expect.stringMatching(/is not a PDF, PNG or JPEG/)] } });
    expect(await addDocumentAction(documentForm(done.id, "invoice", pdfFile()))).toMatchObject({ ok: false, code: "conflict", details: { currentStatus: "completed" } });
    expect(await addDocumentAction({ id: request.id } as unknown as FormData)).toMatchObject({ ok: false, code: "validation" });
    signInAs(other.customer);
    expect(await addDocumentAction(documentForm(request.id, "invoice", pdfFile()))).toMatchObject({ ok: false, code: "not_found" });
    expect(await getDb().select().from(portingRequestDocuments).where(eq(portingRequestDocuments.portingRequestId, request.id))).toEqual([]);
  });
});

test("markConversationReadAction: support only", async () => {
  const { customer } = await createTenant("NL");
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
  signInAs(customer);
  await addCommentAction({ id: request.id, body: "Hello?", kind: "comment" });
  expect(await markConversationReadAction({ id: request.id })).toMatchObject({ ok: false, code: "forbidden" });
  const unread = async () => (await getDb().select({ n: portingRequests.supportUnreadComments }).from(portingRequests).where(eq(portingRequests.id, request.id)))[0]!.n;
  expect(await unread()).toBe(1);
  signInAs(await createSupport());
  expect(await markConversationReadAction({ id: request.id })).toMatchObject({ ok: true });
  expect(await unread()).toBe(0);
});

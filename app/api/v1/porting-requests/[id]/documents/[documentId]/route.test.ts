import { expect, test, vi } from "vitest";

vi.mock("@/lib/auth/session", async () => (await import("@/test/session")).sessionModule);

import { getDb } from "@/db";
import { portingRequestDocuments } from "@/db/schema";
import { createSupport, createTenant, insertRequestInStatus, randomId } from "@/test/factories";
import { signInAs } from "@/test/session";
import { GET } from "./route";

// The real handler through route(), on a real database; only the session cookie lookup is replaced.

async function withDocument(filename = "Machtiging Acme – maart.pdf", contentType = "application/pdf") {
  const { customer } = await createTenant();
  const request = await insertRequestInStatus({ accountId: customer.accountId, status: "requested" });
  const data = Buffer.from("%PDF-1.4 a letter of authorisation");
  const [doc] = await getDb()
    .insert(portingRequestDocuments)
    .values({ accountId: customer.accountId, portingRequestId: request.id, kind: "letter_of_authorisation", filename, contentType, size: data.length, data })
    .returning({ id: portingRequestDocuments.id });
  if (!doc) throw new Error("no document");
  return { customer, request, documentId: doc.id, data };
}

function download(id: string, documentId: string) {
  const url = `http://localhost/api/v1/porting-requests/${id}/documents/${documentId}`;
  return GET(new Request(url), { params: Promise.resolve({ id, documentId }) });
}

test("the customer of the account downloads the exact bytes, as an attachment with its name", async () => {
  const { customer, request, documentId, data } = await withDocument();
  signInAs(customer);
  const response = await download(request.id, documentId);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("application/pdf");
  expect(response.headers.get("content-disposition")).toBe(
    `attachment; filename="Machtiging Acme _ maart.pdf"; filename*=UTF-8''Machtiging%20Acme%20%E2%80%93%20maart.pdf`,
  );
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(Buffer.from(await response.arrayBuffer())).toEqual(data);
});

test("support downloads any account's document", async () => {
  const { request, documentId } = await withDocument();
  signInAs(await createSupport());
  expect((await download(request.id, documentId)).status).toBe(200);
});

test("another account's document is a 404, as are unknown and malformed ids", async () => {
  const { request, documentId } = await withDocument();
  const other = await createTenant();
  signInAs(other.customer);
  expect((await download(request.id, documentId)).status).toBe(404);

  const mine = await withDocument();
  signInAs(mine.customer);
  // The document exists, but under another account's request: still 404, even with the own request's id.
  expect((await download(mine.request.id, documentId)).status).toBe(404);
  expect((await download(mine.request.id, randomId())).status).toBe(404);
  expect((await download("not-a-uuid", mine.documentId)).status).toBe(404);
  expect((await download(mine.request.id, "../../etc/passwd")).status).toBe(404);
});

test("no session: 401; an unexpected stored type downloads as opaque bytes", async () => {
  const { customer, request, documentId } = await withDocument("page.html", "text/html");
  signInAs(null);
  expect((await download(request.id, documentId)).status).toBe(401);
  signInAs(customer);
  const response = await download(request.id, documentId);
  expect(response.headers.get("content-type")).toBe("application/octet-stream");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="page.html"/);
});

import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { DocumentAddedEvent } from "@/lib/api/conversation-schemas";
import { events, portingRequestDocuments } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createCompanyProfile, createRequest, createSupport, createTenant, insertRequestInStatus, nextNumber } from "@/test/factories";
import { until, workerPool } from "@/test/notifications";
import { addComment } from "./add-comment";
import { addDocumentToRequest, MAX_DOCUMENTS_PER_REQUEST } from "./add-document";
import { createPortingRequest } from "./create-porting-request";
import { MAX_DOCUMENT_BYTES } from "./document-files";
import { listDocuments } from "./documents";
import { deleteExpiredUploads } from "./pending-uploads";
import { getPortingRequestForActor } from "./queries";
import { MAX_PENDING_UPLOADS, uploadDocument } from "./upload-document";

// Documents through the API and after creation (issue 14, item 4), on a real PostgreSQL.

const workers = workerPool();
afterEach(() => workers.stopAll());

const pdf = (size = 256) => {
  const data = new Uint8Array(size);
  data.set(new TextEncoder().encode("%PDF-1.7\n"));
  return data;
};
const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const loa = (data = pdf(), filename = "loa.pdf") => ({ kind: "letter_of_authorisation" as const, filename, data });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
}

const fieldsOf = (error: unknown) => Object.keys((error as ValidationError).fieldErrors).sort();

function input(companyProfileId: string, country: "NL" | "DE" = "NL") {
  return { country, numberType: "geographic" as const, companyProfileId, phoneNumbers: [nextNumber(country)], currentProvider: "KPN" };
}

async function age(id: string, hours: number) {
  await getDb().execute(sql`update porting_request_documents set created_at = now() - make_interval(hours => ${hours}) where id = ${id}`);
}

describe("uploads before the request", () => {
  test("an upload is named by the create, attached in its transaction, and used once", async () => {
    const { customer } = await createTenant("NL");
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const upload = await uploadDocument(customer, loa(pdf(), "C:\\fakepath\\Machtiging.pdf"));
    expect(upload).toMatchObject({ kind: "letter_of_authorisation", fileName: "Machtiging.pdf", contentType: "application/pdf", size: 256 });
    expect(new Date(upload.expiresAt).getTime() - new Date(upload.createdAt).getTime()).toBe(24 * 3_600_000);

    const request = await createPortingRequest(customer, input(profile.id), getDb(), { documents: [{ uploadId: upload.id }], documentsVia: "api" });
    expect(await listDocuments(customer, request.id)).toEqual([
      expect.objectContaining({ id: upload.id, kind: "letter_of_authorisation", filename: "Machtiging.pdf", addedAfterCreation: false, uploadedBy: { role: "customer", name: customer.name } }),
    ]);
    // Not an addition: the creation's own documents are no document_added event.
    expect((await getDb().select().from(events).where(eq(events.portingRequestId, request.id))).map((e) => e.type)).toEqual(["porting_request.created"]);

    const again = await failure(createPortingRequest(customer, input(profile.id), getDb(), { documents: [{ uploadId: upload.id }], documentsVia: "api" }));
    expect(again).toBeInstanceOf(ValidationError);
    expect(fieldsOf(again)).toEqual(["documents.0.id", "documents.letter_of_authorisation"]);
  });

  test("required documents are enforced whichever way they come, naming the missing kind", async () => {
    const { customer } = await createTenant("DE");
    const profile = await createCompanyProfile(customer.accountId, "DE");
    const invoice = await uploadDocument(customer, { kind: "invoice", filename: "rechnung.png", data: png() });
    const error = await failure(createPortingRequest(customer, input(profile.id, "DE"), getDb(), { documents: [{ uploadId: invoice.id }], documentsVia: "api" }));
    expect(fieldsOf(error)).toEqual(["documents.letter_of_authorisation"]);
    expect((error as ValidationError).fieldErrors["documents.letter_of_authorisation"]![0]).toMatch(
      /Upload the letter of authorisation: it is required for porting numbers from Germany\. Send the file to POST \/api\/v1\/documents with kind "letter_of_authorisation"/,
    );
    const none = await failure(createPortingRequest(customer, input(profile.id, "DE"), getDb(), { documents: [], documentsVia: "api" }));
    expect(fieldsOf(none)).toEqual(["documents.letter_of_authorisation"]);
    // The refused create left the invoice waiting, still usable.
    const [row] = await getDb().select().from(portingRequestDocuments).where(eq(portingRequestDocuments.id, invoice.id));
    expect(row?.portingRequestId).toBeNull();
    // A file sent with the form and an upload by id count together; one per kind.
    const both = await failure(
      createPortingRequest(customer, input(profile.id, "DE"), getDb(), { documents: [{ uploadId: invoice.id }, { kind: "invoice", filename: "i.png", data: png() }, loa()] }),
    );
    expect(fieldsOf(both)).toEqual(["documents.invoice"]);
    const ok = await createPortingRequest(customer, input(profile.id, "DE"), getDb(), { documents: [{ uploadId: invoice.id }, loa()] });
    expect((await listDocuments(customer, ok.id)).map((d) => d.kind).sort()).toEqual(["invoice", "letter_of_authorisation"]);
  });

  test("another account's upload, an unknown id and an expired upload are all 'no upload with this id'", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const theirs = await uploadDocument(other.customer, loa());
    const expired = await uploadDocument(customer, loa());
    await age(expired.id, 24);
    const error = await failure(
      createPortingRequest(customer, input(profile.id), getDb(), {
        documents: [{ uploadId: theirs.id }, { uploadId: "0b9f6f1e-5c1d-4e8a-9d7a-2f1c3b4a5d6e" }, { uploadId: expired.id }, { uploadId: "nope" }],
        documentsVia: "api",
      }),
    );
    expect(fieldsOf(error)).toEqual(["documents.0.id", "documents.1.id", "documents.2.id", "documents.3.id", "documents.letter_of_authorisation"]);
    for (const key of ["documents.0.id", "documents.2.id"]) expect((error as ValidationError).fieldErrors[key]![0]).toMatch(/No upload with this id is waiting in your account/);
  });

  test("two creates naming one upload: exactly one gets it", async () => {
    const { customer } = await createTenant("NL");
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const upload = await uploadDocument(customer, loa());
    const results = await Promise.allSettled(
      [0, 1, 2].map(() => createPortingRequest(customer, input(profile.id), getDb(), { documents: [{ uploadId: upload.id }], documentsVia: "api" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(ValidationError);
  });

  test("bad files are refused naming `file`; support has no uploads; an account parks at most 50", async () => {
    const { customer } = await createTenant("NL");
    for (const [data, message] of [
      [new Uint8Array(), /is empty/],
      [new TextEncoder().encode("GIF89a not ours"), /is not a PDF, PNG or JPEG file/],
      [pdf(MAX_DOCUMENT_BYTES + 1), /a document can be at most 10 MB/],
    ] as const) {
      const error = await failure(uploadDocument(customer, loa(data, "x.pdf")));
      expect(fieldsOf(error)).toEqual(["file"]);
      expect((error as ValidationError).fieldErrors.file![0]).toMatch(message);
    }
    expect(await failure(uploadDocument(await createSupport(), loa()))).toBeInstanceOf(ForbiddenError);
    await getDb().execute(sql`
      insert into porting_request_documents (account_id, kind, filename, content_type, size, data)
      select ${customer.accountId}::uuid, 'invoice', 'filler.pdf', 'application/pdf', 4, '\\x25504446'::bytea from generate_series(1, ${MAX_PENDING_UPLOADS})`);
    expect(await failure(uploadDocument(customer, loa()))).toBeInstanceOf(ConflictError);
    // Expired ones do not count.
    await getDb().execute(sql`update porting_request_documents set created_at = now() - interval '25 hours' where account_id = ${customer.accountId}`);
    await expect(uploadDocument(customer, loa())).resolves.toMatchObject({ kind: "letter_of_authorisation" });
  });
});

describe("the sweep", () => {
  test("uploads no request used within 24 hours are deleted; used and fresh ones stay", async () => {
    const { customer } = await createTenant("NL");
    const profile = await createCompanyProfile(customer.accountId, "NL");
    const [old, fresh, used] = [await uploadDocument(customer, loa()), await uploadDocument(customer, loa()), await uploadDocument(customer, loa())];
    await createPortingRequest(customer, input(profile.id), getDb(), { documents: [{ uploadId: used.id }] });
    await age(old.id, 25);
    await age(used.id, 25);
    await age(fresh.id, 23);
    expect(await deleteExpiredUploads(getDb())).toBeGreaterThanOrEqual(1);
    const left = (await getDb().select({ id: portingRequestDocuments.id }).from(portingRequestDocuments)).map((r) => r.id);
    expect(left).not.toContain(old.id);
    expect(left).toEqual(expect.arrayContaining([fresh.id, used.id]));
  });

  test("the notification worker runs it", async () => {
    const { customer } = await createTenant("NL");
    const old = await uploadDocument(customer, loa());
    await age(old.id, 30);
    await workers.start({ uploadSweepIntervalMs: 50 });
    await until(async () => (await getDb().select().from(portingRequestDocuments).where(eq(portingRequestDocuments.id, old.id))).length === 0, 10_000, "the sweep");
  });
});

describe("documents added to an open request", () => {
  test("customer and support add files, the customer an upload too; each is an event and marked for the timeline", async () => {
    const { customer } = await createTenant("NL");
    const support = await createSupport("Sam Support");
    const request = await createRequest(customer);
    await addComment(support, request.id, { body: "Please send the invoice.", asksForInformation: true });

    const bySupport = await addDocumentToRequest(support, request.id, { kind: "letter_of_authorisation", filename: "from-kpn.pdf", data: pdf() });
    expect(bySupport).toMatchObject({ addedAfterCreation: true, uploadedBy: { role: "support", name: "Sam Support" } });
    // Support's document is no answer from the customer.
    expect((await getPortingRequestForActor(customer, request.id)).waitingForCustomer).toBe(true);

    const upload = await uploadDocument(customer, { kind: "invoice", filename: "kpn.png", data: png() });
    const byCustomer = await addDocumentToRequest(customer, request.id, { uploadId: upload.id });
    expect(byCustomer).toMatchObject({ id: upload.id, kind: "invoice", addedAfterCreation: true, uploadedBy: { role: "customer" } });
    expect((await getPortingRequestForActor(customer, request.id)).waitingForCustomer).toBe(false);
    expect(await failure(addDocumentToRequest(support, request.id, { uploadId: upload.id }))).toBeInstanceOf(ForbiddenError);

    const dto = await getPortingRequestForActor(customer, request.id);
    expect(dto.history).toHaveLength(1);
    const added = (await getDb().select().from(events).where(eq(events.portingRequestId, request.id)))
      .filter((e) => e.type === "porting_request.document_added")
      .map((e) => DocumentAddedEvent.strict().parse(JSON.parse(e.body)));
    expect(added.every((e) => e.portingRequestId === request.id && e.reference === request.reference)).toBe(true);
    expect(added.map((e) => [e.document.id, e.document.fileName])).toEqual([
      [bySupport.id, "from-kpn.pdf"],
      [byCustomer.id, "kpn.png"],
    ]);
  });

  test("refused when final, foreign, full or not a document", async () => {
    const { customer } = await createTenant("NL");
    const other = await createTenant("NL");
    const done = await insertRequestInStatus({ accountId: customer.accountId, status: "cancelled" });
    const closed = await failure(addDocumentToRequest(customer, done.id, loa()));
    expect(closed).toBeInstanceOf(ConflictError);
    expect((closed as ConflictError).details).toMatchObject({ currentStatus: "cancelled" });

    const open = await insertRequestInStatus({ accountId: customer.accountId, status: "in_progress" });
    expect(await failure(addDocumentToRequest(other.customer, open.id, loa()))).toBeInstanceOf(NotFoundError);
    expect(await failure(addDocumentToRequest(customer, "not-a-uuid", loa()))).toBeInstanceOf(NotFoundError);
    const bad = await failure(addDocumentToRequest(customer, open.id, loa(new TextEncoder().encode("<html>"), "loa.pdf")));
    expect(fieldsOf(bad)).toEqual(["file"]);
    const theirs = await uploadDocument(other.customer, loa());
    expect(fieldsOf(await failure(addDocumentToRequest(customer, open.id, { uploadId: theirs.id })))).toEqual(["id"]);

    for (let i = 0; i < MAX_DOCUMENTS_PER_REQUEST; i++) await addDocumentToRequest(customer, open.id, loa());
    expect(await failure(addDocumentToRequest(customer, open.id, loa()))).toBeInstanceOf(ConflictError);
    expect(await listDocuments(customer, open.id)).toHaveLength(MAX_DOCUMENTS_PER_REQUEST);
  });
});

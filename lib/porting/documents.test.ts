import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { createCompanyProfile, createRequest, createSupport, createTenant, nextNumber, randomId } from "@/test/factories";
import { createPortingRequest } from "./create-porting-request";
import { MAX_DOCUMENT_BYTES } from "./document-files";
import { getDocumentForActor, listDocuments, validateDocuments, type DocumentUpload } from "./documents";

const pdf = (size = 2048) => {
  const data = new Uint8Array(size);
  data.set(new TextEncoder().encode("%PDF-1.7\n"));
  return data;
};
const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const exe = () => new TextEncoder().encode("MZ\x90\x00\x03\x00\x00\x00\x04\x00");

const loa = (data = pdf(), filename = "loa.pdf"): DocumentUpload => ({ kind: "letter_of_authorisation", filename, data });
const invoice = (data: Uint8Array = png(), filename = "invoice.png"): DocumentUpload => ({ kind: "invoice", filename, data });

async function counts() {
  const [row] = await getDb().execute<{ requests: number; documents: number; numbers: number }>(sql`
    select (select count(*)::int from porting_requests) as requests,
           (select count(*)::int from porting_request_documents) as documents,
           (select count(*)::int from porting_request_numbers) as numbers`);
  return row;
}

describe("validateDocuments", () => {
  test("keeps good files with the type their bytes have, and reports every problem per kind", () => {
    const ok = validateDocuments([loa(), invoice()], "NL");
    expect(ok.errors).toEqual({});
    expect(ok.documents.map((d) => [d.kind, d.contentType, d.filename, d.size])).toEqual([
      ["letter_of_authorisation", "application/pdf", "loa.pdf", 2048],
      ["invoice", "image/png", "invoice.png", 12],
    ]);

    const bad = validateDocuments([invoice(exe(), "invoice.pdf")], "NL");
    expect(bad.documents).toEqual([]);
    expect(bad.errors["documents.invoice"]?.[0]).toMatch(/"invoice.pdf" is not a PDF, PNG or JPEG file/);
    expect(bad.errors["documents.letter_of_authorisation"]?.[0]).toMatch(/Upload the letter of authorisation: it is required .* the Netherlands/);

    const twice = validateDocuments([loa(), loa()], "DE");
    expect(twice.errors["documents.letter_of_authorisation"]?.[0]).toMatch(/not several/);
  });

  test("without a known country only the files themselves are checked", () => {
    expect(validateDocuments([], undefined).errors).toEqual({});
  });
});

describe("documents stored with the request", () => {
  test("the request and its documents are stored together; list and download are tenant-scoped", async () => {
    const { customer } = await createTenant("NL");
    const colleague = { ...customer, userId: randomId(), name: "Colleague" };
    const other = await createTenant("NL");
    const support = await createSupport();
    const letter = pdf(300_000);
    const profile = await createCompanyProfile(customer.accountId, "NL");
    await createRequest(customer, { companyProfileId: profile.id }); // another request of the account, with its own letter
    const request = await createPortingRequest(customer, input(profile.id), getDb(), {
      documents: [loa(letter, "C:\\fakepath\\LoA.pdf"), invoice()],
    });

    const list = await listDocuments(customer, request.id);
    expect(list).toEqual([
      { id: expect.any(String), kind: "letter_of_authorisation", filename: "LoA.pdf", contentType: "application/pdf", size: 300_000, uploadedBy: { role: "customer", name: customer.name }, addedAfterCreation: false, createdAt: expect.stringMatching(/Z$/) },
      { id: expect.any(String), kind: "invoice", filename: "invoice.png", contentType: "image/png", size: 12, uploadedBy: { role: "customer", name: customer.name }, addedAfterCreation: false, createdAt: expect.stringMatching(/Z$/) },
    ]);
    const [first] = list;
    if (!first) throw new Error("no document");
    const download = await getDocumentForActor(colleague, request.id, first.id);
    expect(download).toMatchObject(first);
    expect(Buffer.compare(download.data, Buffer.from(letter))).toBe(0);
    expect((await getDocumentForActor(support, request.id, first.id)).size).toBe(300_000);
    expect(await listDocuments(support, request.id)).toHaveLength(2);

    // Another account, an unknown request, a document of another request, a malformed id: 404.
    await expect(listDocuments(other.customer, request.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDocumentForActor(other.customer, request.id, first.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listDocuments(customer, randomId())).rejects.toBeInstanceOf(NotFoundError);
    const second = await createPortingRequest(customer, input(await profileId(customer.accountId)), getDb(), { documents: [loa()] });
    await expect(getDocumentForActor(customer, second.id, first.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDocumentForActor(customer, request.id, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDocumentForActor(customer, request.id, randomId())).rejects.toBeInstanceOf(NotFoundError);
  });

  test("a bad document is reported with the other field problems, and nothing is stored", async () => {
    const { customer } = await createTenant("NL");
    const before = await counts();
    const tooBig = pdf(MAX_DOCUMENT_BYTES + 1);
    const error = await createPortingRequest(
      customer,
      { ...input(await profileId(customer.accountId)), currentProvider: "" },
      getDb(),
      { documents: [loa(tooBig, "huge.pdf"), invoice(exe(), "invoice.jpg")] },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const fieldErrors = (error as ValidationError).fieldErrors;
    expect(Object.keys(fieldErrors).sort()).toEqual(["currentProvider", "documents.invoice", "documents.letter_of_authorisation"]);
    expect(fieldErrors["documents.letter_of_authorisation"]?.[0]).toMatch(/"huge.pdf" is 10 MB; a document can be at most 10 MB/);
    expect(fieldErrors["documents.invoice"]?.[0]).toMatch(/"invoice.jpg" is not a PDF, PNG or JPEG file/);
    expect(await counts()).toEqual(before);
  });

  test("a create that fails after the documents were written leaves no document behind", async () => {
    const { customer } = await createTenant("NL");
    const profile = await profileId(customer.accountId);
    const db = getDb();
    // A real failure late in the transaction (after the request and its documents are inserted):
    // the history insert is refused for this account only.
    await db.execute(sql.raw(`
      create function refuse_history() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from porting_requests r where r.id = new.porting_request_id and r.current_provider = 'Refused Telecom') then
          raise exception 'history refused by test';
        end if;
        return new;
      end $$;
      create trigger refuse_history before insert on porting_request_events for each row execute function refuse_history();`));
    const before = await counts();
    const failing = createPortingRequest(customer, { ...input(profile), currentProvider: "Refused Telecom" }, db, {
      documents: [loa(), invoice()],
    });
    await expect(failing).rejects.toThrow();
    expect(await counts()).toEqual(before);
    await db.execute(sql.raw("drop trigger refuse_history on porting_request_events; drop function refuse_history();"));
  });

  test("a caller that sends no documents is asked for the required ones, like the form (every path alike)", async () => {
    const { customer } = await createTenant("NL");
    const error = await createPortingRequest(customer, input(await profileId(customer.accountId))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(["documents.letter_of_authorisation"]);
  });
});

/** A valid NL request with a fresh number. */
function input(companyProfileId: string) {
  return { country: "NL" as const, numberType: "geographic" as const, companyProfileId, phoneNumbers: [nextNumber()], currentProvider: "KPN" };
}

async function profileId(accountId: string): Promise<string> {
  return (await createCompanyProfile(accountId, "NL")).id;
}

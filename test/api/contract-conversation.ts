import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getDb } from "@/db";
import { MAX_DOCUMENT_BYTES } from "@/lib/porting/document-files";
import { MAX_PENDING_UPLOADS } from "@/lib/porting/upload-document";
import { insertRequestInStatus } from "@/test/factories";
import type { CallOptions } from "./client";

// The contract of the conversation and document endpoints (issue 14, items 3-4), called from
// test/api/contract.test.ts so its "every documented status was exercised" check sees them.

type Check = (
  operationId: string,
  options?: CallOptions & { params?: Record<string, string> },
) => Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;

export type ContractContext = {
  check: Check;
  customerKey: () => string;
  supportKey: () => string;
  accountId: () => string;
};

export const pdfBytes = (size = 1024) => {
  const data = new Uint8Array(size);
  data.set(new TextEncoder().encode("%PDF-1.7\n"));
  return data;
};

/** A multipart body with one file and its kind, as a client sends it. */
export function uploadForm(kind: string, data: Uint8Array = pdfBytes(), fileName = "loa.pdf"): FormData {
  const form = new FormData();
  form.set("file", new File([data as BlobPart], fileName, { type: "application/pdf" }));
  form.set("kind", kind);
  return form;
}

export function conversationContract(ctx: ContractContext) {
  describe("comments and documents", () => {
    let open: string;
    let final: string;

    beforeAll(async () => {
      open = (await insertRequestInStatus({ accountId: ctx.accountId(), status: "in_progress" })).id;
      final = (await insertRequestInStatus({ accountId: ctx.accountId(), status: "completed" })).id;
    });

    test("upload a document, then refusals naming the field", async () => {
      const created = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: uploadForm("letter_of_authorisation") });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ kind: "letter_of_authorisation", fileName: "loa.pdf", contentType: "application/pdf", size: 1024 });

      const notPdf = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: uploadForm("invoice", new TextEncoder().encode("MZ\x90\x00 not a pdf"), "invoice.pdf") });
      expect(notPdf.status).toBe(422);
      expect((notPdf.body.errors as Record<string, string[]>).file?.[0]).toMatch(/"invoice.pdf" is not a PDF, PNG or JPEG file/);

      const badKind = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: uploadForm("passport") });
      expect(badKind.status).toBe(422);
      expect(Object.keys(badKind.body.errors as object)).toEqual(["kind"]);

      const empty = new FormData();
      empty.set("note", "hello");
      const nothing = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: empty });
      expect(nothing.status).toBe(422);
      expect(Object.keys(nothing.body.errors as object).sort()).toEqual(["file", "kind", "note"]);

      const json = await ctx.check("uploadDocument", { key: ctx.customerKey(), json: { kind: "invoice" } });
      expect(json.status).toBe(415);
      const broken = await ctx.check("uploadDocument", {
        key: ctx.customerKey(),
        body: "--x\r\nnot a part",
        headers: { "content-type": "multipart/form-data; boundary=y" },
      });
      expect(broken.status).toBe(400);
      const huge = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: uploadForm("invoice", pdfBytes(MAX_DOCUMENT_BYTES + 100 * 1024)) });
      expect(huge.status).toBe(413);
      expect(Object.keys(huge.body.errors as object)).toEqual(["file"]);
    });

    test("an account keeps at most 50 waiting uploads", async () => {
      const { accountId } = ctx;
      await getDb().execute(sql`
        insert into porting_request_documents (account_id, kind, filename, content_type, size, data)
        select ${accountId()}::uuid, 'invoice', 'filler.pdf', 'application/pdf', 4, '\\x25504446'::bytea
        from generate_series(1, ${MAX_PENDING_UPLOADS})`);
      const full = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: uploadForm("invoice") });
      expect(full.status).toBe(409);
      await getDb().execute(sql`delete from porting_request_documents where filename = 'filler.pdf'`);
    });

    test("add and list a request's documents, by file and by upload id", async () => {
      const byFile = await ctx.check("addRequestDocument", { key: ctx.supportKey(), params: { id: open }, body: uploadForm("invoice", pdfBytes(), "kpn.pdf") });
      expect(byFile.status).toBe(201);
      expect(byFile.body).toMatchObject({ kind: "invoice", fileName: "kpn.pdf", addedAfterCreation: true, uploadedBy: { role: "support" } });
      expect(byFile.headers.get("location")).toBe(`/api/v1/porting-requests/${open}/documents/${byFile.body.id}`);

      const upload = await ctx.check("uploadDocument", { key: ctx.customerKey(), body: uploadForm("letter_of_authorisation") });
      const byId = await ctx.check("addRequestDocument", { key: ctx.customerKey(), params: { id: open }, json: { id: upload.body.id } });
      expect(byId.status).toBe(201);
      expect(byId.body).toMatchObject({ id: upload.body.id, kind: "letter_of_authorisation", addedAfterCreation: true, uploadedBy: { role: "customer" } });
      // Uploads belong to a customer account: support sends the file itself.
      expect((await ctx.check("addRequestDocument", { key: ctx.supportKey(), params: { id: open }, json: { id: upload.body.id } })).status).toBe(403);
      // An upload is used once.
      const again = await ctx.check("addRequestDocument", { key: ctx.customerKey(), params: { id: open }, json: { id: upload.body.id } });
      expect(again.status).toBe(422);
      expect(Object.keys(again.body.errors as object)).toEqual(["id"]);

      const list = await ctx.check("listRequestDocuments", { key: ctx.customerKey(), params: { id: open }, query: { limit: "1" } });
      expect((list.body.data as unknown[]).length).toBe(1);
      const rest = await ctx.check("listRequestDocuments", { key: ctx.supportKey(), params: { id: open }, query: { cursor: list.body.nextCursor as string } });
      expect([...(list.body.data as { id: string }[]), ...(rest.body.data as { id: string }[])].map((d) => d.id)).toEqual([byFile.body.id, byId.body.id]);
      expect((await ctx.check("listRequestDocuments", { key: ctx.customerKey(), params: { id: open }, query: { limit: "0" } })).status).toBe(422);

      // Downloaded as uploaded, by the account and by support; another request's document is not found.
      const file = await ctx.check("downloadRequestDocument", { key: ctx.customerKey(), params: { id: open, documentId: byFile.body.id as string } });
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("application/pdf");
      expect(file.headers.get("content-disposition")).toContain('filename="kpn.pdf"');
      expect(file.body).toEqual(pdfBytes());
      expect((await ctx.check("downloadRequestDocument", { key: ctx.supportKey(), params: { id: open, documentId: byId.body.id as string } })).status).toBe(200);
      expect((await ctx.check("downloadRequestDocument", { key: ctx.customerKey(), params: { id: final, documentId: byId.body.id as string } })).status).toBe(404);

      const closed = await ctx.check("addRequestDocument", { key: ctx.customerKey(), params: { id: final }, body: uploadForm("invoice") });
      expect(closed.status).toBe(409);
      expect(closed.body).toMatchObject({ currentStatus: "completed" });
      const bad = await ctx.check("addRequestDocument", { key: ctx.customerKey(), params: { id: open }, body: uploadForm("invoice", new Uint8Array()) });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.body.errors as object)).toEqual(["file"]);
    });

    test("adding a document: 400, 413 and 415", async () => {
      const key = ctx.customerKey();
      const params = { id: open };
      expect((await ctx.check("addRequestDocument", { key, params, body: '{"id": ', headers: { "content-type": "application/json" } })).status).toBe(400);
      expect((await ctx.check("addRequestDocument", { key, params, body: "--x\r\nbroken", headers: { "content-type": "multipart/form-data; boundary=y" } })).status).toBe(400);
      expect((await ctx.check("addRequestDocument", { key, params, body: uploadForm("invoice", pdfBytes(MAX_DOCUMENT_BYTES + 100 * 1024)) })).status).toBe(413);
      expect((await ctx.check("addRequestDocument", { key, params, body: "id=1", headers: { "content-type": "application/x-www-form-urlencoded" } })).status).toBe(415);
      expect((await ctx.check("uploadDocument", { key, body: "" , headers: { "content-type": "text/plain" } })).status).toBe(415);
    });

    test("the conversation: comments oldest first, paged; refusals", async () => {
      const asked = await ctx.check("addComment", {
        key: ctx.supportKey(),
        params: { id: open },
        json: { body: "Please send an invoice from KPN.", asksForInformation: true },
      });
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({ author: { role: "support" }, asksForInformation: true, internal: false });
      const answered = await ctx.check("addComment", { key: ctx.customerKey(), params: { id: open }, json: { body: "  Attached.  " } });
      expect(answered.body).toMatchObject({ body: "Attached.", author: { role: "customer" }, asksForInformation: false });

      const first = await ctx.check("listComments", { key: ctx.customerKey(), params: { id: open }, query: { limit: "1" } });
      expect((first.body.data as { id: string }[]).map((c) => c.id)).toEqual([asked.body.id]);
      const second = await ctx.check("listComments", { key: ctx.customerKey(), params: { id: open }, query: { cursor: first.body.nextCursor as string } });
      expect((second.body.data as { id: string }[]).map((c) => c.id)).toEqual([answered.body.id]);
      expect(second.body.nextCursor).toBeNull();
      expect((await ctx.check("listComments", { key: ctx.customerKey(), params: { id: open }, query: { cursor: "nope" } })).status).toBe(422);

      const internal = await ctx.check("addComment", { key: ctx.customerKey(), params: { id: open }, json: { body: "psst", internal: true } });
      expect(internal.status).toBe(403);
      const late = await ctx.check("addComment", { key: ctx.supportKey(), params: { id: final }, json: { body: "Anything else?", asksForInformation: true } });
      expect(late.status).toBe(409);
      for (const [json, field] of [
        [{ body: "" }, "body"],
        [{ body: "   " }, "body"],
        [{ body: "x".repeat(5001) }, "body"],
        [{}, "body"],
        [{ body: "hi", mood: "happy" }, "mood"],
        [{ body: "hi", internal: "yes" }, "internal"],
      ] as const) {
        const refused = await ctx.check("addComment", { key: ctx.supportKey(), params: { id: open }, json });
        expect(refused.status, JSON.stringify(json)).toBe(422);
        expect(Object.keys(refused.body.errors as object), JSON.stringify(json)).toEqual([field]);
      }
    });
  });
}

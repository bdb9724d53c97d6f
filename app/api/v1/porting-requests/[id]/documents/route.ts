// GET /api/v1/porting-requests/{id}/documents — the request's documents, oldest first (customer of the account, or support).
// POST /api/v1/porting-requests/{id}/documents — while the request is open: add a file (multipart `file` + `kind`), or (customers, JSON) an upload by `id`.
import { expectObject, parseStrict, readJsonBody } from "@/lib/api/body";
import { AddDocumentByIdBody } from "@/lib/api/conversation-schemas";
import { json, queryOf } from "@/lib/api/json";
import { pageInMemory } from "@/lib/api/lists";
import { isMultipart, readUploadForm } from "@/lib/api/multipart";
import { getDb } from "@/db";
import { route } from "@/lib/api/route";
import { ListQuery } from "@/lib/api/schemas";
import { getPortingRequestRowForActor } from "@/lib/porting/queries";
import { addDocumentToRequest } from "@/lib/porting/add-document";
import { listDocuments, requestDocumentJson, type DocumentSource } from "@/lib/porting/documents";

export const GET = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  const query = parseStrict(ListQuery, queryOf(request));
  // A request holds at most 20 documents: read whole, paged in memory like the other short lists.
  return json(pageInMemory((await listDocuments(actor, id)).map(requestDocumentJson), query));
});

export const POST = route<"customer" | "support", { id: string }>({ roles: ["customer", "support"] }, async (request, actor, { id }) => {
  // Which request first: another account's id is a 404 whatever the body holds.
  await getPortingRequestRowForActor(getDb(), actor, id);
  let source: DocumentSource;
  if (isMultipart(request)) {
    source = await readUploadForm(request);
  } else {
    const body = parseStrict(AddDocumentByIdBody, expectObject(await readJsonBody(request), '{ "id": "<upload id>" }'));
    source = { uploadId: body.id };
  }
  const document = await addDocumentToRequest(actor, id, source);
  return json(requestDocumentJson(document), { status: 201, headers: { location: `/api/v1/porting-requests/${id}/documents/${document.id}` } });
});

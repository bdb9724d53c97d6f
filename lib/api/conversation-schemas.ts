import { z } from "zod";
import { MAX_COMMENT_BODY_LENGTH, commentBody } from "@/lib/porting/conversation-schemas";
import { MAX_DOCUMENT_BYTES } from "@/lib/porting/document-files";
import { ACTOR_ROLES, DOCUMENT_KINDS } from "@/lib/porting/values";
import { requestComponents, responseComponents } from "./schemas";

// The REST API's contract for the conversation on a request and its documents (issue 14, items
// 3-4), as zod schemas registered with the same registries as lib/api/schemas.ts: the OpenAPI
// document is generated from them and the contract tests validate every response against them.
// Client-safe: no env, no database.

const dateTime = () => z.iso.datetime();

// ---- comments -------------------------------------------------------------------------------------

export const Comment = z
  .object({
    id: z.uuid(),
    body: z.string().describe("The message, as written (trimmed)."),
    author: z.object({
      role: z.enum(["customer", "support"]).describe("Who wrote it: someone of your account (`customer`) or support."),
      name: z.string(),
    }),
    internal: z.boolean().describe("Support only: a note for support staff. A customer never receives one, so this is always false in a customer's answers."),
    asksForInformation: z
      .boolean()
      .describe("Support asked you for information: the request shows `waitingForCustomer` until you reply with a comment (or add a document)."),
    createdAt: dateTime(),
  })
  .describe("A comment in the conversation on a porting request.");

export const CommentList = z
  .object({
    data: z.array(Comment),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .describe("A page of the conversation, oldest first.");

export const AddCommentBody = z
  .strictObject({
    body: commentBody.describe(`The message, 1 to ${MAX_COMMENT_BODY_LENGTH} characters.`),
    internal: z
      .boolean({ error: "`internal` is true or false." })
      .optional()
      .describe("Support only: a note the customer never sees (no API answer, page, email or event of theirs carries it). Default false."),
    asksForInformation: z
      .boolean({ error: "`asksForInformation` is true or false." })
      .optional()
      .describe("Support only: ask the customer for information; the request is “waiting for you” until the customer replies. Not with `internal`. Default false."),
  })
  .describe("A comment on a porting request. A support comment is emailed to the company profile's addresses.");

// ---- documents ------------------------------------------------------------------------------------

export const DocumentKind = z.enum(DOCUMENT_KINDS, { error: 'Choose the kind: "letter_of_authorisation" or "invoice".' }).describe(
  "`letter_of_authorisation` or `invoice` (the current provider's last invoice); GET /countries/{code}/requirements says which the country requires.",
);

export const UploadDocumentForm = z
  .strictObject({
    file: z.string().describe(`The document: PDF, PNG or JPEG (decided by its content, not its name), at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`).meta({ format: "binary" }),
    kind: DocumentKind,
  })
  .describe("A document as multipart/form-data: the file and its kind.");

export const PendingUpload = z
  .object({
    id: z.uuid().describe("Name it in a create or resubmit as `documents: [{ \"id\": … }]`."),
    kind: DocumentKind,
    fileName: z.string().describe("The file's name as stored: without folders, with the extension of its real type."),
    contentType: z.enum(["application/pdf", "image/png", "image/jpeg"]).describe("The type its content has."),
    size: z.int().min(1).describe("Bytes."),
    createdAt: dateTime(),
    expiresAt: dateTime().describe("Deleted at this moment (24 hours after the upload) unless a request names it first."),
  })
  .describe("An uploaded document waiting for a request to name it.");

export const RequestDocument = z
  .object({
    id: z.uuid(),
    kind: DocumentKind,
    fileName: z.string(),
    contentType: z.string(),
    size: z.int().min(1).describe("Bytes."),
    uploadedBy: z
      .object({ role: z.enum(ACTOR_ROLES), name: z.string() })
      .nullable()
      .describe("Who sent it; null for documents from before this was recorded."),
    addedAfterCreation: z.boolean().describe("Added to the request after it was created (it is on the request's timeline)."),
    createdAt: dateTime(),
  })
  .describe("A document of a porting request. Download it from GET /porting-requests/{id}/documents/{documentId}.");

export const RequestDocumentList = z
  .object({
    data: z.array(RequestDocument),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  })
  .describe("The request's documents, oldest first.");

export const AddDocumentByIdBody = z
  .strictObject({ id: z.uuid({ error: "Give the id of an upload (POST /api/v1/documents answers it)." }).describe("An upload of your account that no request uses yet.") })
  .describe("Customers only, as JSON: add an upload made with POST /api/v1/documents.");

// ---- events (the account's webhook endpoints and GET /events; never the request's callbackUrl) -------

export const CommentAddedEvent = z
  .object({
    portingRequestId: z.uuid().describe("The request the comment is on."),
    reference: z.string().describe("The request's reference, such as PR-000123."),
    comment: Comment.omit({ internal: true }),
  })
  .describe("The body of a `porting_request.comment_added` event: a comment the customer can see was added (by the account or by support). Internal notes are never an event.");

export const DocumentAddedEvent = z
  .object({
    portingRequestId: z.uuid().describe("The request the document was added to."),
    reference: z.string().describe("The request's reference, such as PR-000123."),
    document: RequestDocument,
  })
  .describe("The body of a `porting_request.document_added` event: a document was added to an open request after its creation (by the account or by support).");

for (const [id, schema] of Object.entries({ AddComment: AddCommentBody, UploadDocument: UploadDocumentForm, AddDocumentById: AddDocumentByIdBody })) {
  requestComponents.add(schema, { id });
}
for (const [id, schema] of Object.entries({ Comment, CommentList, PendingUpload, RequestDocument, RequestDocumentList, CommentAddedEvent, DocumentAddedEvent })) {
  responseComponents.add(schema, { id });
}

export type CommentJson = z.infer<typeof Comment>;
export type RequestDocumentJson = z.infer<typeof RequestDocument>;

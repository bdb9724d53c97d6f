import { z } from "zod";
import { createDistributionGroupExample, updateVoiceNumbersExample } from "./configuration-examples";
import {
  CreateDistributionGroupBody,
  ListVoiceNumbersQuery,
  UpdateDistributionGroupBody,
  UpdateVoiceNumberBody,
  UpdateVoiceNumbersBody,
  VoiceNumberPage,
} from "./configuration-schemas";
import { EXAMPLE_DELIVERY_ID, requestNotificationsExample, resendResultExample } from "./notification-examples";
import { RequestNotifications, ResendNotificationBody, ResendResult } from "./notification-schemas";
import { DistributionGroup, ExportPortingRequestsQuery, VoiceNumber } from "./schemas";
import { SANDBOX_SCENARIOS } from "@/lib/porting/sandbox";
import { EXPORT_COLUMNS } from "@/lib/porting/export-columns";
import { EXAMPLE_GROUP_ID } from "./examples";
import { MAX_NUMBERS_PER_REQUEST } from "@/lib/porting/schemas";
import { MAX_BODY_BYTES } from "./body";
import {
  companyProfileExample,
  completedPortingRequestExample,
  createCompanyProfileExample,
  createPortingRequestExample,
  distributionGroupExample,
  EXAMPLE_PROFILE_ID,
  EXAMPLE_REQUEST_ID,
  blockedPortingRequestExample,
  resubmitExample,
  resubmittedPortingRequestExample,
  portingRequestExample,
  problemExamples,
  readyPortingRequestExample,
  transitionExample,
  voiceNumberExample,
} from "./examples";
import { PROBLEM_TYPES, type ProblemStatus } from "./problem";
import { ACCOUNT_ENDPOINTS } from "./account-endpoints";
import { SCHEDULE_ENDPOINTS } from "./schedule-endpoints";
import { PORTABILITY_ENDPOINTS } from "./portability-endpoints";
import { WEBHOOK_OPERATIONS } from "./webhook-operations";
import { EVENTS_DESCRIPTION, EventsQuery, eventStreamExample, LAST_EVENT_ID_HEADER } from "./event-docs";
import {
  ActionBody,
  CompanyProfile,
  CompanyProfileList,
  CountryList,
  CountryRequirements,
  CreateCompanyProfileBody,
  CreatePortingRequestBody,
  DistributionGroupList,
  ListPortingRequestsQuery,
  ListQuery,
  PortingRequest,
  PortingRequestList,
  Problem,
  RejectionCodeList,
  ResubmitPortingRequestBody,
  requestComponents,
  responseComponents,
  StatusList,
  StatusesQuery,
  TransitionBody,
  UpdateCompanyProfileBody,
  VoiceNumberList,
} from "./schemas";
import { countriesJson, countryRequirementsJson, statusesJson } from "./serializers";
import { rejectionCodesJson } from "@/lib/porting/serialize";
import {
  AddCommentBody,
  AddDocumentByIdBody,
  Comment,
  CommentList,
  PendingUpload,
  RequestDocument,
  RequestDocumentList,
  UploadDocumentForm,
} from "./conversation-schemas";
import { commentExample, pendingUploadExample, requestDocumentExample } from "./conversation-examples";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas that validate requests and
// describe responses (lib/api/schemas.ts) plus the endpoint table below: nothing in the document
// is written by hand as JSON Schema. Served at /api/v1/openapi.json and rendered by /docs/api.

export type Role = "customer" | "support";
type Method = "get" | "post" | "patch" | "delete";

export type Endpoint = {
  method: Method;
  /** OpenAPI path below /api/v1, with {params}. */
  path: string;
  operationId: string;
  tag: "Countries" | "Company profiles" | "Porting requests" | "Events" | "Support" | "Distribution groups" | "Numbers" | "Accounts" | "Webhooks";
  summary: string;
  description: string;
  roles: readonly Role[];
  pathParams?: { name: string; description: string; example: string }[];
  query?: z.ZodObject;
  body?: {
    schema: z.ZodType;
    required: boolean;
    example: unknown;
    description?: string;
    /** How the body is sent; default JSON. A document upload is multipart/form-data. */
    mediaType?: "application/json" | "multipart/form-data";
    /** Another accepted body, in another media type (adding a document: a file, or an upload's id as JSON). */
    alternative?: { schema: z.ZodType; mediaType: "application/json" | "multipart/form-data"; example: unknown };
  };
  idempotent?: boolean;
  success: {
    status: 200 | 201 | 202 | 204;
    description: string;
    schema?: z.ZodType;
    example?: unknown;
    /** A body that is not JSON (the CSV export): its media type and example text, with no schema component. */
    text?: { mediaType: "text/csv" | "text/event-stream"; example: string; headers?: Record<string, { description: string; schema: { type: "string" } }> };
    /** A file (a document download): the media types it may have; the body is the file's bytes. */
    file?: { mediaTypes: readonly string[]; headers?: Record<string, { description: string; schema: { type: "string" } }> };
  };
  errors: readonly ProblemStatus[];
  /** Callbacks this operation sets up (create: the status-change callback). */
  callbacks?: boolean;
  /** Answers with an ETag, and 304 Not Modified to an If-None-Match naming it (lib/api/etag.ts). */
  conditional?: boolean;
  /** Optional request headers it reads (the event stream's Last-Event-ID). */
  requestHeaders?: readonly { name: string; description: string; example: string }[];
};

const AUTH_ERRORS = [401, 429] as const;
const NUMBER_PARAM = { name: "number", description: "The number, best in E.164 (`+31201234567`). A number that is not on your voice account is a 404.", example: "+31201234567" };
const idParam = (what: string, example: string) => [{ name: "id", description: `The ${what}'s id (a UUID). Another account's id, or one that is not a UUID, is a 404.`, example }];

export const ENDPOINTS: readonly Endpoint[] = [
  {
    method: "get",
    path: "/countries",
    operationId: "listCountries",
    tag: "Countries",
    summary: "List countries",
    description: "The countries we port from, with the number types we port in each.",
    roles: ["customer", "support"],
    success: { status: 200, description: "The countries.", schema: CountryList, example: { data: countriesJson() } },
    errors: [...AUTH_ERRORS],
  },
  {
    method: "get",
    path: "/countries/{code}/requirements",
    operationId: "getCountryRequirements",
    tag: "Countries",
    summary: "Get country requirements",
    description:
      "Everything a porting request in this country needs: which number types we port (and why not the others), the company profile fields and their formats, the documents, the lead time, whether a preferred date may be given and how the request completes. Check it before you create a company profile and a request.",
    roles: ["customer", "support"],
    pathParams: [{ name: "code", description: "ISO 3166-1 alpha-2 country code, such as NL (case-insensitive).", example: "NL" }],
    success: { status: 200, description: "The country's requirements.", schema: CountryRequirements, example: countryRequirementsJson("NL") },
    errors: [...AUTH_ERRORS, 404],
  },
  {
    method: "get",
    path: "/company-profiles",
    operationId: "listCompanyProfiles",
    tag: "Company profiles",
    summary: "List company profiles",
    description: "The account's company profiles by name, each checked against its country's requirements (`meetsRequirements`, `missingRequirements`).",
    roles: ["customer"],
    query: ListQuery,
    success: { status: 200, description: "A page of company profiles.", schema: CompanyProfileList, example: { data: [companyProfileExample], nextCursor: null } },
    errors: [...AUTH_ERRORS, 403, 422],
  },
  {
    method: "post",
    path: "/company-profiles",
    operationId: "createCompanyProfile",
    tag: "Company profiles",
    summary: "Create company profile",
    description:
      "A profile may be saved before it is complete for its country: it then says what is missing. Every value that is given must be valid (format per country, see the requirements), and the name must be unique in the account.",
    roles: ["customer"],
    body: { schema: CreateCompanyProfileBody, required: true, example: createCompanyProfileExample },
    success: { status: 201, description: "The new profile. `Location` holds its URL.", schema: CompanyProfile, example: companyProfileExample },
    errors: [...AUTH_ERRORS, 400, 403, 413, 415, 422],
  },
  {
    method: "get",
    path: "/company-profiles/{id}",
    operationId: "getCompanyProfile",
    tag: "Company profiles",
    summary: "Get company profile",
    description: "One company profile of the account.",
    roles: ["customer"],
    pathParams: idParam("company profile", EXAMPLE_PROFILE_ID),
    success: { status: 200, description: "The profile.", schema: CompanyProfile, example: companyProfileExample },
    errors: [...AUTH_ERRORS, 403, 404],
  },
  {
    method: "patch",
    path: "/company-profiles/{id}",
    operationId: "updateCompanyProfile",
    tag: "Company profiles",
    summary: "Update company profile",
    description:
      "Send only the fields to change: absent fields stay, `null` clears an optional field. The result is checked as a whole, so moving a profile to another country reports a registration number that no longer fits.",
    roles: ["customer"],
    pathParams: idParam("company profile", EXAMPLE_PROFILE_ID),
    body: { schema: UpdateCompanyProfileBody, required: true, example: { city: "Amsterdam", postalCode: "1017 AB" } },
    success: { status: 200, description: "The changed profile.", schema: CompanyProfile, example: companyProfileExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 413, 415, 422],
  },
  {
    method: "delete",
    path: "/company-profiles/{id}",
    operationId: "deleteCompanyProfile",
    tag: "Company profiles",
    summary: "Delete company profile",
    description: "Deletes a profile that no porting request names. A profile that requests name is kept (409): a request keeps the profile it was filed with.",
    roles: ["customer"],
    pathParams: idParam("company profile", EXAMPLE_PROFILE_ID),
    success: { status: 204, description: "Deleted." },
    errors: [...AUTH_ERRORS, 403, 404, 409],
  },
  {
    method: "post",
    path: "/porting-requests",
    operationId: "createPortingRequest",
    tag: "Porting requests",
    summary: "Create porting request",
    description:
      `Checks everything at once and stores nothing unless the whole request is valid: the country and number type, the company profile against the country's requirements, and every number (format, country, type, not in another open request, not on a voice account). Every bad number is named (\`phoneNumbers.2\` is the third). Up to ${MAX_NUMBERS_PER_REQUEST} numbers in any common format; the answer holds them in E.164. Send an \`Idempotency-Key\` to retry safely.`,
    roles: ["customer"],
    body: { schema: CreatePortingRequestBody, required: true, example: createPortingRequestExample },
    idempotent: true,
    success: { status: 201, description: "The new request, in status `requested`. `Location` holds its URL.", schema: PortingRequest, example: portingRequestExample },
    errors: [...AUTH_ERRORS, 400, 403, 409, 413, 415, 422],
    callbacks: true,
  },
  {
    method: "get",
    path: "/porting-requests",
    operationId: "listPortingRequests",
    tag: "Porting requests",
    summary: "List porting requests",
    description: "Your requests, newest first (a support key: every account's). Every item is the full request, as Get Porting Request answers it. Combine any filters; page with `cursor`.",
    roles: ["customer", "support"],
    query: ListPortingRequestsQuery,
    success: { status: 200, description: "A page of requests.", schema: PortingRequestList, example: { data: [portingRequestExample], nextCursor: null } },
    errors: [...AUTH_ERRORS, 422],
    conditional: true,
  },
  {
    method: "get",
    path: "/porting-requests/export",
    operationId: "exportPortingRequests",
    tag: "Porting requests",
    summary: "Export porting requests (CSV)",
    description: `The requests that List Porting Requests would answer for the same filters (all of them, unpaged, newest first) as CSV: one row per number, with a header row and these columns: ${EXPORT_COLUMNS.map((c) => `\`${c}\``).join(", ")}. Status and number type are the labels people read; dates and times are ISO 8601 UTC; empty cells are empty. RFC 4180 (CRLF line ends; cells with a comma, quote or line break are quoted, quotes doubled), UTF-8. A cell that starts with \`=\`, \`+\`, \`-\` or \`@\` starts with an apostrophe instead, so a spreadsheet shows it as text and never runs it as a formula: phone numbers thus read \`'+31201234567\`. Streamed as it is read, so an export of a million rows starts at once.`,
    roles: ["customer", "support"],
    query: ExportPortingRequestsQuery,
    success: {
      status: 200,
      description: "The CSV, as an attachment.",
      text: {
        mediaType: "text/csv",
        example: `${EXPORT_COLUMNS.join(",")}\r\nPR-000123,PO-2026-0042,Requested,Request received,NL,Geographic,'+31201234567,KPN,,,2026-05-04T09:12:45.120Z,2026-05-04T09:12:45.120Z\r\n`,
        headers: { "Content-Disposition": { description: "`attachment; filename=\"porting-requests-<date>.csv\"`", schema: { type: "string" } } },
      },
    },
    errors: [...AUTH_ERRORS, 422],
  },
  {
    method: "get",
    path: "/porting-requests/statuses",
    operationId: "listPortingRequestStatuses",
    tag: "Porting requests",
    summary: "Get porting request statuses",
    description:
      "The seven statuses with their labels, descriptions and the countries where they apply (Delayed and Ready to be ported: NL only). The descriptions fit one country (`country`, else your account's): outside the Netherlands a customer may also cancel while a request is Requested or In progress, so Cancelled does not carry the Dutch rule there.",
    roles: ["customer", "support"],
    query: StatusesQuery,
    success: { status: 200, description: "The statuses.", schema: StatusList, example: { country: "NL", data: statusesJson("NL") } },
    errors: [...AUTH_ERRORS, 422],
  },
  {
    method: "get",
    path: "/porting-requests/{id}",
    operationId: "getPortingRequest",
    tag: "Porting requests",
    summary: "Get porting request",
    description: "The full request: its numbers, its status with the reason, what you may do now (`allowedActions`) and the history of every status change. This is also the body of every callback.",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    success: { status: 200, description: "The request.", schema: PortingRequest, example: readyPortingRequestExample },
    errors: [...AUTH_ERRORS, 404],
    conditional: true,
  },
  {
    method: "get",
    path: "/rejection-codes",
    operationId: "listRejectionCodes",
    tag: "Porting requests",
    summary: "List rejection codes",
    description:
      "Why support may reject (block) a request: every code with its label, what the customer must fix, and what it points at (company profile fields, a document, some of the numbers, the current provider, the contract, other). A Blocked request's `rejectionCodes` are entries of this list, with the numbers concerned.",
    roles: ["customer", "support"],
    success: { status: 200, description: "The catalogue, in order.", schema: RejectionCodeList, example: rejectionCodesJson() },
    errors: [...AUTH_ERRORS],
  },
  {
    method: "post",
    path: "/porting-requests/{id}/resubmit",
    operationId: "resubmitPortingRequest",
    tag: "Porting requests",
    summary: "Resubmit porting request",
    description:
      "Fix a Blocked request: a NEW request (in status `requested`) made of everything the Blocked one held (profile, numbers, provider, dates, contract scenario, distribution group, callback URL, comment and documents, the same files), with the fields you send changed; it is checked exactly as a create. The two are linked both ways (`resubmissionOf`, `resubmittedAs`). Only a Blocked request can be resubmitted, and only once (409 otherwise, naming the earlier resubmission). Send an `Idempotency-Key` to retry safely.",
    roles: ["customer"],
    pathParams: idParam("Blocked porting request", EXAMPLE_REQUEST_ID),
    body: { schema: ResubmitPortingRequestBody, required: false, example: resubmitExample },
    idempotent: true,
    success: { status: 201, description: "The new request. `Location` holds its URL.", schema: PortingRequest, example: resubmittedPortingRequestExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
    callbacks: true,
  },
  {
    method: "post",
    path: "/porting-requests/{id}/perform",
    operationId: "performPortingRequest",
    tag: "Porting requests",
    summary: "Perform porting request",
    description:
      "NL, when the request is Ready to be ported: completes it. The numbers move to your voice account at once, with the request's distribution group. The body is optional.",
    roles: ["customer"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    body: { schema: ActionBody, required: false, example: { reason: "Switching over tonight." } },
    success: { status: 200, description: "The completed request.", schema: PortingRequest, example: completedPortingRequestExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "post",
    path: "/porting-requests/{id}/cancel",
    operationId: "cancelPortingRequest",
    tag: "Porting requests",
    summary: "Cancel porting request",
    description:
      "Cancels a request you no longer want: in NL when it is Ready to be ported; elsewhere while it is Requested or In progress. The body is optional; without a reason the history says “Cancelled by customer”.",
    roles: ["customer"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    body: { schema: ActionBody, required: false, example: { reason: "We stay with our current provider." } },
    success: {
      status: 200,
      description: "The cancelled request.",
      schema: PortingRequest,
      example: { ...readyPortingRequestExample, status: "cancelled", statusLabel: "Cancelled", statusReason: "We stay with our current provider.", allowedActions: [] },
    },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "post",
    path: "/porting-requests/{id}/transitions",
    operationId: "transitionPortingRequest",
    tag: "Support",
    summary: "Change status (support)",
    description:
      "Support keys only. Moves a request as the transition table allows: accept (`in_progress`), reject (`blocked`, with at least one of the rejection codes: what the customer must fix), delay with the first possible porting date (`delayed`, NL), mark ready (`ready_to_be_ported`, NL) or complete (`completed`, outside NL). Every change needs a reason; the customer receives it.",
    roles: ["support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    body: { schema: TransitionBody, required: true, example: transitionExample },
    success: { status: 200, description: "The changed request.", schema: PortingRequest, example: blockedPortingRequestExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "post",
    path: "/documents",
    operationId: "uploadDocument",
    tag: "Porting requests",
    summary: "Upload document",
    description:
      "A letter of authorisation or invoice, before the request that carries it: a JSON create cannot carry a file. Send it as multipart/form-data (`file`, `kind`); the answer's `id` goes into the create's (or resubmit's) `documents: [{ \"id\": … }]`. The type is decided by the file's first bytes (PDF, PNG or JPEG), at most 10 MB. An upload no request names within 24 hours is deleted; each can be named once. An account keeps at most 50 waiting uploads (409 beyond).",
    roles: ["customer"],
    body: {
      schema: UploadDocumentForm,
      required: true,
      mediaType: "multipart/form-data",
      example: { file: "(the PDF)", kind: "letter_of_authorisation" },
    },
    success: { status: 201, description: "The upload, waiting for a request to name it.", schema: PendingUpload, example: pendingUploadExample },
    errors: [...AUTH_ERRORS, 400, 403, 409, 413, 415, 422],
  },
  {
    method: "get",
    path: "/porting-requests/{id}/comments",
    operationId: "listComments",
    tag: "Porting requests",
    summary: "List comments",
    description:
      "The conversation on a request, oldest first: your account's comments and support's. A customer never receives support's internal notes. Page with `cursor`.",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    query: ListQuery,
    success: { status: 200, description: "A page of comments.", schema: CommentList, example: { data: [commentExample], nextCursor: null } },
    errors: [...AUTH_ERRORS, 404, 422],
  },
  {
    method: "post",
    path: "/porting-requests/{id}/comments",
    operationId: "addComment",
    tag: "Porting requests",
    summary: "Add comment",
    description:
      "Writes to support (a customer key) or to the customer (a support key), in any status. A support comment is emailed to the company profile's addresses; every comment the customer can see is a `porting_request.comment_added` event for the account's webhook endpoints and event stream, never a call to the request's `callbackUrl` (that receives status changes only). Support may post an internal note (`internal: true`), which the customer never sees anywhere, or ask for information (`asksForInformation: true`, open requests only): the request then shows `waitingForCustomer: true` until the customer replies with a comment or adds a document. A customer's comment shows as unread in the support queue.",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    body: { schema: AddCommentBody, required: true, example: { body: "The letter of authorisation is attached again, now signed by our director." } },
    success: { status: 201, description: "The comment.", schema: Comment, example: commentExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "get",
    path: "/porting-requests/{id}/documents",
    operationId: "listRequestDocuments",
    tag: "Porting requests",
    summary: "List documents",
    description: "The request's documents, oldest first: those it was created with and those added later (`addedAfterCreation`). Download one from `/porting-requests/{id}/documents/{documentId}`.",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    query: ListQuery,
    success: { status: 200, description: "A page of documents.", schema: RequestDocumentList, example: { data: [requestDocumentExample], nextCursor: null } },
    errors: [...AUTH_ERRORS, 404, 422],
  },
  {
    method: "post",
    path: "/porting-requests/{id}/documents",
    operationId: "addRequestDocument",
    tag: "Porting requests",
    summary: "Add document",
    description:
      "While the request is open (409 once it is Completed, Blocked or Cancelled): a corrected letter of authorisation, an invoice support asked for. Send the file as multipart/form-data (`file`, `kind`) with the same checks as the create (PDF, PNG or JPEG by content, at most 10 MB), or, with a customer key, an upload's `id` as JSON. Documents are added, never replaced; a request holds at most 20. The addition is on the request's timeline and is a `porting_request.document_added` event (never a callback); `history` stays the status changes. A customer's document answers support's question (`waitingForCustomer` ends).",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    body: {
      schema: UploadDocumentForm,
      required: true,
      mediaType: "multipart/form-data",
      example: { file: "(the PDF)", kind: "letter_of_authorisation" },
      alternative: { schema: AddDocumentByIdBody, mediaType: "application/json", example: { id: "0b9f6f1e-5c1d-4e8a-9d7a-2f1c3b4a5d6e" } },
    },
    success: { status: 201, description: "The document, now part of the request. `Location` is its download URL.", schema: RequestDocument, example: requestDocumentExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 409, 413, 415, 422],
  },
  {
    method: "get",
    path: "/porting-requests/{id}/documents/{documentId}",
    operationId: "downloadRequestDocument",
    tag: "Porting requests",
    summary: "Download document",
    description:
      "The document's bytes exactly as uploaded, as an attachment with its file name (`Content-Disposition`, UTF-8 names included). Its `Content-Type` is the type its content has (PDF, PNG or JPEG). A document of another request, or of another account's, is a 404.",
    roles: ["customer", "support"],
    pathParams: [
      ...idParam("porting request", EXAMPLE_REQUEST_ID),
      { name: "documentId", description: "The document's id, from List documents (a UUID).", example: "0b9f6f1e-5c1d-4e8a-9d7a-2f1c3b4a5d6e" },
    ],
    success: {
      status: 200,
      description: "The file.",
      file: {
        mediaTypes: ["application/pdf", "image/png", "image/jpeg"],
        headers: { "Content-Disposition": { description: "`attachment` with the file name, ASCII and UTF-8 (RFC 6266).", schema: { type: "string" } } },
      },
    },
    errors: [...AUTH_ERRORS, 404],
  },
  {
    method: "get",
    path: "/distribution-groups",
    operationId: "listDistributionGroups",
    tag: "Distribution groups",
    summary: "List distribution groups",
    description: "The account's distribution groups by name: where calls to a number go. Name one in a porting request to have its numbers assigned to it on completion.",
    roles: ["customer"],
    query: ListQuery,
    success: { status: 200, description: "A page of groups.", schema: DistributionGroupList, example: { data: [distributionGroupExample], nextCursor: null } },
    errors: [...AUTH_ERRORS, 403, 422],
  },
  {
    method: "get",
    path: "/numbers",
    operationId: "listNumbers",
    tag: "Numbers",
    summary: "List numbers",
    description: "The numbers on your voice account, in number order: what completed requests assigned, with their distribution group. Search and filter by group as on the Numbers page.",
    roles: ["customer"],
    query: ListVoiceNumbersQuery,
    success: { status: 200, description: "A page of numbers.", schema: VoiceNumberList, example: { data: [voiceNumberExample], nextCursor: null } },
    errors: [...AUTH_ERRORS, 403, 404, 422],
  },
  // ---- the rest of what a customer does in the browser (issue 15 item 3) ----
  {
    method: "post",
    path: "/distribution-groups",
    operationId: "createDistributionGroup",
    tag: "Distribution groups",
    summary: "Create distribution group",
    description:
      "A group with a name unique in your account and its destinations in ring order. Every problem is named at once (`destinations.2` is the third); phone numbers are answered in E.164.",
    roles: ["customer"],
    body: { schema: CreateDistributionGroupBody, required: true, example: createDistributionGroupExample },
    success: { status: 201, description: "The new group. `Location` holds its URL.", schema: DistributionGroup, example: distributionGroupExample },
    errors: [...AUTH_ERRORS, 400, 403, 413, 415, 422],
  },
  {
    method: "get",
    path: "/distribution-groups/{id}",
    operationId: "getDistributionGroup",
    tag: "Distribution groups",
    summary: "Get distribution group",
    description: "One distribution group of the account, with how many numbers and open requests use it.",
    roles: ["customer"],
    pathParams: idParam("distribution group", EXAMPLE_GROUP_ID),
    success: { status: 200, description: "The group.", schema: DistributionGroup, example: distributionGroupExample },
    errors: [...AUTH_ERRORS, 403, 404],
  },
  {
    method: "patch",
    path: "/distribution-groups/{id}",
    operationId: "updateDistributionGroup",
    tag: "Distribution groups",
    summary: "Update distribution group",
    description:
      "Rename the group, replace its destinations (the whole list, in ring order), or both. A group in use may change: its numbers follow at once.",
    roles: ["customer"],
    pathParams: idParam("distribution group", EXAMPLE_GROUP_ID),
    body: { schema: UpdateDistributionGroupBody, required: true, example: { destinations: ["sip:reception@acme.example", "sip:backoffice@acme.example"] } },
    success: { status: 200, description: "The changed group.", schema: DistributionGroup, example: distributionGroupExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 413, 415, 422],
  },
  {
    method: "delete",
    path: "/distribution-groups/{id}",
    operationId: "deleteDistributionGroup",
    tag: "Distribution groups",
    summary: "Delete distribution group",
    description:
      "Deletes a group that no number and no open porting request uses; otherwise 409 with `numbersCount` and `openPortingRequestsCount` (move the numbers first, or wait for the requests). Finished requests that named it forget it.",
    roles: ["customer"],
    pathParams: idParam("distribution group", EXAMPLE_GROUP_ID),
    success: { status: 204, description: "Deleted." },
    errors: [...AUTH_ERRORS, 403, 404, 409],
  },
  {
    method: "patch",
    path: "/numbers",
    operationId: "updateNumbers",
    tag: "Numbers",
    summary: "Move numbers to a distribution group",
    description:
      "Routes several numbers of your voice account to one of your distribution groups, or to none (`null`). All or nothing: a number that is not on your account, or a group that is not yours, is a 404 and changes nothing.",
    roles: ["customer"],
    body: { schema: UpdateVoiceNumbersBody, required: true, example: updateVoiceNumbersExample },
    success: { status: 200, description: "The changed numbers.", schema: VoiceNumberPage, example: { data: [voiceNumberExample] } },
    errors: [...AUTH_ERRORS, 400, 403, 404, 413, 415, 422],
  },
  {
    method: "get",
    path: "/numbers/{number}",
    operationId: "getNumber",
    tag: "Numbers",
    summary: "Get number",
    description: "One number of your voice account with its distribution group. Write it in E.164 (`+31201234567`); other formats are read in your account's country.",
    roles: ["customer"],
    pathParams: [NUMBER_PARAM],
    success: { status: 200, description: "The number.", schema: VoiceNumber, example: voiceNumberExample },
    errors: [...AUTH_ERRORS, 403, 404],
  },
  {
    method: "patch",
    path: "/numbers/{number}",
    operationId: "updateNumber",
    tag: "Numbers",
    summary: "Set a number's distribution group",
    description: "Where calls to this number go: one of your distribution groups, or none (`null`).",
    roles: ["customer"],
    pathParams: [NUMBER_PARAM],
    body: { schema: UpdateVoiceNumberBody, required: true, example: { distributionGroupId: EXAMPLE_GROUP_ID } },
    success: { status: 200, description: "The changed number.", schema: VoiceNumber, example: voiceNumberExample },
    errors: [...AUTH_ERRORS, 400, 403, 404, 413, 415, 422],
  },
  {
    method: "get",
    path: "/porting-requests/{id}/notifications",
    operationId: "listRequestNotifications",
    tag: "Porting requests",
    summary: "List a request's notifications",
    description:
      "What every status change sent, newest change first: the email to the company profile's addresses (state, attempts, the text as sent) and each callback to `callbackUrl` with every attempt (time, HTTP status, duration, error). The request page shows the same.",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    success: { status: 200, description: "The notifications.", schema: RequestNotifications, example: requestNotificationsExample },
    errors: [...AUTH_ERRORS, 404],
  },
  {
    method: "post",
    path: "/porting-requests/{id}/notifications",
    operationId: "resendRequestNotification",
    tag: "Porting requests",
    summary: "Resend a callback",
    description:
      "The request page's “Resend”: one callback delivery of this request (`deliveryId` from GET …/notifications) goes out again. One still being retried is tried now; a delivered or failed one is sent again as a new delivery with a new `webhook-id` and the same body (the request as it was after that change). Resending while a resend is pending queues nothing more.",
    roles: ["customer", "support"],
    pathParams: idParam("porting request", EXAMPLE_REQUEST_ID),
    body: { schema: ResendNotificationBody, required: true, example: { deliveryId: EXAMPLE_DELIVERY_ID } },
    success: { status: 202, description: "Queued: the delivery that will be attempted now.", schema: ResendResult, example: resendResultExample },
    errors: [...AUTH_ERRORS, 400, 404, 413, 415, 422],
  },
  {
    method: "get",
    path: "/events",
    operationId: "streamEvents",
    tag: "Events",
    summary: "Stream events",
    description: EVENTS_DESCRIPTION,
    roles: ["customer", "support"],
    query: EventsQuery,
    requestHeaders: [LAST_EVENT_ID_HEADER],
    success: {
      status: 200,
      description: "The stream: open until you close it (or the server ends it; reconnect with Last-Event-ID).",
      text: { mediaType: "text/event-stream", example: eventStreamExample },
    },
    errors: [...AUTH_ERRORS, 410, 422],
  },
  ...SCHEDULE_ENDPOINTS,
  ...PORTABILITY_ENDPOINTS,
  ...ACCOUNT_ENDPOINTS,
  ...WEBHOOK_OPERATIONS,
];

// ---- generation -----------------------------------------------------------------------------------

type JsonSchema = Record<string, unknown>;
const REF = (id: string) => `#/components/schemas/${id}`;

/**
 * Keeps the document readable: zod adds a regular expression next to `format` (uuid, date-time,
 * date); the format says the same, so the pattern is dropped where a format is given.
 */
function tidy({ jsonSchema }: { jsonSchema: JsonSchema }) {
  if (typeof jsonSchema.format === "string" && typeof jsonSchema.pattern === "string") delete jsonSchema.pattern;
}

/**
 * Responses may gain fields (clients must ignore unknown ones), so their objects are left open;
 * zod would close every output object (`additionalProperties: false`). Request bodies stay closed:
 * an unknown field there is a 422.
 */
function openResponses(ctx: { jsonSchema: JsonSchema }) {
  tidy(ctx);
  if (ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
}

function componentSchemas(): Record<string, JsonSchema> {
  const requests = z.toJSONSchema(requestComponents, { io: "input", uri: REF, override: tidy }).schemas;
  const responses = z.toJSONSchema(responseComponents, { io: "output", uri: REF, override: openResponses }).schemas;
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of [...Object.entries(requests), ...Object.entries(responses)]) {
    if (id === "__shared") throw new Error("openapi: a schema is shared without a name; register it in lib/api/schemas.ts");
    const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

function schemaRef(schema: z.ZodType, registry: typeof requestComponents): JsonSchema {
  const id = registry.get(schema)?.id;
  if (!id) throw new Error("openapi: every body and response schema must be a named component");
  return { $ref: REF(id) };
}

function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, field]) => {
    const { $schema: _drop, description, ...schema } = z.toJSONSchema(field as z.ZodType, { io: "input", override: tidy }) as JsonSchema;
    return { name, in: "query", required: false, description, schema };
  });
}

const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests a minute this key may make.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in the current minute.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the minute resets.", schema: { type: "integer" } },
};

function problemResponses(): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, info] of Object.entries(PROBLEM_TYPES)) {
    out[`Problem${status}`] = {
      description: `${info.title}. ${info.when}`,
      ...(status === "429" || status === "409" || status === "503"
        ? { headers: { "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } } } }
        : {}),
      content: {
        "application/problem+json": {
          schema: { $ref: REF("Problem") },
          example: problemExamples[Number(status) as ProblemStatus],
        },
      },
    };
  }
  return out;
}

function operation(endpoint: Endpoint) {
  const parameters = [
    ...(endpoint.pathParams ?? []).map((p) => ({ name: p.name, in: "path", required: true, description: p.description, schema: { type: "string" }, example: p.example })),
    ...(endpoint.query ? queryParameters(endpoint.query) : []),
    ...(endpoint.requestHeaders ?? []).map((h) => ({ name: h.name, in: "header", required: false, description: h.description, schema: { type: "string" }, example: h.example })),
    ...(endpoint.idempotent
      ? [
          {
            name: "Idempotency-Key",
            in: "header",
            required: false,
            description:
              "Any unique string (a UUID is a good choice), up to 255 characters. The same key with the same body within 24 hours answers the first response again and creates nothing new; with another body it is a 422; while the first is still being processed, a 409.",
            schema: { type: "string", maxLength: 255 },
            example: "5f0c6a1e-2b1d-4a5c-9a0e-3f2d1c0b9a8e",
          },
        ]
      : []),
    ...(endpoint.conditional
      ? [
          {
            name: "If-None-Match",
            in: "header",
            required: false,
            description: "The `ETag` of the copy you hold. When the answer would be the same, it is a 304 with no body.",
            schema: { type: "string" },
            example: '"3q2-7wEjP1gJ9N3Zl8zVbQ"',
          },
        ]
      : []),
  ];
  const success = endpoint.success;
  const etagHeader = {
    ETag: {
      description: "A strong validator of this exact body (it changes whenever anything in it does). Send it back as `If-None-Match`.",
      schema: { type: "string" },
    },
  };
  return {
    operationId: endpoint.operationId,
    tags: [endpoint.tag],
    summary: endpoint.summary,
    description: endpoint.description,
    "x-roles": endpoint.roles,
    ...(parameters.length ? { parameters } : {}),
    ...(endpoint.body
      ? {
          requestBody: {
            required: endpoint.body.required,
            ...(endpoint.body.required ? {} : { description: "Optional: an empty body is fine." }),
            content: Object.fromEntries(
              [
                { schema: endpoint.body.schema, mediaType: endpoint.body.mediaType ?? "application/json", example: endpoint.body.example },
                ...(endpoint.body.alternative ? [endpoint.body.alternative] : []),
              ].map((b) => [
                b.mediaType,
                {
                  schema: schemaRef(b.schema, requestComponents),
                  ...(b.mediaType === "multipart/form-data"
                    ? { encoding: { file: { contentType: "application/pdf, image/png, image/jpeg" } } }
                    : { example: b.example }),
                },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        headers: {
          ...rateLimitHeaders,
          ...(success.status === 201 ? { Location: { description: "The URL of the new resource.", schema: { type: "string" } } } : {}),
          ...(endpoint.idempotent ? { "Idempotent-Replayed": { description: "`true` when this is the stored response of an earlier request with the same Idempotency-Key.", schema: { type: "string" } } } : {}),
          ...(endpoint.conditional ? etagHeader : {}),
          ...(success.text?.headers ?? {}),
          ...(success.file?.headers ?? {}),
        },
        ...(success.text
          ? { content: { [success.text.mediaType]: { schema: { type: "string" }, example: success.text.example } } }
          : {}),
        ...(success.file ? { content: Object.fromEntries(success.file.mediaTypes.map((type) => [type, { schema: { type: "string", format: "binary" } }])) } : {}),
        ...(success.schema
          ? {
              content: {
                "application/json": {
                  schema: schemaRef(success.schema, responseComponents),
                  ...(success.example !== undefined ? { example: success.example } : {}),
                },
              },
            }
          : {}),
      },
      ...(endpoint.conditional
        ? { "304": { description: "Not modified: `If-None-Match` names the current ETag; no body.", headers: { ...rateLimitHeaders, ...etagHeader } } }
        : {}),
      ...Object.fromEntries([...endpoint.errors].sort().map((status) => [String(status), { $ref: `#/components/responses/Problem${status}` }])),
    },
    ...(endpoint.callbacks
      ? {
          callbacks: {
            statusChanged: {
              "{$request.body#/callbackUrl}": {
                post: {
                  summary: "A status change",
                  description:
                    "Sent to `callbackUrl` on every status change (including the creation), signed per Standard Webhooks. The body is exactly the JSON of Get Porting Request after the change. Answer 2xx within 10 seconds; anything else is retried with exponential backoff for about a day.",
                  parameters: WEBHOOK_HEADERS.map((h) => ({ name: h.name, in: "header", required: true, description: h.description, schema: { type: "string" } })),
                  requestBody: { required: true, content: { "application/json": { schema: { $ref: REF("PortingRequest") } } } },
                  responses: { "2XX": { description: "Received. Any other answer (or none within 10 s) is retried." } },
                },
              },
            },
          },
        }
      : {}),
  };
}

export const WEBHOOK_HEADERS = [
  { name: "webhook-id", description: "The message id: the same on every retry of one status change, so you can drop duplicates.", example: "msg_2fW3x8c1Qn4k" },
  { name: "webhook-timestamp", description: "Unix seconds when this attempt was signed; refuse values far from your clock (replays).", example: "1778404800" },
  {
    name: "webhook-signature",
    description:
      "`v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>`, keyed with your account's signing secret (the base64 part after `whsec_`). Several space-separated signatures may be sent during a secret rotation.",
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  },
  {
    name: "webhook-event-type",
    description:
      "`porting_request.created` for the creation, `porting_request.status_changed` for every later change. Not signed; the body says the same (`history`).",
    example: "porting_request.status_changed",
  },
] as const;

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

export function buildOpenApiDocument(options: { serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of ENDPOINTS) {
    (paths[endpoint.path] ??= {})[endpoint.method] = operation(endpoint);
  }
  paths["/openapi.json"] = {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Reference"],
      summary: "This document",
      description: "The OpenAPI 3.1 document of this API. Public: no key needed.",
      security: [],
      responses: { "200": { description: "The document.", content: { "application/json": { schema: { type: "object" } } } } },
    },
  };
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Voice Porting API",
      version: "1.0.0",
      description:
        "Move business phone numbers onto the voice platform: check a country's requirements, keep company profiles that meet them, create porting requests, follow their status and perform or cancel them. JSON over HTTPS; errors are RFC 9457 problem details. A test key (`vp_test_…`) works in the account's sandbox: its requests (`sandbox: true`) never reach support or a voice number, and a simulated provider moves them by magic number (" +
        SANDBOX_SCENARIOS.map((s) => `${s.display}: ${s.steps.join(" → ")}`).join("; ") +
        "; any other number stays requested).",
    },
    servers: [{ url: `${options.serverUrl}/api/v1` }],
    security: [{ apiKey: [] }],
    tags: [
      { name: "Countries", description: "What porting needs, per country and number type." },
      { name: "Company profiles", description: "Who the numbers belong to." },
      { name: "Porting requests", description: "Create, follow, perform and cancel." },
      { name: "Events", description: "Every change, live, with resume: the stream behind the callbacks." },
      { name: "Support", description: "Support keys only." },
      { name: "Distribution groups", description: "Where calls go." },
      { name: "Numbers", description: "What completion assigns." },
      { name: "Accounts", description: "Customer accounts, their people (invitations, users) and the audit log." },
      { name: "Webhooks", description: "Your own endpoints for the account's events: each signed with its own secret, retried, logged and resendable." },
      { name: "Reference", description: "This document." },
    ],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "vp_<8 hex>_<43 characters>, or vp_test_<8 hex>_<43 characters> for a test key",
          description:
            "An API key from the Settings page: `Authorization: Bearer vp_…`. A customer key acts for its account; a support key for support. A customer's test key (`vp_test_…`) acts in the account's sandbox: it sees and creates only sandbox requests, and a live key never sees them (another side's id is a 404).",
        },
      },
      schemas: componentSchemas(),
      responses: problemResponses(),
    },
    "x-limits": { maxBodyBytes: MAX_BODY_BYTES },
  };
}

/** The problem schema's named component, for tests that check the document refers to it. */
export const PROBLEM_COMPONENT = responseComponents.get(Problem)?.id ?? "Problem";

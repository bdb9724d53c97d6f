import type { z } from "zod";
import type {
  CompanyProfileJson,
  CreateCompanyProfileBody,
  CreatePortingRequestBody,
  DistributionGroupJson,
  PortingRequestJson,
  ResubmitPortingRequestBody,
  TransitionBody,
  VoiceNumberJson,
} from "./schemas";
import { REJECTION_CATALOGUE } from "@/lib/porting/rejection-codes";
import { rejectionTargetJson } from "@/lib/porting/serialize";

// Examples for the OpenAPI document and the reference page. Typed against the schemas, and the
// contract tests parse each one with its schema, so an example can never drift from the contract.

const ACCOUNT_ID = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
export const EXAMPLE_REQUEST_ID = "0b8f5a52-8a3e-4c47-9d6b-2f1e3c4d5a6b";
export const EXAMPLE_PROFILE_ID = "3c9d2e1f-7a6b-4c5d-9e8f-1a2b3c4d5e6f";
export const EXAMPLE_GROUP_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

export const createPortingRequestExample: z.input<typeof CreatePortingRequestBody> = {
  country: "NL",
  numberType: "geographic",
  companyProfileId: EXAMPLE_PROFILE_ID,
  phoneNumbers: ["+31 20 123 4567", "0201234568"],
  currentProvider: "KPN",
  preferredPortingDate: null,
  distributionGroupId: EXAMPLE_GROUP_ID,
  callbackUrl: "https://example.com/porting-callback",
  comment: null,
};

export const portingRequestExample: PortingRequestJson = {
  id: EXAMPLE_REQUEST_ID,
  reference: "PR-000123",
  customerReference: "PO-2026-0042",
  status: "requested",
  statusLabel: "Requested",
  statusReason: "Request received",
  country: "NL",
  numberType: "geographic",
  companyProfileId: EXAMPLE_PROFILE_ID,
  phoneNumbers: [
    { number: "+31201234567", type: "geographic" },
    { number: "+31201234568", type: "geographic" },
  ],
  currentProvider: "KPN",
  preferredPortingDate: null,
  firstPossiblePortingDate: null,
  scheduledPortingAt: null,
  contractScenario: "switch_at_contract_end",
  distributionGroupId: EXAMPLE_GROUP_ID,
  callbackUrl: "https://example.com/porting-callback",
  comment: null,
  allowedActions: [],
  history: [
    {
      from: null,
      to: "requested",
      reason: "Request received",
      firstPossiblePortingDate: null,
      actor: { role: "customer", name: "Anna de Vries" },
      at: "2026-05-04T09:12:45.120Z",
    },
  ],
  rejectionCodes: [],
  resubmissionOf: null,
  resubmittedAs: null,
  accountId: ACCOUNT_ID,
  accountName: "Acme B.V.",
  version: 1,
  createdAt: "2026-05-04T09:12:45.120Z",
  updatedAt: "2026-05-04T09:12:45.120Z",
  statusChangedAt: "2026-05-04T09:12:45.120Z",
  waitingForCustomer: false,
  sandbox: false,
};

export const readyPortingRequestExample: PortingRequestJson = {
  ...portingRequestExample,
  status: "ready_to_be_ported",
  statusLabel: "Ready to be ported",
  statusReason: "KPN agreed to the port.",
  allowedActions: ["perform", "cancel"],
  history: [
    ...portingRequestExample.history,
    {
      from: "requested",
      to: "in_progress",
      reason: "Checking with KPN.",
      firstPossiblePortingDate: null,
      actor: { role: "support", name: "Sam Support" },
      at: "2026-05-04T10:02:11.004Z",
    },
    {
      from: "in_progress",
      to: "ready_to_be_ported",
      reason: "KPN agreed to the port.",
      firstPossiblePortingDate: null,
      actor: { role: "support", name: "Sam Support" },
      at: "2026-05-06T14:30:00.000Z",
    },
  ],
  version: 3,
  updatedAt: "2026-05-06T14:30:00.000Z",
  statusChangedAt: "2026-05-06T14:30:00.000Z",
};

export const completedPortingRequestExample: PortingRequestJson = {
  ...readyPortingRequestExample,
  status: "completed",
  statusLabel: "Completed",
  statusReason: "Performed by customer",
  allowedActions: [],
  history: [
    ...readyPortingRequestExample.history,
    {
      from: "ready_to_be_ported",
      to: "completed",
      reason: "Performed by customer",
      firstPossiblePortingDate: null,
      actor: { role: "customer", name: "Anna de Vries" },
      at: "2026-05-07T08:00:03.551Z",
    },
  ],
  version: 4,
  updatedAt: "2026-05-07T08:00:03.551Z",
  statusChangedAt: "2026-05-07T08:00:03.551Z",
};

const rejectionExample = (code: keyof typeof REJECTION_CATALOGUE, numbers: string[] = []) => {
  const info = REJECTION_CATALOGUE[code];
  return { code: info.code, label: info.label, description: info.description, pointsAt: rejectionTargetJson(info.pointsAt), numbers };
};

const BLOCKED_REASON = "The company name and the second number do not match KPN's records.";

export const blockedPortingRequestExample: PortingRequestJson = {
  ...portingRequestExample,
  status: "blocked",
  statusLabel: "Blocked",
  statusReason: BLOCKED_REASON,
  history: [
    ...portingRequestExample.history,
    {
      from: "requested",
      to: "blocked",
      reason: BLOCKED_REASON,
      firstPossiblePortingDate: null,
      actor: { role: "support", name: "Sam Support" },
      at: "2026-05-04T11:40:00.000Z",
    },
  ],
  rejectionCodes: [rejectionExample("company_name"), rejectionExample("number_not_with_provider", ["+31201234568"])],
  version: 2,
  updatedAt: "2026-05-04T11:40:00.000Z",
  statusChangedAt: "2026-05-04T11:40:00.000Z",
};

export const RESUBMITTED_REQUEST_ID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";

export const resubmittedPortingRequestExample: PortingRequestJson = {
  ...portingRequestExample,
  id: RESUBMITTED_REQUEST_ID,
  reference: "PR-000124",
  phoneNumbers: [{ number: "+31201234567", type: "geographic" }],
  resubmissionOf: { id: EXAMPLE_REQUEST_ID, reference: "PR-000123" },
};

export const resubmitExample: z.input<typeof ResubmitPortingRequestBody> = {
  phoneNumbers: ["+31 20 123 4567"],
};

export const transitionExample: z.input<typeof TransitionBody> = {
  to: "blocked",
  reason: BLOCKED_REASON,
  rejectionCodes: ["company_name", { code: "number_not_with_provider", numbers: ["+31 20 123 4568"] }],
};

export const createCompanyProfileExample: z.input<typeof CreateCompanyProfileBody> = {
  name: "Head office",
  companyName: "Acme B.V.",
  registrationNumber: "12345678",
  vatNumber: "NL123456789B01",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  representativePhone: "+31 20 123 4500",
  street: "Herengracht 1",
  postalCode: "1015 BA",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL",
  numberTypes: ["geographic", "national"],
  notificationEmails: ["porting@acme.example"],
};

export const companyProfileExample: CompanyProfileJson = {
  id: EXAMPLE_PROFILE_ID,
  name: "Head office",
  companyName: "Acme B.V.",
  registrationNumber: "12345678",
  vatNumber: "NL123456789B01",
  representativeFirstName: "Anna",
  representativeLastName: "de Vries",
  representativePhone: "+31201234500",
  street: "Herengracht 1",
  postalCode: "1015 BA",
  city: "Amsterdam",
  addressCountry: "NL",
  country: "NL",
  numberTypes: ["geographic", "national"],
  notificationEmails: ["porting@acme.example"],
  meetsRequirements: true,
  missingRequirements: [],
  requirementProblems: [],
  portingRequestsCount: 1,
  createdAt: "2026-05-01T08:00:00.000Z",
  updatedAt: "2026-05-01T08:00:00.000Z",
};

export const distributionGroupExample: DistributionGroupJson = {
  id: EXAMPLE_GROUP_ID,
  name: "Reception",
  destinations: ["sip:reception@acme.example", "+31201234599"],
  numbersCount: 2,
  openPortingRequestsCount: 1,
  createdAt: "2026-05-01T08:00:00.000Z",
  updatedAt: "2026-05-01T08:00:00.000Z",
};

export const voiceNumberExample: VoiceNumberJson = {
  number: "+31201234567",
  type: "geographic",
  distributionGroupId: EXAMPLE_GROUP_ID,
  portingRequestId: EXAMPLE_REQUEST_ID,
  portingRequestReference: "PR-000123",
  createdAt: "2026-05-07T08:00:03.551Z",
};

export const problemExamples = {
  400: { type: "/docs/api#problem-bad-request", title: "Malformed request", status: 400, detail: "The request body is not valid JSON: Unexpected token } in JSON at position 42." },
  401: { type: "/docs/api#problem-unauthorized", title: "Authentication required", status: 401, detail: "This API key was revoked. Create a new one on the Settings page." },
  403: { type: "/docs/api#problem-forbidden", title: "Forbidden", status: 403, detail: "This endpoint is for support staff only; this key belongs to a customer." },
  404: { type: "/docs/api#problem-not-found", title: "Not found", status: 404, detail: "The porting request was not found." },
  409: {
    type: "/docs/api#problem-conflict",
    title: "Conflict",
    status: 409,
    detail: "Perform porting is not possible now: the request is In progress. It is possible when the request is Ready to be ported.",
    currentStatus: "in_progress",
    allowedActions: [],
    version: 2,
  },
  410: {
    type: "/docs/api#problem-gone",
    title: "Gone",
    status: 410,
    detail: 'Event "msg_2tq9ZPxkVY6wKxRDTjSKvA" is not kept (events are kept 7 days) or is not one of yours, so the stream cannot resume after it. Read the current state (GET /api/v1/porting-requests) and reconnect without Last-Event-ID.',
  },
  413: { type: "/docs/api#problem-payload-too-large", title: "Request body too large", status: 413, detail: "The request body is larger than 1024 KB. Send fewer numbers per request, or split the request." },
  415: { type: "/docs/api#problem-unsupported-media-type", title: "Unsupported media type", status: 415, detail: "Send the body as JSON with the header Content-Type: application/json (this request sent text/plain)." },
  422: {
    type: "/docs/api#problem-validation",
    title: "Validation failed",
    status: 422,
    detail: "Some fields need attention.",
    errors: {
      "phoneNumbers.1": ["+31 6 12345678 is a mobile number; this request is for geographic numbers."],
      phoneNumbers: ["1 of 2 numbers need attention."],
      colour: ['Unknown field "colour": remove it or check its spelling.'],
    },
  },
  429: { type: "/docs/api#problem-rate-limited", title: "Too many requests", status: 429, detail: "This API key made more than 600 requests this minute. Try again in 17 s." },
  500: { type: "/docs/api#problem-internal", title: "Internal error", status: 500, detail: "Something went wrong on our side. Please try again." },
  503: {
    type: "/docs/api#problem-unavailable",
    title: "Service unavailable",
    status: 503,
    detail: "The service cannot reach its database right now. Try again in 5 s; retry a create with the same Idempotency-Key.",
  },
} as const;

import { z } from "zod";
import { companyProfileFields } from "@/lib/company-profiles/schemas";
import { NUMBER_TYPE_LABELS } from "@/lib/porting/countries";
import { documentRefsField } from "@/lib/porting/document-refs";
import { createPortingRequestFields, firstPossiblePortingDate, optionalReason, requiredReason } from "@/lib/porting/schemas";
import { REJECTION_CODES_REQUIRED, rejectionCodesInput } from "@/lib/porting/rejection-code-input";
import { REJECTION_CODES } from "@/lib/porting/rejection-codes";
import { TRANSITION_ACTIONS } from "@/lib/porting/transitions";
import type { ProfileField } from "@/lib/porting/countries";
import {
  ACTOR_ROLES,
  CONTRACT_SCENARIOS,
  COUNTRY_CODES,
  DOCUMENT_KINDS,
  NUMBER_TYPES,
  PORTING_STATUSES,
} from "@/lib/porting/values";

// The REST API's contract as zod schemas: the request schemas validate at the API edge (strict:
// an unknown field is a 422 naming it) and the response schemas describe what the serializers
// produce. The OpenAPI document (lib/api/openapi.ts) is generated from exactly these, and the
// contract tests validate every response against them. Client-safe: no env, no database.

// ---- registries: which schemas become named components of the OpenAPI document ------------------

/** Request schemas, rendered as their input type (what a client sends). */
export const requestComponents = z.registry<{ id: string }>();
/** Response schemas, rendered as their output type (what the API answers). */
export const responseComponents = z.registry<{ id: string }>();

const dateTime = () => z.iso.datetime();
const uuid = () => z.uuid();

// ---- shared pieces ----------------------------------------------------------------------------

export const CountryCode = z.enum(COUNTRY_CODES).describe("ISO 3166-1 alpha-2 code of a country we port from.");
export const NumberType = z.enum(NUMBER_TYPES).describe(
  `${NUMBER_TYPES.map((t) => `\`${t}\` (${NUMBER_TYPE_LABELS[t]})`).join(", ")}.`,
);
export const StatusId = z.enum(PORTING_STATUSES).describe("The status id.");
export const TransitionAction = z.enum(TRANSITION_ACTIONS);

// ---- porting requests: responses ---------------------------------------------------------------

export const PhoneNumber = z
  .object({
    number: z.string().describe("E.164, such as +31201234567."),
    type: NumberType,
  })
  .describe("One number of the request, in E.164 with its type.");

export const HistoryEntry = z
  .object({
    from: StatusId.nullable().describe("The status before; null for the creation itself."),
    to: StatusId.describe("The status after."),
    reason: z.string().describe("Why; every entry has one."),
    firstPossiblePortingDate: z.iso.date().nullable().describe("Set when support delayed the request (NL)."),
    actor: z.object({
      role: z.enum(ACTOR_ROLES).describe("Who made the change: `customer`, `support` or `system`."),
      name: z.string(),
    }),
    at: dateTime().describe("When, ISO 8601 UTC."),
  })
  .describe("One status change.");

// ---- rejections ----------------------------------------------------------------------------------

const REJECTION_PROFILE_FIELDS = [
  "companyName",
  "registrationNumber",
  "vatNumber",
  "representativeFirstName",
  "representativeLastName",
  "representativePhone",
  "street",
  "postalCode",
  "city",
  "addressCountry",
  "notificationEmails",
] as const satisfies readonly ProfileField[];

export const RejectionTarget = z
  .discriminatedUnion("type", [
    z.object({
      type: z.literal("company_profile"),
      fields: z.array(z.enum(REJECTION_PROFILE_FIELDS)).describe("The company profile fields to correct, as named in the company profile JSON."),
    }),
    z.object({ type: z.literal("document"), documentKind: z.enum(DOCUMENT_KINDS).describe("The document to upload again.") }),
    z.object({ type: z.literal("numbers").describe("Some of the request's numbers: `numbers` names them.") }),
    z.object({ type: z.literal("current_provider") }),
    z.object({ type: z.literal("contract").describe("The contract scenario (NL) or the porting date.") }),
    z.object({ type: z.literal("other") }),
  ])
  .describe("What the code points at: where the fix is made.");

export const RejectionCode = z
  .object({
    code: z.enum(REJECTION_CODES),
    label: z.string().describe("Short, such as `Company name`."),
    description: z.string().describe("For the customer: what is wrong and what to do about it."),
    pointsAt: RejectionTarget,
  })
  .describe("Why support may reject a request: one code of the catalogue.");

export const RejectionCodeList = z.object({ data: z.array(RejectionCode) }).describe("Every rejection code, in catalogue order.");

export const RequestRejectionCode = RejectionCode.extend({
  numbers: z.array(z.string()).describe("For number codes: the numbers concerned (E.164). Empty for other codes."),
}).describe("One reason the request was rejected, with what to fix.");

export const RequestLink = z
  .object({ id: uuid(), reference: z.string() })
  .describe("Another porting request, by id and reference.");

export const PortingRequest = z
  .object({
    id: uuid(),
    reference: z.string().describe("What people read and say, such as PR-000123."),
    customerReference: z.string().nullable().describe("Your own reference (a purchase order, a ticket), as given at create; null when none was."),
    status: StatusId,
    statusLabel: z.string().describe("The status as shown to people, such as `Ready to be ported`."),
    statusReason: z.string().describe("The reason given with the latest status change."),
    country: CountryCode,
    numberType: NumberType,
    companyProfileId: uuid(),
    phoneNumbers: z.array(PhoneNumber).describe("Every number of the request, in the order given."),
    currentProvider: z.string(),
    preferredPortingDate: dateTime().nullable().describe("Outside NL: the preferred moment (06:00–20:00 UTC); null means as soon as possible."),
    firstPossiblePortingDate: z.iso.date().nullable().describe("NL: the first possible porting date proposed by the current provider (YYYY-MM-DD)."),
    scheduledPortingAt: dateTime()
      .nullable()
      .describe(
        "Outside NL, while In progress: the porting moment support confirmed with the current provider (06:00–20:00 UTC). The request completes by itself at that moment (numbers assigned, email and callback as for any completion). Null when none is confirmed; cleared when the status changes.",
      ),
    contractScenario: z.enum(CONTRACT_SCENARIOS).nullable().describe("NL only: what happens to the contract with the current provider."),
    distributionGroupId: uuid().nullable().describe("Where completion assigns the numbers; null for none."),
    callbackUrl: z.string().nullable().describe("Receives a signed POST with this JSON on every status change."),
    comment: z.string().nullable(),
    allowedActions: z
      .array(TransitionAction)
      .describe("What the caller may do now, such as `[\"perform\", \"cancel\"]`; empty when nothing."),
    history: z.array(HistoryEntry).describe("Every status change, oldest first, starting with the creation."),
    rejectionCodes: z
      .array(RequestRejectionCode)
      .describe("Blocked: why, one entry per rejection code, each with what to fix and what it points at. Empty in every other status."),
    resubmissionOf: RequestLink.nullable().describe("The Blocked request this one corrects (POST …/resubmit); null otherwise."),
    resubmittedAs: RequestLink.nullable().describe("Blocked: the corrected request made from this one; null until then."),
    accountId: uuid(),
    accountName: z.string().describe("The account the request belongs to."),
    version: z.int().min(1).describe("Increases with every change."),
    createdAt: dateTime(),
    updatedAt: dateTime(),
    statusChangedAt: dateTime(),
    waitingForCustomer: z
      .boolean()
      .describe("Support asked you for information (a comment with `asksForInformation`) and waits for your reply: a comment or a document. Not a status; false once the request is final."),
    sandbox: z
      .boolean()
      .describe("A request of your account's sandbox, made with a test key (`vp_test_…`): moved by the simulated provider according to its magic number (see Sandbox), never seen by support, never putting numbers on your voice account. A test key sees only these; a live key never does."),
  })
  .describe("A porting request: the same JSON in the create answer, Get Porting Request, list items and every callback body.");

const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
    })
    .describe(`A page of ${what}.`);

export const PortingRequestList = listOf(PortingRequest, "porting requests, newest first");

export const Status = z
  .object({
    id: StatusId,
    label: z.string(),
    description: z.string(),
    countries: z
      .union([z.literal("all"), z.array(CountryCode)])
      .describe("`\"all\"`, or the only countries where a request can have this status."),
    final: z.boolean().describe("Completed, Blocked and Cancelled are final: nothing changes after them."),
  })
  .describe("A status a porting request can have.");

export const StatusList = z
  .object({
    country: CountryCode.nullable().describe("The country the descriptions fit: the `country` asked for, else your account's; `null` (a support key without `country`) gives the spec's own texts."),
    data: z.array(Status),
  })
  .describe("The seven statuses, in the order of the flow.");

export const StatusesQuery = z
  .strictObject({
    country: z
      .string()
      .trim()
      .toUpperCase()
      .pipe(CountryCode)
      .optional()
      .describe("Fit the descriptions to this country (the Cancelled text states the Dutch rule, which does not hold elsewhere). Default: your account's country."),
  })
  .describe("Which country the descriptions fit.");

// ---- porting requests: requests ----------------------------------------------------------------

const cf = createPortingRequestFields.shape;

export const CreatePortingRequestBody = z
  .strictObject({
    country: cf.country.describe("The country of the numbers: NL, BE, DE, GB, FR or ES."),
    numberType: cf.numberType.describe("Every number must be of this type."),
    companyProfileId: cf.companyProfileId.describe("A company profile of your account that meets the country's requirements for this number type."),
    phoneNumbers: cf.phoneNumbers.describe(
      "1 to 500 numbers in any common format (`+31 20 123 4567`, `020-1234567`, `0031201234567`); national formats are read as numbers of `country`. Answered in E.164.",
    ),
    currentProvider: cf.currentProvider.describe("The provider the numbers are with now."),
    preferredPortingDate: cf.preferredPortingDate.describe(
      "Not in NL. Elsewhere optional: ISO 8601 date-time between 06:00 and 20:00 UTC, in the future; null or absent means as soon as possible.",
    ),
    contractScenario: cf.contractScenario.describe("NL only; defaults to `switch_at_contract_end`."),
    distributionGroupId: cf.distributionGroupId.describe("A distribution group of your account: completion assigns the numbers to it."),
    callbackUrl: cf.callbackUrl.describe("https URL that receives a signed POST on every status change (see Callbacks). Not a private or loopback address."),
    comment: cf.comment.describe("Anything support should know, up to 2000 characters."),
    customerReference: cf.customerReference.describe("Your own reference, such as a purchase order or ticket number: up to 100 characters (trimmed). Shown in the lists, searchable with `q`, in the export."),
    documents: documentRefsField
      .optional()
      .describe(
        "Uploads made with POST /api/v1/documents, by id: at least the documents the country requires (GET /countries/{code}/requirements; the letter of authorisation everywhere), one per kind. Each upload is used once, within 24 hours.",
      ),
  })
  .describe("Create Porting Request. Optional fields may be left out or be null.");

export const ActionBody = z
  .strictObject({
    reason: optionalReason.describe("Optional; the history then says “Performed by customer” or “Cancelled by customer”."),
  })
  .describe("Optional body of perform and cancel. An empty body is fine.");

export const TransitionBody = z
  .strictObject({
    to: z.enum(PORTING_STATUSES, { error: "Choose the target status: in_progress, delayed, ready_to_be_ported, blocked or completed." }).describe("The target status."),
    reason: requiredReason.describe("Required: the customer receives it with the status update."),
    firstPossiblePortingDate: firstPossiblePortingDate
      .nullish()
      .describe("Required when `to` is `delayed` (NL): the date proposed by the current provider, YYYY-MM-DD, not in the past."),
    rejectionCodes: rejectionCodesInput
      .nullish()
      .describe(
        `Required when \`to\` is \`blocked\`, refused otherwise: at least one code of GET /rejection-codes, each once. A code alone (\`"company_name"\`), or \`{ "code": "number_not_with_provider", "numbers": ["+31 20 123 4567"] }\` to name which of the request's numbers a number code concerns (without \`numbers\`: all of them). ${REJECTION_CODES_REQUIRED}`,
      ),
  })
  .describe("Support only: move a request to another status, as the transition table allows.");

export const ResubmitPortingRequestBody = CreatePortingRequestBody.partial().describe(
  "Resubmit a Blocked request: any field of Create Porting Request to change; every field left out is copied from the Blocked request. `null` clears an optional field; an empty object (or no body) resubmits it as it was. Its documents are copied (the same files); `documents` names new uploads that replace the copies of their kinds.",
);

// ---- porting requests: list query ----------------------------------------------------------------

export const API_DEFAULT_LIMIT = 50;
export const API_MAX_LIMIT = 200;

const dateOrDateTime = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) ? z.iso.date().safeParse(v).success : z.iso.datetime({ offset: true }).safeParse(v).success, {
      error: `Give ${what} as a date (2026-05-14) or an ISO 8601 date-time (2026-05-14T09:00:00Z).`,
    });

export const ListPortingRequestsQuery = z
  .strictObject({
    status: StatusId.optional().describe("Only requests in this status."),
    country: CountryCode.optional().describe("Only requests for this country."),
    number: z
      .string()
      .trim()
      .min(1, "Give a phone number.")
      .max(64, "This is too long to be one phone number.")
      .optional()
      .describe("Only requests that hold this number, in any format (+31 20 123 4567, 020-1234567, …)."),
    reference: z.string().trim().max(20, "This is not a reference.").optional().describe("The request with this reference: PR-000123, pr123 or 123."),
    createdFrom: dateOrDateTime("createdFrom").optional().describe("Created at or after: a date (start of that day, UTC) or an ISO 8601 date-time."),
    createdTo: dateOrDateTime("createdTo").optional().describe("Created at or before: a date (the whole day, UTC) or an ISO 8601 date-time."),
    currentProvider: z
      .string()
      .trim()
      .min(1, "Give the provider's name.")
      .max(200, "A provider's name is at most 200 characters.")
      .optional()
      .describe("Only requests from this current provider: the whole name, case-insensitive (`kpn` finds “KPN”)."),
    companyProfileId: z.uuid({ error: "Give a company profile's id (a UUID)." }).optional().describe("Only requests filed with this company profile."),
    q: z
      .string()
      .trim()
      .max(100, "Search for at most 100 characters.")
      .optional()
      .describe("Free search, as in the app's search box: a reference, a phone number, or part of your own reference (`customerReference`)."),
    sandbox: z
      .enum(["true", "false"], { error: "Give sandbox as true or false." })
      .optional()
      .describe(
        "Which side of the account: your key's own by default (a test key `vp_test_…` lists the sandbox, a live key the live requests); the other side is a 422. The app's pages use it to show the Sandbox tab.",
      ),
    limit: z.coerce
      .number({ error: `Give the page size as a number from 1 to ${API_MAX_LIMIT}.` })
      .int(`Give the page size as a whole number from 1 to ${API_MAX_LIMIT}.`)
      .min(1, `Give a page size from 1 to ${API_MAX_LIMIT}.`)
      .max(API_MAX_LIMIT, `At most ${API_MAX_LIMIT} per page.`)
      .default(API_DEFAULT_LIMIT)
      .describe(`Page size, 1 to ${API_MAX_LIMIT}; default ${API_DEFAULT_LIMIT}.`),
    cursor: z.string().max(500, "This cursor is not valid.").optional().describe("`nextCursor` of the previous page."),
  })
  .describe("Filters of the request list; combine any of them.");

export const ExportPortingRequestsQuery = ListPortingRequestsQuery.omit({ limit: true, cursor: true }).describe(
  "The request list's filters; the export holds every matching request, unpaged.",
);

export const ListQuery = z
  .strictObject({
    limit: ListPortingRequestsQuery.shape.limit,
    cursor: ListPortingRequestsQuery.shape.cursor,
  })
  .describe("Paging of a list.");

// ---- countries ----------------------------------------------------------------------------------

const NumberTypeSupport = z.discriminatedUnion("supported", [
  z.object({
    type: NumberType,
    supported: z.literal(true),
    label: z.string(),
    description: z.string(),
    example: z.string(),
    leadTime: z.string(),
    notes: z.array(z.string()),
  }),
  z.object({ type: NumberType, supported: z.literal(false), label: z.string(), reason: z.string().describe("Why we do not port this type here.") }),
]);

export const Country = z
  .object({
    code: CountryCode,
    name: z.string(),
    dialCode: z.string(),
    nlFlow: z.boolean().describe("The Dutch flow: Delayed, Ready to be ported, and Perform by the customer."),
    preferredDateAllowed: z.boolean(),
    numberTypes: z.array(
      z.object({ type: NumberType, label: z.string(), supported: z.boolean() }),
    ),
  })
  .describe("A country we port from.");

export const CountryList = z.object({ data: z.array(Country) }).describe("The countries we port from.");

export const CountryRequirements = z
  .object({
    code: CountryCode,
    name: z.string(),
    dialCode: z.string(),
    nlFlow: z.boolean(),
    preferredDateAllowed: z.boolean(),
    preferredDateNote: z.string(),
    contractScenarios: z
      .array(z.object({ id: z.enum(CONTRACT_SCENARIOS), label: z.string(), description: z.string() }))
      .nullable()
      .describe("NL only; null elsewhere."),
    defaultContractScenario: z.enum(CONTRACT_SCENARIOS).nullable(),
    numberTypes: z.array(NumberTypeSupport).describe("Per number type: whether we port it here, and what it needs."),
    profileFields: z
      .array(
        z.object({
          field: z.string().describe("The company profile field, as named in the company profile JSON."),
          label: z.string(),
          required: z.boolean(),
          hint: z.string().optional(),
          format: z
            .object({
              pattern: z.string().describe("A regular expression the value must match, after removing `ignoredCharacters`."),
              flags: z.string(),
              description: z.string(),
              example: z.string(),
              ignoredCharacters: z.string().nullable(),
            })
            .nullable(),
        }),
      )
      .describe("What a company profile needs in this country."),
    geographicNeedsAddressInCountry: z.boolean(),
    addressMustBeInCountry: z.boolean(),
    documents: z.array(z.object({ kind: z.enum(DOCUMENT_KINDS), label: z.string(), required: z.boolean(), description: z.string() })),
    leadTime: z.string(),
    completion: z.string(),
    notes: z.array(z.string()),
    simplifications: z.array(z.string()).describe("Where a rule is checked more loosely than it is stated."),
    fixedLineOrMobileAs: NumberType,
  })
  .describe("Everything a porting request in this country needs, per number type.");

// ---- company profiles ---------------------------------------------------------------------------

const pf = companyProfileFields.shape;
const PROFILE_FIELD_NAMES = [
  "companyName",
  "registrationNumber",
  "vatNumber",
  "representativeFirstName",
  "representativeLastName",
  "representativePhone",
  "street",
  "postalCode",
  "city",
  "addressCountry",
  "notificationEmails",
  "country",
  "numberTypes",
] as const;

export const CompanyProfile = z
  .object({
    id: uuid(),
    name: z.string().describe("Your name for the profile, unique in the account."),
    companyName: z.string(),
    registrationNumber: z.string().nullable().describe("KvK number in NL, Handelsregister in DE, …: see the country's requirements."),
    vatNumber: z.string().nullable(),
    representativeFirstName: z.string().nullable(),
    representativeLastName: z.string().nullable(),
    representativePhone: z.string().nullable().describe("E.164."),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    addressCountry: z.string().nullable().describe("ISO 3166-1 alpha-2 code of the address's country."),
    country: CountryCode.describe("The country this profile ports numbers in."),
    numberTypes: z.array(NumberType).describe("The number types this profile is for."),
    notificationEmails: z.array(z.string()).describe("Every status update is emailed to these addresses."),
    meetsRequirements: z.boolean().describe("True when a porting request of every listed number type would accept this profile."),
    missingRequirements: z
      .array(z.enum(PROFILE_FIELD_NAMES))
      .describe("The fields that keep it from meeting the requirements (empty, wrong format or wrong country); empty when met."),
    requirementProblems: z
      .array(z.object({ field: z.enum(PROFILE_FIELD_NAMES), message: z.string() }))
      .describe("One sentence per problem."),
    portingRequestsCount: z.int().min(0).describe("Porting requests that name this profile; while above 0 it cannot be deleted."),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .describe("A company profile: who the numbers belong to, checked against the country's requirements.");

export const CompanyProfileList = listOf(CompanyProfile, "the account's company profiles, by name");

const profileRequestFields = {
  name: pf.name.describe("Your name for the profile, unique in the account."),
  companyName: pf.companyName.describe("The company name as registered."),
  registrationNumber: pf.registrationNumber.describe("In the country's format (see its requirements); separators are dropped when stored."),
  vatNumber: pf.vatNumber,
  representativeFirstName: pf.representativeFirstName,
  representativeLastName: pf.representativeLastName,
  representativePhone: pf.representativePhone.describe("Any common format; stored in E.164."),
  street: pf.street,
  postalCode: pf.postalCode,
  city: pf.city,
  addressCountry: pf.addressCountry.describe("ISO 3166-1 alpha-2 code, such as NL."),
  country: pf.country.describe("The country this profile ports numbers in."),
  numberTypes: pf.numberTypes.describe("At least one number type the country supports."),
  notificationEmails: pf.notificationEmails.describe("1 to 10 addresses; every status update is emailed there."),
};

export const CreateCompanyProfileBody = z
  .strictObject(profileRequestFields)
  .describe("A new company profile. It may be incomplete for its country (it then says what is missing), but every value given must be valid.");

export const UpdateCompanyProfileBody = z
  .strictObject(profileRequestFields)
  .partial()
  .describe("Any subset of the fields: absent fields stay, null clears an optional one. The result is checked as a whole.");

// ---- distribution groups and numbers --------------------------------------------------------------

export const DistributionGroup = z
  .object({
    id: uuid(),
    name: z.string(),
    destinations: z.array(z.string()).describe("In ring order: SIP URIs or E.164 numbers."),
    numbersCount: z.int().min(0).describe("Voice numbers whose calls go to this group."),
    openPortingRequestsCount: z.int().min(0).describe("Open porting requests that will assign their numbers to it."),
    createdAt: dateTime(),
    updatedAt: dateTime(),
  })
  .describe("Where calls to a number go. Completion assigns a request's numbers to the group it names.");

export const DistributionGroupList = listOf(DistributionGroup, "the account's distribution groups, by name");

export const VoiceNumber = z
  .object({
    number: z.string().describe("E.164."),
    type: NumberType,
    distributionGroupId: uuid().nullable(),
    portingRequestId: uuid().nullable().describe("The porting request that brought it here."),
    portingRequestReference: z.string().nullable(),
    createdAt: dateTime().describe("When it arrived on the account."),
  })
  .describe("A number on your voice account: what completion assigns.");

export const VoiceNumberList = listOf(VoiceNumber, "voice numbers");

// ---- errors ---------------------------------------------------------------------------------------

export const Problem = z
  .object({
    type: z.string().describe("A URI reference to the explanation of this kind of problem on /docs/api."),
    title: z.string(),
    status: z.int(),
    detail: z.string().describe("What went wrong with this request, and what to do about it."),
    numbersCount: z.int().optional().describe("409 when deleting a distribution group that numbers use: how many."),
    openPortingRequestsCount: z.int().optional().describe("409 when deleting a distribution group that open porting requests will assign to: how many."),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe("422 (and some 400s): every field with its problems. `phoneNumbers.2` is the third number; `\"\"` is the body as a whole."),
    currentStatus: StatusId.optional().describe("409 on a porting request: its status now."),
    allowedActions: z.array(TransitionAction).optional().describe("409 on a porting request: what the caller may do now."),
    version: z.int().optional().describe("409 on a porting request: its version now."),
    resubmittedAs: RequestLink.optional().describe("409 on resubmit: the request already made from this Blocked one."),
    numbersOnVoiceAccount: z.array(z.string()).optional(),
    portingRequestsCount: z.int().optional().describe("409 when deleting a company profile that requests name."),
  })
  .describe("RFC 9457 problem details: every error of the API.");

// Named components, in the order the reference lists them.
for (const [id, schema] of Object.entries({
  CreatePortingRequest: CreatePortingRequestBody,
  ActionBody,
  TransitionBody,
  ResubmitPortingRequest: ResubmitPortingRequestBody,
  CreateCompanyProfile: CreateCompanyProfileBody,
  UpdateCompanyProfile: UpdateCompanyProfileBody,
})) {
  requestComponents.add(schema, { id });
}
for (const [id, schema] of Object.entries({
  PortingRequest,
  PortingRequestList,
  PhoneNumber,
  HistoryEntry,
  RejectionTarget,
  RejectionCode,
  RejectionCodeList,
  RequestRejectionCode,
  RequestLink,
  Status,
  StatusList,
  Country,
  CountryList,
  CountryRequirements,
  CompanyProfile,
  CompanyProfileList,
  DistributionGroup,
  DistributionGroupList,
  VoiceNumber,
  VoiceNumberList,
  Problem,
})) {
  responseComponents.add(schema, { id });
}

export type PortingRequestJson = z.infer<typeof PortingRequest>;
export type PortingRequestListJson = z.infer<typeof PortingRequestList>;
export type CompanyProfileJson = z.infer<typeof CompanyProfile>;
export type DistributionGroupJson = z.infer<typeof DistributionGroup>;
export type VoiceNumberJson = z.infer<typeof VoiceNumber>;
export type StatusJson = z.infer<typeof Status>;
export type CountryJson = z.infer<typeof Country>;
export type CountryRequirementsJson = z.infer<typeof CountryRequirements>;

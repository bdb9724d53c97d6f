import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  ACCOUNT_ROLES,
  ACTOR_ROLES,
  CONTRACT_SCENARIOS,
  DOCUMENT_KINDS,
  NUMBER_TYPES,
  PORTING_STATUSES,
  USER_ROLES,
} from "@/lib/porting/values";
import type { StoredRejection } from "@/lib/porting/rejection-codes";

// The single source of the domain's tables. Status and type values come from `as const` tuples
// in lib/porting/values.ts, so the column, zod, the API and the UI can never disagree.

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
// PostgreSQL's 64-bit transaction id (never wraps); read as a decimal string.
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

export const userRole = pgEnum("user_role", USER_ROLES);
export const accountRole = pgEnum("account_role", ACCOUNT_ROLES);
export const actorRole = pgEnum("actor_role", ACTOR_ROLES);
export const portingStatus = pgEnum("porting_status", PORTING_STATUSES);
export const numberType = pgEnum("number_type", NUMBER_TYPES);
export const contractScenario = pgEnum("contract_scenario", CONTRACT_SCENARIOS);
export const documentKind = pgEnum("document_kind", DOCUMENT_KINDS);

export const accounts = pgTable("accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  country: char("country", { length: 2 }).notNull(),
  // Standard Webhooks signing secret (`whsec_…`), shown and rotatable in settings.
  signingSecret: text("signing_secret").notNull(),
  // After a rotation the old secret also signs callbacks for a day (two signatures in
  // `webhook-signature`), so a receiver can switch over without dropping a callback.
  previousSigningSecret: text("previous_signing_secret"),
  previousSigningSecretExpiresAt: ts("previous_signing_secret_expires_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: userRole("role").notNull(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    // What a customer may do in its account (admin | member); null for support staff.
    accountRole: accountRole("account_role"),
    // A disabled user cannot sign in, and its sessions and API keys stop at their next request.
    disabled: boolean("disabled").notNull().default(false),
    // Carried in the session JWT and compared on every request: bumping it ends every session
    // (disable, password change or reset, "sign out everywhere").
    sessionVersion: integer("session_version").notNull().default(1),
    passwordHash: text("password_hash").notNull(),
    lastSignInAt: ts("last_sign_in_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    index("users_account_idx").on(t.accountId),
    // A customer belongs to exactly one account; a support agent to none.
    check(
      "users_role_account_check",
      sql`(${t.role} = 'customer' AND ${t.accountId} IS NOT NULL) OR (${t.role} = 'support' AND ${t.accountId} IS NULL)`,
    ),
    check("users_account_role_check", sql`(${t.role} = 'customer') = (${t.accountRole} IS NOT NULL)`),
  ],
);

// Sign-up is by invitation only. The link's token is shown once (in the email) and stored only
// as its SHA-256; a resend replaces the token, so an older link stops working.
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: accountRole("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    acceptedUserId: uuid("accepted_user_id").references(() => users.id, { onDelete: "set null" }),
    revokedAt: ts("revoked_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    // One open invitation per person and account: a second invite is a resend, not a new link.
    uniqueIndex("invitations_open_email_key")
      .on(t.accountId, sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} IS NULL AND ${t.revokedAt} IS NULL`),
    index("invitations_account_idx").on(t.accountId, t.createdAt),
  ],
);

// Password reset (and first set-password) links: SHA-256 of the token only, short-lived, single use.
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("password_reset_tokens_token_hash_key").on(t.tokenHash), index("password_reset_tokens_user_idx").on(t.userId)],
);

// Who changed what in an account, written in the same transaction as the change. `changes` holds
// the changed fields (before/after) and never a secret. Status changes are not copied here: they
// have their own history (porting_request_events).
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Null for changes outside any account (support users, support API keys).
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorApiKeyId: uuid("actor_api_key_id").references(() => apiKeys.id, { onDelete: "set null" }),
    // Kept as text so the log still says who it was after the user is gone.
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id").notNull(),
    changes: jsonb("changes").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  // Newest first, keyset on (created_at, id); ascending so a backward scan serves DESC (see
  // porting_requests_account_created_idx).
  (t) => [index("audit_events_account_created_idx").on(t.accountId, t.createdAt, t.id)],
);

// Failed sign-ins per email, for rate limiting; in the database so every app instance agrees.
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: ts("window_started_at").notNull().defaultNow(),
});

export const companyProfiles = pgTable(
  "company_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    companyName: text("company_name").notNull(),
    registrationNumber: text("registration_number"),
    vatNumber: text("vat_number"),
    representativeFirstName: text("representative_first_name"),
    representativeLastName: text("representative_last_name"),
    representativePhone: text("representative_phone"),
    street: text("street"),
    postalCode: text("postal_code"),
    city: text("city"),
    addressCountry: char("address_country", { length: 2 }),
    country: char("country", { length: 2 }).notNull(),
    numberTypes: numberType("number_types").array().notNull().default(sql`'{}'`),
    notificationEmails: text("notification_emails").array().notNull().default(sql`'{}'`),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("company_profiles_account_idx").on(t.accountId, t.name)],
);

export const distributionGroups = pgTable(
  "distribution_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // Ordered: calls ring the destinations in this order. SIP URIs or E.164 numbers.
    destinations: text("destinations").array().notNull().default(sql`'{}'`),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("distribution_groups_account_name_key").on(t.accountId, t.name)],
);

export const portingRequestReferenceSeq = pgSequence("porting_request_reference_seq", { startWith: 1 });

export const portingRequests = pgTable(
  "porting_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference")
      .notNull()
      .default(sql`porting_request_reference()`),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    companyProfileId: uuid("company_profile_id")
      .notNull()
      .references(() => companyProfiles.id, { onDelete: "restrict" }),
    country: char("country", { length: 2 }).notNull(),
    numberType: numberType("number_type").notNull(),
    currentProvider: text("current_provider").notNull(),
    preferredPortingDate: ts("preferred_porting_date"),
    firstPossiblePortingDate: date("first_possible_porting_date", { mode: "string" }),
    contractScenario: contractScenario("contract_scenario"),
    callbackUrl: text("callback_url"),
    distributionGroupId: uuid("distribution_group_id").references(() => distributionGroups.id, {
      onDelete: "restrict",
    }),
    comment: text("comment"),
    status: portingStatus("status").notNull().default("requested"),
    statusReason: text("status_reason").notNull(),
    statusChangedAt: ts("status_changed_at").notNull().defaultNow(),
    // Bumped by every change; lets a page say "this request changed meanwhile".
    version: integer("version").notNull().default(1),
    // The conversation beside the request (not its status, DESIGN.md): support asked the customer
    // for information and waits for a reply ("waiting for you"), set by support's question and
    // cleared by the customer's next comment; and customer comments support has not read yet
    // (one team inbox: opening the request reads them). Neither bumps `version`: a comment is no
    // reason for a status change to conflict.
    waitingForCustomerSince: ts("waiting_for_customer_since"),
    supportUnreadComments: integer("support_unread_comments").notNull().default(0),
    // A corrected request made from a Blocked one (DESIGN.md: resubmitted once, a new request
    // linked both ways, never a reopened one). The unique index makes "once" hold under races.
    resubmissionOfId: uuid("resubmission_of_id").references((): AnyPgColumn => portingRequests.id, { onDelete: "set null" }),
    // The customer's own reference (a purchase order, a ticket): optional, trimmed, up to 100
    // characters (lib/porting/schemas.ts), shown in the lists, searched and exported.
    customerReference: text("customer_reference"),
    // Outside NL: the porting moment support confirmed with the current provider (06:00–20:00 UTC).
    // The request completes by itself then: the pending scheduled_completions row of the request
    // (lib/porting/scheduled-completions.ts) is the job; this column is the moment as the request
    // shows it. Both are written together, and cleared together when the request changes status.
    scheduledPortingAt: ts("scheduled_porting_at"),
    // A request of the account's sandbox (DESIGN.md, Sandbox; lib/porting/sandbox.ts): made with a
    // test API key, driven by its magic number through the simulated provider, never seen by
    // support, never counted in porting_request_counts, never holding its numbers (its number rows
    // are never `open`) and never putting them on a voice account. Fixed at creation.
    sandbox: boolean("sandbox").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    // Changes whenever anything the request's GET JSON is built from may have changed: kept by
    // triggers (migration 0015), never by the app: every UPDATE of this row, and every write to a
    // part of the JSON kept in another table (numbers, history, a resubmission linking here). The
    // API's list keeps each request's JSON until this moves (lib/porting/request-json-cache.ts).
    contentVersion: integer("content_version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("porting_requests_reference_key").on(t.reference),
    // The Sandbox tab (newest first, and its counts) reads the few sandbox rows of an account
    // without walking its live ones; the simulated provider walks the open sandbox rows only.
    index("porting_requests_sandbox_account_created_idx").on(t.accountId, t.createdAt, t.id).where(sql`${t.sandbox}`),
    index("porting_requests_sandbox_changed_idx")
      .on(t.statusChangedAt, t.id)
      .where(sql`${t.sandbox} AND ${t.status} IN ('requested', 'in_progress', 'delayed')`),
    uniqueIndex("porting_requests_resubmission_of_key").on(t.resubmissionOfId).where(sql`${t.resubmissionOfId} IS NOT NULL`),
    // The customer list: newest first, optionally one status; keyset on (created_at, id).
    // Ascending on purpose: a backward scan serves ORDER BY … DESC (= DESC NULLS FIRST), which a
    // `DESC NULLS LAST` index (drizzle's .desc()) cannot, and the planner then sorts every row.
    index("porting_requests_account_created_idx").on(t.accountId, t.createdAt, t.id),
    index("porting_requests_account_status_created_idx").on(
      t.accountId,
      t.status,
      t.createdAt,
      t.id,
    ),
    // The support queue: one status, oldest waiting first; and every account, newest first.
    index("porting_requests_status_changed_idx").on(t.status, t.statusChangedAt, t.id),
    index("porting_requests_changed_idx").on(t.statusChangedAt, t.id),
    index("porting_requests_created_idx").on(t.createdAt, t.id),
    // The list filters (issue 15): a company profile's requests, and one current provider's
    // (case-insensitive), newest first; the search box's "part of my own reference" (pg_trgm,
    // created by the migration: an ILIKE '%…%' otherwise reads every row of the account).
    index("porting_requests_profile_created_idx").on(t.companyProfileId, t.createdAt, t.id),
    index("porting_requests_account_provider_created_idx").on(t.accountId, sql`lower(${t.currentProvider})`, t.createdAt, t.id),
    index("porting_requests_customer_reference_trgm_idx").using("gin", t.customerReference.op("gin_trgm_ops")),
    check("porting_requests_customer_reference_length", sql`char_length(${t.customerReference}) <= 100`),
    // A confirmed porting moment belongs to a non-NL request In progress (the only one support can
    // complete); any status change must clear it, and this makes one that forgets fail loudly.
    check(
      "porting_requests_scheduled_porting_at_check",
      sql`${t.scheduledPortingAt} IS NULL OR (${t.status} = 'in_progress' AND ${t.country} <> 'NL')`,
    ),
  ],
);

export const portingRequestNumbers = pgTable(
  "porting_request_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portingRequestId: uuid("porting_request_id")
      .notNull()
      .references(() => portingRequests.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    type: numberType("type").notNull(),
    position: integer("position").notNull(),
    // True while the request is not final; cleared in the transaction that finalises it.
    open: boolean("open").notNull().default(true),
  },
  (t) => [
    // At most one open request per number, enforced by the database itself.
    uniqueIndex("porting_request_numbers_open_number_key").on(t.number).where(sql`${t.open}`),
    index("porting_request_numbers_number_idx").on(t.number),
    index("porting_request_numbers_account_number_idx").on(t.accountId, t.number),
    uniqueIndex("porting_request_numbers_request_number_key").on(t.portingRequestId, t.number),
  ],
);

export const portingRequestEvents = pgTable(
  "porting_request_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    portingRequestId: uuid("porting_request_id")
      .notNull()
      .references(() => portingRequests.id, { onDelete: "cascade" }),
    fromStatus: portingStatus("from_status"),
    toStatus: portingStatus("to_status").notNull(),
    reason: text("reason").notNull(),
    firstPossiblePortingDate: date("first_possible_porting_date", { mode: "string" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorRole: actorRole("actor_role").notNull(),
    actorName: text("actor_name").notNull(),
    // A rejection's codes (lib/porting/rejection-codes.ts) and the company profile as it was then.
    rejection: jsonb("rejection").$type<StoredRejection>(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("porting_request_events_request_idx").on(t.portingRequestId, t.id),
    // DESIGN.md: Blocked always carries at least one rejection code.
    check(
      "porting_request_events_blocked_rejection_check",
      sql`${t.toStatus} <> 'blocked' OR (${t.rejection} IS NOT NULL AND jsonb_array_length(${t.rejection} -> 'codes') > 0)`,
    ),
  ],
);

// Per-account, per-status counts, maintained in the same transaction as every create and
// transition, so status tabs stay cheap at a million requests.
export const portingRequestCounts = pgTable(
  "porting_request_counts",
  {
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    status: portingStatus("status").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.status] })],
);

export const portingRequestDocuments = pgTable(
  "porting_request_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The tenant of the file, also while it is an upload no request uses yet (POST /api/v1/documents).
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    // Null while the file is an upload waiting to be named by a request: such rows older than
    // 24 hours are deleted (lib/porting/pending-uploads.ts, run by the notification worker).
    portingRequestId: uuid("porting_request_id").references(() => portingRequests.id, { onDelete: "cascade" }),
    kind: documentKind("kind").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    data: bytea("data").notNull(),
    // Who sent the file; null on rows from before this was kept.
    uploadedByUserId: uuid("uploaded_by_user_id").references(() => users.id, { onDelete: "set null" }),
    uploadedByRole: actorRole("uploaded_by_role"),
    uploadedByName: text("uploaded_by_name"),
    // Added to the request after it was created (GET/POST …/documents): shown on its timeline.
    addedAfterCreation: boolean("added_after_creation").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("porting_request_documents_request_idx").on(t.portingRequestId),
    // The sweep of unused uploads walks only the pending ones, oldest first.
    index("porting_request_documents_pending_idx").on(t.createdAt).where(sql`${t.portingRequestId} IS NULL`),
  ],
);

// The conversation on a request: comments of the customer and support, and support's internal
// notes, which customers never see (no API answer, page, email or event of theirs carries them).
export const portingRequestComments = pgTable(
  "porting_request_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portingRequestId: uuid("porting_request_id")
      .notNull()
      .references(() => portingRequests.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorRole: actorRole("author_role").notNull(),
    // Kept as text so the conversation still says who wrote it after the user is gone.
    authorName: text("author_name").notNull(),
    body: text("body").notNull(),
    internal: boolean("internal").notNull().default(false),
    // Support asked the customer for information: the request waits for the customer's reply.
    asksForInformation: boolean("asks_for_information").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    // Oldest first, keyset on (created_at, id).
    index("porting_request_comments_request_idx").on(t.portingRequestId, t.createdAt, t.id),
    check(
      "porting_request_comments_support_only_check",
      sql`(${t.internal} = false AND ${t.asksForInformation} = false) OR ${t.authorRole} = 'support'`,
    ),
    check("porting_request_comments_question_not_internal_check", sql`NOT (${t.internal} AND ${t.asksForInformation})`),
  ],
);

export const voiceNumbers = pgTable(
  "voice_numbers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    type: numberType("type").notNull(),
    distributionGroupId: uuid("distribution_group_id").references(() => distributionGroups.id, {
      onDelete: "restrict",
    }),
    portingRequestId: uuid("porting_request_id").references(() => portingRequests.id, {
      onDelete: "set null",
    }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    // A number lives on one voice account at a time.
    uniqueIndex("voice_numbers_number_key").on(t.number),
    index("voice_numbers_account_idx").on(t.accountId, t.number),
    index("voice_numbers_group_idx").on(t.distributionGroupId),
  ],
);

export const API_KEY_MODES = ["live", "test"] as const;
export type ApiKeyMode = (typeof API_KEY_MODES)[number];
export const apiKeyMode = pgEnum("api_key_mode", API_KEY_MODES);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Null for support keys, which act across accounts.
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    // `test` keys (vp_test_…) act in the account's sandbox (DESIGN.md, Sandbox); support keys are live.
    mode: apiKeyMode("mode").notNull().default("live"),
    // SHA-256 of the whole key; the key itself is shown once and never stored.
    hash: text("hash").notNull(),
    lastUsedAt: ts("last_used_at"),
    revokedAt: ts("revoked_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.hash),
    index("api_keys_account_idx").on(t.accountId),
    check("api_keys_test_mode_account_check", sql`${t.mode} = 'live' OR ${t.accountId} IS NOT NULL`),
  ],
);

// ---- REST API ------------------------------------------------------------------------------------

// `Idempotency-Key` on create: the first request's response is kept for 24 h and replayed for the
// same key and body; `response_status` is null while the first request is still in flight.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status"),
    responseBody: text("response_body"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.apiKeyId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

// Fixed one-minute windows per API key, shared by every app instance.
export const apiRateLimits = pgTable("api_rate_limits", {
  apiKeyId: uuid("api_key_id")
    .primaryKey()
    .references(() => apiKeys.id, { onDelete: "cascade" }),
  windowStartedAt: ts("window_started_at").notNull(),
  count: integer("count").notNull().default(0),
});

// ---- Notifications ---------------------------------------------------------------------------
// The delivery records are the queue: rows are inserted in the same transaction as the status
// change (a rollback sends nothing, a crash after commit loses nothing), workers claim due rows
// with FOR UPDATE SKIP LOCKED and a lease (`locked_until`), and every attempt is kept.

export const DELIVERY_STATES = ["pending", "delivered", "failed", "not_sent"] as const;
export const deliveryState = pgEnum("delivery_state", DELIVERY_STATES);

export const emailMessages = pgTable(
  "email_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // `status` emails belong to a request's status change, `comment` emails to a comment support
    // wrote on a request; `invitation` and `password_reset` emails (lib/accounts) have neither and
    // are sent by the same worker.
    kind: text("kind").notNull().default("status"),
    portingRequestId: uuid("porting_request_id").references(() => portingRequests.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" }).references(() => portingRequestEvents.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").references(() => portingRequestComments.id, { onDelete: "cascade" }),
    recipients: text("recipients").array().notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    state: deliveryState("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    sentAt: ts("sent_at"),
    // The X-Request-Id of the request that made the change: the worker's log lines carry it.
    requestId: text("request_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("email_messages_request_idx").on(t.portingRequestId, t.createdAt),
    index("email_messages_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    // Failed and unsent emails of the last day: metrics and the support status strip.
    index("email_messages_state_created_idx").on(t.state, t.createdAt),
    check(
      "email_messages_kind_check",
      sql`${t.kind} IN ('status', 'comment', 'invitation', 'password_reset') AND (${t.kind} <> 'status' OR (${t.portingRequestId} IS NOT NULL AND ${t.eventId} IS NOT NULL)) AND (${t.kind} <> 'comment' OR (${t.portingRequestId} IS NOT NULL AND ${t.commentId} IS NOT NULL))`,
    ),
  ],
);

export const callbackDeliveries = pgTable(
  "callback_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The Standard Webhooks `webhook-id`: stable across retries, for the receiver's de-duplication.
    messageId: text("message_id").notNull(),
    portingRequestId: uuid("porting_request_id")
      .notNull()
      .references(() => portingRequests.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => portingRequestEvents.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    url: text("url").notNull(),
    // Exactly the GET JSON after the change, fixed at enqueue time and signed at delivery.
    body: text("body").notNull(),
    state: deliveryState("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    deliveredAt: ts("delivered_at"),
    // The X-Request-Id of the request that made the change: the worker's log lines carry it.
    requestId: text("request_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("callback_deliveries_message_key").on(t.messageId),
    index("callback_deliveries_request_idx").on(t.portingRequestId, t.createdAt),
    index("callback_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("callback_deliveries_failing_idx").on(t.state, t.createdAt),
  ],
);

export const callbackAttempts = pgTable(
  "callback_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => callbackDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    startedAt: ts("started_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    nextAttemptAt: ts("next_attempt_at"),
  },
  (t) => [index("callback_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

// The account's event record (DESIGN.md, Events): every status change, comment and document
// addition is one row with one id (`message_id`, the Standard Webhooks `webhook-id` its callback
// delivery uses too), written in the transaction of the change (lib/events/record.ts). The event
// stream GET /api/v1/events and the pages' live updates read it; Last-Event-ID resumes from it.
//
// Order is (tx_id, id), not id alone: a sequence value is taken before commit, so a transaction
// that took id 5 can commit after one that took id 6, and a reader that had seen 6 would skip 5
// for ever. Readers take only rows whose transaction is older than every transaction still
// running (tx_id < pg_snapshot_xmin(pg_current_snapshot())): no row can appear below that
// position later. docs/events.md says more.
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    txId: xid8("tx_id")
      .notNull()
      .default(sql`pg_current_xact_id()`),
    messageId: text("message_id").notNull(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    portingRequestId: uuid("porting_request_id").references(() => portingRequests.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    // The JSON text exactly as delivered (for status changes the GET JSON, byte for byte the callback's body).
    body: text("body").notNull(),
    // An event of a sandbox request (lib/events/record.ts copies the request's flag): only test
    // keys' streams carry it, live keys' and support's never do.
    sandbox: boolean("sandbox").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("events_message_key").on(t.messageId),
    index("events_account_position_idx").on(t.accountId, t.txId, t.id),
    index("events_position_idx").on(t.txId, t.id),
    index("events_created_idx").on(t.createdAt),
  ],
);

// Webhook endpoints (issue 15 item 1; DESIGN.md, Events): an account's own receivers of its
// events. Every event recorded for the account (lib/events/record.ts) is queued, in the event's own
// transaction, for every enabled endpoint that subscribes to its type, and signed with that
// endpoint's secret. The secret is kept as the account's signing secret is (it is an HMAC key the
// worker needs as such); the API shows it once, at creation and at rotation.
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    // The event types it receives; empty means every type, including types added later.
    eventTypes: text("event_types").array().notNull().default(sql`'{}'::text[]`),
    enabled: boolean("enabled").notNull().default(true),
    secret: text("secret").notNull(),
    // After a rotation the old secret also signs for a day, as the account's signing secret does.
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: ts("previous_secret_expires_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_account_created_idx").on(t.accountId, t.createdAt, t.id)],
);

// One event (or test message) on its way to one endpoint: the queue row the notification worker
// claims, exactly as callback_deliveries (docs/notifications.md), with its own attempt log.
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    // The webhook-id: the event's message_id (so the stream, the callback and every endpoint name
    // one change by one id); a resend of a finished delivery gets a new one.
    messageId: text("message_id").notNull(),
    // The message_id of the event (or test) delivered, the same on every resend of it.
    eventMessageId: text("event_message_id").notNull(),
    eventType: text("event_type").notNull(),
    portingRequestId: uuid("porting_request_id").references(() => portingRequests.id, { onDelete: "set null" }),
    // The event's body, byte for byte, signed at delivery (kept past the event's own retention).
    body: text("body").notNull(),
    state: deliveryState("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    lockedUntil: ts("locked_until"),
    deliveredAt: ts("delivered_at"),
    // The X-Request-Id of the request that made the change: the worker's log lines carry it.
    requestId: text("request_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_endpoint_message_key").on(t.endpointId, t.messageId),
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt, t.id),
    index("webhook_deliveries_event_idx").on(t.endpointId, t.eventMessageId),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    // Where this attempt went: the endpoint's URL at the time (an admin may change it between retries).
    url: text("url"),
    startedAt: ts("started_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    nextAttemptAt: ts("next_attempt_at"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

// Each notification worker's delivery-attempt counters (prom-client JSON), stored every few
// seconds: workers run in their own processes, and every web instance's GET /api/metrics serves
// the sum of the workers that reported lately (lib/observability/worker-metrics.ts).
export const workerMetrics = pgTable("worker_metrics", {
  workerId: text("worker_id").primaryKey(),
  metrics: jsonb("metrics").notNull(),
  startedAt: ts("started_at").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

// A confirmed porting moment, as a job on the notification worker's queue (docs/notifications.md,
// "Scheduled completions"): the worker claims a due row with FOR UPDATE SKIP LOCKED and a lease,
// exactly as it claims deliveries, and completes the request in one transaction with marking the
// row `completed`, so a completion happens once whatever workers die or race. At most one pending
// row per request; a status change of any other kind cancels it in its own transaction.
export const SCHEDULED_COMPLETION_STATES = ["pending", "completed", "cancelled", "failed"] as const;
export const scheduledCompletionState = pgEnum("scheduled_completion_state", SCHEDULED_COMPLETION_STATES);

export const scheduledCompletions = pgTable(
  "scheduled_completions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portingRequestId: uuid("porting_request_id")
      .notNull()
      .references(() => portingRequests.id, { onDelete: "cascade" }),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    portingAt: ts("porting_at").notNull(),
    state: scheduledCompletionState("state").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: ts("locked_until"),
    lastError: text("last_error"),
    // Who confirmed the moment (the history entry of the completion names them).
    scheduledByUserId: uuid("scheduled_by_user_id").references(() => users.id, { onDelete: "set null" }),
    scheduledByName: text("scheduled_by_name").notNull(),
    // Why it ended other than by completing (rescheduled, cancelled, completed by hand, …).
    endedReason: text("ended_reason"),
    // The history row of the completion it made.
    completionEventId: bigint("completion_event_id", { mode: "number" }).references(() => portingRequestEvents.id, { onDelete: "set null" }),
    // The X-Request-Id of the request that confirmed the moment: the worker's log lines carry it.
    requestId: text("request_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    endedAt: ts("ended_at"),
  },
  (t) => [
    uniqueIndex("scheduled_completions_pending_request_key").on(t.portingRequestId).where(sql`${t.state} = 'pending'`),
    index("scheduled_completions_due_idx").on(t.portingAt).where(sql`${t.state} = 'pending'`),
    index("scheduled_completions_request_idx").on(t.portingRequestId, t.createdAt),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type CompanyProfile = typeof companyProfiles.$inferSelect;
export type DistributionGroup = typeof distributionGroups.$inferSelect;
export type PortingRequest = typeof portingRequests.$inferSelect;
export type PortingRequestNumber = typeof portingRequestNumbers.$inferSelect;
export type PortingRequestEvent = typeof portingRequestEvents.$inferSelect;
export type ScheduledCompletion = typeof scheduledCompletions.$inferSelect;
export type PortingRequestComment = typeof portingRequestComments.$inferSelect;
export type PortingRequestDocument = typeof portingRequestDocuments.$inferSelect;
export type VoiceNumber = typeof voiceNumbers.$inferSelect;
export type AccountEvent = typeof events.$inferSelect;

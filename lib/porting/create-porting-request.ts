import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, type Db, type Executor, type Tx } from "@/db";
import {
  companyProfiles,
  distributionGroups,
  portingRequestEvents,
  portingRequestNumbers,
  portingRequests,
} from "@/db/schema";
import type { CustomerActor } from "@/lib/auth/actor";
import { ForbiddenError, ValidationError, isDomainError, type FieldErrors } from "@/lib/errors";
import { assertCallbackUrlAllowed } from "./callback-url";
import type { PortingRequestDto } from "./dto";
import { documentField } from "./document-files";
import {
  attachStoredUploads,
  insertDocuments,
  isStoredUploadRef,
  missingDocumentErrors,
  oneOfAKind,
  resolveStoredUploads,
  validateDocuments,
  type DocumentSource,
  type DocumentUpload,
} from "./documents";
import { checkNumbers } from "./check-numbers";
import { checkNumbersOffline, type NumberCheck } from "./numbers";
import { enqueueStatusNotifications } from "./notify";
import { checkProfileRequirements } from "./profile-requirements";
import { loadPortingRequestDto } from "./queries";
import { lockResubmittable } from "./resubmission";
import { createPortingRequestFields, createPortingRequestSchema, MAX_NUMBERS_PER_REQUEST, type CreatePortingRequestInput } from "./schemas";
import { fieldErrorsFromZod } from "@/lib/shared/validation";
import { adjustStatusCounts } from "./status-counts";
import type { CountryCode, NumberType } from "./values";

// "Create a new phone number porting request" (the spec). Every problem is reported at once, per
// field and per number, and nothing is stored until the whole request is valid (DESIGN.md).

export const CREATED_REASON = "Request received";

const OPEN_NUMBER_INDEX = "porting_request_numbers_open_number_key";

export type CreatePortingRequestOptions = {
  /**
   * The request's documents: files sent with it (the web form) and uploads made before it by id
   * (the REST API's `documents: [{ id }]`, POST /api/v1/documents). Files are checked (type by
   * magic bytes, size) together with every other field; the documents the country requires must
   * be among them, whichever way they came (none given: every required one is reported missing);
   * they are stored, or the uploads attached, in the request's own transaction.
   */
  documents?: readonly DocumentSource[];
  /** How a missing document is explained: the form's words, or the API's (kind id, how to upload). */
  documentsVia?: "form" | "api";
  /**
   * Runs in the request's own transaction, after everything else: what must commit together with
   * the request or not at all (the API stores its Idempotency-Key response here).
   */
  beforeCommit?: (tx: Tx, created: PortingRequestDto) => Promise<void>;
  /** A Blocked request this one corrects (resubmit-porting-request.ts): locked, checked and linked in this transaction. */
  resubmissionOf?: string;
};

export async function createPortingRequest(
  actor: CustomerActor,
  input: CreatePortingRequestInput,
  db: Db = getDb(),
  options: CreatePortingRequestOptions = {},
): Promise<PortingRequestDto> {
  // The type says customer; an adapter that passes a support session must still be refused.
  if ((actor as { role: string }).role !== "customer") throw new ForbiddenError("Only a customer account can create porting requests.");

  // Before the transaction: the full guard will resolve host names, which must not hold a
  // pooled connection (and row locks) while DNS answers.
  const callbackErrors = await callbackUrlErrors(input);
  const sources = options.documents ?? [];
  // The files' own checks are pure (no database): before the transaction, like the callback URL.
  const files = validateDocuments(sources.filter((s): s is DocumentUpload => !isStoredUploadRef(s)), undefined);

  try {
    return await db.transaction(async (tx) => {
      const original = options.resubmissionOf ? await lockResubmittable(tx, actor, options.resubmissionOf) : null;
      // A test key's requests are the sandbox's; a correction stays on its original's side (the
      // browser resubmits either kind).
      const sandbox = actor.sandbox ?? original?.sandbox ?? false;
      const stored = await resolveStoredUploads(tx, actor.accountId, sources.filter(isStoredUploadRef));
      const country = countryOf(input);
      // A file that was sent but refused is reported as refused, not also as missing.
      const sentKinds = sources.flatMap((s) => (isStoredUploadRef(s) ? [] : [s.kind]));
      const twice = sentKinds.filter((kind) => stored.kinds.includes(kind));
      const documentErrors = mergeErrors(
        files.errors,
        stored.errors,
        Object.fromEntries(twice.map((kind) => [documentField(kind), [oneOfAKind(kind)]])),
        // Whichever way they came, the documents the country requires must be there (issue 14).
        country ? missingDocumentErrors(country, new Set([...sentKinds, ...stored.kinds]), options.documentsVia) : {},
      );
      const data = await validate(tx, actor, input, mergeErrors(callbackErrors, documentErrors), sandbox);

      const [request] = await tx
        .insert(portingRequests)
        .values({
          accountId: actor.accountId,
          companyProfileId: data.companyProfileId,
          country: data.country,
          numberType: data.numberType,
          currentProvider: data.currentProvider,
          preferredPortingDate: data.preferredPortingDate,
          contractScenario: data.contractScenario,
          callbackUrl: data.callbackUrl,
          distributionGroupId: data.distributionGroupId,
          comment: data.comment,
          customerReference: data.customerReference,
          resubmissionOfId: original?.id ?? null,
          sandbox,
          status: "requested",
          statusReason: CREATED_REASON,
        })
        .returning();
      if (!request) throw new Error("createPortingRequest: insert returned no row");

      const uploader = { userId: actor.userId, role: "customer" as const, name: actor.name };
      await insertDocuments(tx, request.id, files.documents, { uploader });
      await attachStoredUploads(tx, request.id, stored.ids);

      // A concurrent request for the same number passes the checks too; the partial unique index
      // on open numbers lets one of them in and fails the other here (handled below). A sandbox
      // request never holds its numbers (never `open`): a magic number serves again and again.
      await tx.insert(portingRequestNumbers).values(
        data.numbers.map((n, position) => ({
          portingRequestId: request.id,
          accountId: actor.accountId,
          number: n.e164,
          type: n.type,
          position,
          open: !sandbox,
        })),
      );

      const [event] = await tx
        .insert(portingRequestEvents)
        .values({
          portingRequestId: request.id,
          fromStatus: null,
          toStatus: "requested",
          reason: CREATED_REASON,
          actorUserId: actor.userId,
          actorRole: "customer",
          actorName: actor.name,
        })
        .returning({ id: portingRequestEvents.id, createdAt: portingRequestEvents.createdAt });
      if (!event) throw new Error("createPortingRequest: history insert returned no row");

      // Last, after the numbers: a create that waits on another's number holds no counts lock meanwhile.
      // The counts are the live requests' (the Sandbox tab counts its own few rows).
      if (!sandbox) await adjustStatusCounts(tx, actor.accountId, { requested: 1 });

      // Notifications: enqueued here, in this transaction (see issue: notifications)
      await enqueueStatusNotifications(tx, {
        eventId: event.id,
        portingRequestId: request.id,
        accountId: request.accountId,
        reference: request.reference,
        fromStatus: null,
        toStatus: "requested",
        reason: CREATED_REASON,
        firstPossiblePortingDate: null,
        actor: { userId: actor.userId, role: "customer", name: actor.name },
        at: event.createdAt,
      });

      const created = await loadPortingRequestDto(tx, actor, request);
      await options.beforeCommit?.(tx, created);
      return created;
    });
  } catch (error) {
    if (isDomainError(error) || !isUniqueViolation(error, OPEN_NUMBER_INDEX)) throw error;
    // Lost the race for a number. Re-check (the winner has committed) to name it; never show DB text.
    throw await raceLostError(db, actor, input);
  }
}

type ValidNumber = { e164: string; type: NumberType };

async function callbackUrlErrors(input: CreatePortingRequestInput): Promise<FieldErrors> {
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const callbackUrl = createPortingRequestFields.shape.callbackUrl.safeParse(raw.callbackUrl).data;
  if (!callbackUrl) return {};
  try {
    await assertCallbackUrlAllowed(callbackUrl);
    return {};
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
}

function countryOf(input: CreatePortingRequestInput): CountryCode | undefined {
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  return createPortingRequestFields.shape.country.safeParse(raw.country).data;
}

function mergeErrors(...all: FieldErrors[]): FieldErrors {
  const out: FieldErrors = {};
  for (const errors of all) for (const [key, messages] of Object.entries(errors)) (out[key] ??= []).push(...messages);
  return out;
}

/** `earlierErrors`: what was found before the transaction (callback URL, documents), reported with the rest. */
async function validate(tx: Executor, actor: CustomerActor, input: CreatePortingRequestInput, earlierErrors: FieldErrors, sandbox: boolean) {
  const errors: FieldErrors = {};
  const add = (key: string, ...messages: string[]) => (errors[key] ??= []).push(...messages);

  const parsed = createPortingRequestSchema.safeParse(input);
  if (!parsed.success) {
    for (const [key, messages] of Object.entries(fieldErrorsFromZod(parsed.error))) add(key, ...messages);
  }

  // Fields that are fine on their own are checked against the database even when others fail,
  // so one round trip shows every problem.
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const fields = createPortingRequestFields.shape;
  const country = fields.country.safeParse(raw.country).data;
  const numberType = fields.numberType.safeParse(raw.numberType).data;
  const profileId = fields.companyProfileId.safeParse(raw.companyProfileId).data;
  const groupId = fields.distributionGroupId.safeParse(raw.distributionGroupId).data;

  if (profileId) {
    const [profile] = await tx
      .select()
      .from(companyProfiles)
      .where(and(eq(companyProfiles.id, profileId), eq(companyProfiles.accountId, actor.accountId)))
      .limit(1);
    if (!profile) {
      add("companyProfileId", "This company profile was not found in your account.");
    } else if (country && numberType) {
      const result = checkProfileRequirements(profile, country, numberType);
      if (!result.ok) add("companyProfileId", ...result.problems.map((p) => p.message));
    }
  }

  if (groupId) {
    const [group] = await tx
      .select({ id: distributionGroups.id })
      .from(distributionGroups)
      .where(and(eq(distributionGroups.id, groupId), eq(distributionGroups.accountId, actor.accountId)))
      .limit(1);
    if (!group) add("distributionGroupId", "This distribution group was not found in your account.");
  }

  for (const [key, messages] of Object.entries(earlierErrors)) add(key, ...messages);

  let numbers: ValidNumber[] = [];
  // Over the limit is a zod error already; checking thousands of numbers would only cost time.
  const entries: readonly unknown[] | null = Array.isArray(raw.phoneNumbers) ? raw.phoneNumbers : null;
  if (country && numberType && entries && entries.length <= MAX_NUMBERS_PER_REQUEST) {
    const checked = await checkRawNumbers(tx, actor.accountId, country, numberType, entries, sandbox);
    const bad = checked.filter(({ check }) => check.problem);
    for (const { index, check } of bad) add(`phoneNumbers.${index}`, check.message);
    if (bad.length > 0) {
      const total = entries.length;
      add("phoneNumbers", bad.length === 1 && total === 1 ? "This number needs attention." : `${bad.length} of ${total} numbers need attention.`);
    }
    numbers = checked.flatMap(({ check }) => (check.e164 && check.type && !check.problem ? [{ e164: check.e164, type: check.type }] : []));
  }

  if (!parsed.success || Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { ...parsed.data, numbers };
}

/** Checks the entries that are strings of a sensible length; zod has reported the others. */
async function checkRawNumbers(
  db: Executor,
  accountId: string,
  country: CountryCode,
  numberType: NumberType,
  entries: readonly unknown[],
  sandbox = false,
): Promise<{ index: number; check: NumberCheck }[]> {
  const usable = entries.flatMap((value, index) =>
    typeof value === "string" && value.trim() !== "" && value.length <= 64 ? [{ index, value }] : [],
  );
  const numbers = { accountId, country, numberType, raw: usable.map((u) => u.value) };
  // The sandbox never holds or ports a number: who holds it (an open request, a voice account)
  // is no concern of a sandbox request, and telling would be a way round the holder rules.
  const checks = sandbox ? checkNumbersOffline(numbers) : await checkNumbers(db, numbers);
  return usable.flatMap((u, i) => {
    const check = checks[i];
    return check ? [{ index: u.index, check }] : [];
  });
}

async function raceLostError(db: Db, actor: CustomerActor, input: CreatePortingRequestInput): Promise<ValidationError> {
  const errors: FieldErrors = {};
  const raw = input as Record<string, unknown>;
  const country = createPortingRequestFields.shape.country.safeParse(raw.country).data;
  const numberType = createPortingRequestFields.shape.numberType.safeParse(raw.numberType).data;
  const entries: readonly unknown[] | null = Array.isArray(raw.phoneNumbers) ? raw.phoneNumbers : null;
  if (country && numberType && entries) {
    const checked = await checkRawNumbers(db, actor.accountId, country, numberType, entries);
    for (const { index, check } of checked) if (check.problem) (errors[`phoneNumbers.${index}`] ??= []).push(check.message);
  }
  errors.phoneNumbers = [
    Object.keys(errors).length > 0
      ? "Some numbers were just added to another porting request."
      : "One of these numbers was just added to another porting request: try again.",
  ];
  return new ValidationError(errors);
}

/** postgres.js errors arrive wrapped by drizzle (DrizzleQueryError.cause). */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const candidate = e as { code?: unknown; constraint_name?: unknown };
    if (candidate.code === "23505") return candidate.constraint_name === constraint;
  }
  return false;
}

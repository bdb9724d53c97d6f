"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { action } from "@/lib/auth/action";
import { consumeUserLimit, NUMBER_CHECK_LIMIT } from "@/lib/auth/user-rate-limit";
import { ValidationError } from "@/lib/errors";
import { createPortingRequest } from "@/lib/porting/create-porting-request";
import { resubmitPortingRequest } from "@/lib/porting/resubmit-porting-request";
import { REQUEST_JSON_FIELD, RESUBMISSION_OF_FIELD, documentField } from "@/lib/porting/document-files";
import type { DocumentUpload } from "@/lib/porting/documents";
import { checkNumbers } from "@/lib/porting/check-numbers";
import { createPortingRequestFields, MAX_NUMBERS_PER_REQUEST } from "@/lib/porting/schemas";
import { DOCUMENT_KINDS } from "@/lib/porting/values";
import { nulCharacterErrors } from "@/lib/shared/validation";

// The guided "New porting request" page's two server actions. Thin: resolve the caller (the
// wrapper), parse, call one domain verb. The account always comes from the session.

const checkNumbersInput = z.object({
  country: createPortingRequestFields.shape.country,
  numberType: createPortingRequestFields.shape.numberType,
  phoneNumbers: z
    .array(z.string().max(64, "This is too long to be one phone number."))
    .max(MAX_NUMBERS_PER_REQUEST, `At most ${MAX_NUMBERS_PER_REQUEST} numbers per request: split them over several requests.`),
});

/**
 * Every check of a number list, including the database ones (open requests, voice numbers), as the
 * user types. Limited per user: up to 500 numbers a call must not become a way to map which
 * numbers other accounts hold (their numbers only ever get "can't be ported from this account").
 */
export const checkNumbersAction = action({ roles: ["customer"], input: checkNumbersInput }, async (actor, input) => {
  await consumeUserLimit(actor.userId, NUMBER_CHECK_LIMIT);
  return checkNumbers(getDb(), {
    accountId: actor.accountId,
    country: input.country,
    numberType: input.numberType,
    raw: input.phoneNumbers,
  });
});

/**
 * Creates the request with its documents in one transaction. FormData because files travel with
 * it: `request` holds the JSON fields, `documents.<kind>` the files. The verb validates it all
 * with the same zod schema the form uses, plus the database checks, and reports per field.
 */
export const createPortingRequestAction = action(
  { roles: ["customer"], input: z.instanceof(FormData, { error: "Send the request as form data." }) },
  async (actor, formData) => {
    const request = parseRequestField(formData.get(REQUEST_JSON_FIELD));
    const documents = await documentUploads(formData);
    const created = await createPortingRequest(actor, request, getDb(), { documents });
    return { id: created.id, reference: created.reference };
  },
);

/**
 * "Create corrected request" (issue 14 item 2): the same form, sent for a Blocked request
 * (`resubmissionOf`, its id). The documents are the form's files, the kept ones included (the
 * browser fetched them from the Blocked request), so what is sent is exactly what was reviewed.
 */
export const resubmitPortingRequestAction = action(
  { roles: ["customer"], input: z.instanceof(FormData, { error: "Send the request as form data." }) },
  async (actor, formData) => {
    const original = formData.get(RESUBMISSION_OF_FIELD);
    if (typeof original !== "string" || original === "") throw new ValidationError({ form: ["Which request this corrects is missing: reload the page."] });
    const request = parseRequestField(formData.get(REQUEST_JSON_FIELD));
    const documents = await documentUploads(formData);
    const created = await resubmitPortingRequest(actor, original, request, getDb(), { documents, documentsVia: "form" });
    return { id: created.id, reference: created.reference };
  },
);

function parseRequestField(value: FormDataEntryValue | null): Parameters<typeof createPortingRequest>[1] {
  if (typeof value !== "string") throw new ValidationError({ form: ["The request details are missing."] });
  let parsed: Parameters<typeof createPortingRequest>[1];
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ValidationError({ form: ["The request details could not be read."] });
  }
  // PostgreSQL text can't hold U+0000: named by field here rather than failing in the insert.
  const nul = nulCharacterErrors(parsed);
  if (nul) throw new ValidationError(nul);
  return parsed;
}

async function documentUploads(formData: FormData): Promise<DocumentUpload[]> {
  const uploads: DocumentUpload[] = [];
  for (const kind of DOCUMENT_KINDS) {
    for (const entry of formData.getAll(documentField(kind))) {
      // A text value, or an empty file input, is no document.
      if (typeof entry === "string" || (entry.size === 0 && entry.name === "")) continue;
      uploads.push({ kind, filename: entry.name, data: new Uint8Array(await entry.arrayBuffer()) });
    }
  }
  return uploads;
}

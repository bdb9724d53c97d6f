"use server";

import { z } from "zod";
import { getDb } from "@/db";
import { action } from "@/lib/auth/action";
import { ValidationError } from "@/lib/errors";
import { addComment } from "@/lib/porting/add-comment";
import { addDocumentToRequest } from "@/lib/porting/add-document";
import { commentFormSchema } from "@/lib/porting/conversation-schemas";
import { requestDocumentJson } from "@/lib/porting/documents";
import { markConversationRead } from "@/lib/porting/mark-conversation-read";
import { DOCUMENT_KINDS } from "@/lib/porting/values";
import { fieldErrorsFromZod } from "@/lib/shared/validation";

// The conversation and documents panels of the customer's and support's request pages. Thin: the
// wrapper resolves the caller (either role), zod parses, one verb decides. The verb refuses a
// customer's internal note or question (forbidden) and another account's request (not found).

const KIND_TO_FLAGS = {
  comment: { internal: false, asksForInformation: false },
  question: { internal: false, asksForInformation: true },
  internal: { internal: true, asksForInformation: false },
} as const;

export const addCommentAction = action({ roles: ["customer", "support"], input: commentFormSchema }, (actor, input) =>
  addComment(actor, input.id, { body: input.body, ...KIND_TO_FLAGS[input.kind] }),
);

const documentForm = z.object({
  id: z.string({ error: "The porting request id is missing." }),
  kind: z.enum(DOCUMENT_KINDS, { error: "Choose which document this is." }),
  file: z.instanceof(File, { error: "Choose a file." }),
});

/** A document added from the request page: FormData with `id`, `kind` and `file`. */
export const addDocumentAction = action(
  { roles: ["customer", "support"], input: z.instanceof(FormData, { error: "Send the document as form data." }) },
  async (actor, formData) => {
    const input = documentForm.safeParse({ id: formData.get("id"), kind: formData.get("kind"), file: formData.get("file") });
    if (!input.success) throw new ValidationError(fieldErrorsFromZod(input.error));
    const { id, kind, file } = input.data;
    const document = await addDocumentToRequest(actor, id, { kind, filename: file.name, data: new Uint8Array(await file.arrayBuffer()) }, getDb());
    return requestDocumentJson(document);
  },
);

/** Support has seen the customer's comments (the page is open as they arrive). */
export const markConversationReadAction = action({ roles: ["support"], input: z.object({ id: z.string() }) }, (actor, input) =>
  markConversationRead(actor, input.id),
);

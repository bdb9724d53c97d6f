import { z } from "zod";

// The conversation on a porting request (issue 14, item 3): one input schema for a comment, used
// by the pages' forms, their server actions and the REST API alike. Client-safe: no database.
// Who may set which flag (internal notes and questions are support's) is the verb's check, because
// it depends on the caller, not on the input.

export const MAX_COMMENT_BODY_LENGTH = 5000;

const BODY_REQUIRED = "Write a message.";

export const commentBody = z
  .string({ error: BODY_REQUIRED })
  .trim()
  .min(1, BODY_REQUIRED)
  .max(MAX_COMMENT_BODY_LENGTH, `Keep the message under ${MAX_COMMENT_BODY_LENGTH} characters.`)
  // trim() keeps zero-width and other invisible characters: a message needs something to read.
  // (An empty message is reported once, by min(1), not twice.)
  .refine((text) => text === "" || /[\p{L}\p{N}\p{P}\p{S}]/u.test(text), "Write a message: this has no visible characters.");

export const addCommentSchema = z.object({
  body: commentBody,
  /** Support only: a note for support staff, never shown to the customer anywhere. */
  internal: z.boolean({ error: "`internal` is true or false." }).optional().default(false),
  /** Support only: a question that marks the request "waiting for you" until the customer replies. */
  asksForInformation: z.boolean({ error: "`asksForInformation` is true or false." }).optional().default(false),
});

export type AddCommentInput = z.input<typeof addCommentSchema>;
export type AddCommentData = z.output<typeof addCommentSchema>;

/** What a conversation form sends, from the browser (FormData: checkboxes are "on" or absent). */
export const commentFormSchema = z.object({
  id: z.string({ error: "The porting request id is missing." }),
  body: commentBody,
  kind: z.enum(["comment", "question", "internal"], { error: "Choose a comment, a question or an internal note." }).default("comment"),
});

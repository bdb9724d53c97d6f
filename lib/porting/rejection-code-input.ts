import { z } from "zod";
import { REJECTION_CODES, type RejectionCode } from "./rejection-codes";

// Rejection codes as support sends them (the API's transitions body, the support dialog's
// resolver), apart from the catalogue in rejection-codes.ts: the catalogue is read by every request
// page, and importing it must not bring zod into their JavaScript (issue 13, the list's 150 kB).

export const MAX_REJECTION_NUMBERS = 500;

const CODE_ERROR = `Unknown rejection code. Use one of: ${REJECTION_CODES.join(", ")} (GET /api/v1/rejection-codes lists them).`;
const code = z.enum(REJECTION_CODES, { error: CODE_ERROR });

/**
 * One code as support sends it: the code alone, or `{ code, numbers }` to name which of the
 * request's numbers a number code concerns (any common format; without `numbers`, a number code
 * concerns every number of the request). Client-safe: the dialog's resolver uses it too.
 */
export const rejectionCodeInput = z.union(
  [
    code,
    z.strictObject(
      {
        code,
        numbers: z
          .array(z.string({ error: "Give each number as text." }).trim().min(1, "Give a number here.").max(64, "This is too long to be one phone number."), {
            error: "Give the numbers as a list.",
          })
          .max(MAX_REJECTION_NUMBERS, `At most ${MAX_REJECTION_NUMBERS} numbers.`)
          .nullish(),
      },
      { error: "Give a rejection code, or { code, numbers }." },
    ),
  ],
  { error: CODE_ERROR },
);

export const REJECTION_CODES_REQUIRED =
  "Give at least one rejection code (rejectionCodes), so the customer knows what to fix: see GET /api/v1/rejection-codes.";

export const rejectionCodesInput = z
  .array(rejectionCodeInput, { error: "Give the rejection codes as a list, such as [\"company_name\"]." })
  .max(REJECTION_CODES.length, "Give each rejection code once.")
  .transform((items) => items.map((item) => (typeof item === "string" ? { code: item, numbers: null } : { code: item.code, numbers: item.numbers ?? null })));

export type RejectionCodesInput = z.input<typeof rejectionCodesInput>;
export type ParsedRejectionCode = { code: RejectionCode; numbers: string[] | null };

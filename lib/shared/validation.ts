import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

// zod results in the one field-error shape every adapter shows: forms next to the field, the API
// as problem+json `errors`. Client-safe: no database, no Node modules.

/** The key of a problem with the whole input rather than one field (a body that is not an object). */
export const WHOLE_INPUT = "";

/** zod issues as field errors: "phoneNumbers.2" for the third number, WHOLE_INPUT ("") for the whole input. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** Parses with the verb's schema; every problem in one ValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error));
  return result.data;
}

import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";

// zod results in the one field-error shape every adapter shows: forms next to the field, the API
// as problem+json `errors`. Client-safe: no database, no Node modules.

/** The key of a problem with the whole input rather than one field (a body that is not an object). */
export const WHOLE_INPUT = "";

/** zod issues as field errors: "phoneNumbers.2" for the third number, WHOLE_INPUT ("") for the whole input. */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  // No prototype: a field named "constructor" or "__proto__" by a client is just a key here.
  const out: FieldErrors = Object.create(null) as FieldErrors;
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Every string (key or value) of a parsed input that holds a NUL character, which PostgreSQL text
 * cannot store: as field errors, or null when there is none. `path` prefixes the keys.
 */
export function nulCharacterErrors(value: unknown, path: string[] = []): FieldErrors | null {
  const out: FieldErrors = Object.create(null) as FieldErrors;
  const message = "Remove the NUL character (U+0000): text can't contain it.";
  // A stack, not recursion, and paths built only when reported: a body nested thousands of levels
  // deep must neither overflow the call stack nor copy a path per level.
  type At = { parent: At | null; key: string } | null;
  const pathOf = (at: At): string => {
    const keys: string[] = [];
    for (let node = at; node; node = node.parent) keys.unshift(node.key);
    return [...path, ...keys].join(".");
  };
  const stack: [unknown, At][] = [[value, null]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) (out[pathOf(at)] ??= []).push(message);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push([item, { parent: at, key: String(i) }]));
    } else if (typeof v === "object" && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes("\u0000")) (out[pathOf({ parent: at, key: key.replaceAll("\u0000", "\\u0000") })] ??= []).push(message);
        else stack.push([item, { parent: at, key }]);
      }
    }
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Parses with the verb's schema; every problem in one ValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error));
  return result.data;
}

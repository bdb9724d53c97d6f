import "server-only";
import type { z } from "zod";
import { ValidationError, type FieldErrors } from "@/lib/errors";
import { nulCharacterErrors } from "@/lib/shared/validation";
import { HttpProblem } from "./problem";

// Reading and checking request bodies at the API edge, in the order a client can act on:
// too large (413) → wrong content type (415) → not JSON (400) → not an object, unknown or bad
// fields (422). Nothing here touches the database, so a refused body never stores anything.

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // A missing or lying Content-Length: stop reading instead of buffering an unbounded body.
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(limit: number) {
  return new HttpProblem(413, `The request body is larger than ${Math.round(limit / 1024)} KB. Send fewer numbers per request, or split the request.`);
}

/**
 * The parsed JSON body. An empty body is `undefined` when `optional` (perform, cancel), else a 400.
 * A body with a Content-Type other than application/json is a 415.
 */
export async function readJsonBody(request: Request, options: { optional?: boolean; limit?: number } = {}): Promise<unknown> {
  const bytes = await readLimited(request, options.limit ?? MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpProblem(400, "The request body is not valid UTF-8 text.");
  }
  if (text.trim() === "") {
    if (options.optional) return undefined;
    throw new HttpProblem(400, "The request has no body: send a JSON object with Content-Type: application/json.");
  }
  const contentType = request.headers.get("content-type");
  if (!contentType || !JSON_TYPE.test(contentType)) {
    throw new HttpProblem(
      415,
      `Send the body as JSON with the header Content-Type: application/json${contentType ? ` (this request sent ${contentType.slice(0, 100)})` : " (this request sent none)"}.`,
      {},
      { accept: "application/json" },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : "it does not parse";
    throw new HttpProblem(400, `The request body is not valid JSON: ${reason}.`);
  }
  // "\u0000" is valid JSON but no PostgreSQL text can hold it: refused here, by field, not as a 500.
  const nul = nulCharacterErrors(body);
  if (nul) throw new ValidationError(nul, "Text must not contain NUL characters.");
  return body;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The body must be one JSON object (not an array, string or null): a 422 naming the whole body otherwise. */
export function expectObject(body: unknown, example: string): Record<string, unknown> {
  if (isJsonObject(body)) return body;
  const got = body === null ? "null" : Array.isArray(body) ? "an array" : `a ${typeof body}`;
  throw new ValidationError({ "": [`The body must be a JSON object, such as ${example}; it is ${got}.`] }, "The body must be a JSON object.");
}

function knownKeys(schema: z.ZodType): string[] | null {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : null;
}

/**
 * zod issues as field errors, for API callers: unknown fields are named one by one ("foo":
 * "Unknown field …") rather than as one message on the whole body, so a typo points at itself.
 */
export function apiFieldErrors(error: z.ZodError, schema?: z.ZodType): FieldErrors {
  // No prototype: a field named "constructor" or "__proto__" by a client is just a key here.
  const out: FieldErrors = Object.create(null) as FieldErrors;
  const known = schema ? knownKeys(schema) : null;
  for (const issue of error.issues) {
    const base = issue.path.map(String);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const hint = base.length === 0 && known ? ` The fields are: ${known.join(", ")}.` : "";
        (out[[...base, key].join(".")] ??= []).push(`Unknown field "${key}": remove it or check its spelling.${hint}`);
      }
      continue;
    }
    (out[base.join(".")] ??= []).push(issue.message);
  }
  return out;
}

/** Parses with a strict schema; every problem (unknown fields included) in one 422. */
export function parseStrict<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(apiFieldErrors(result.error, schema));
  return result.data;
}

/** Only the unknown-field problems of `value` against a strict schema (for bodies a verb validates itself). */
export function unknownFieldErrors(schema: z.ZodType, value: unknown): FieldErrors | null {
  const result = schema.safeParse(value);
  if (result.success) return null;
  if (!result.error.issues.some((i) => i.code === "unrecognized_keys")) return null;
  return apiFieldErrors(result.error, schema);
}

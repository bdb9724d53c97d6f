import { expect } from "vitest";
import type { z } from "zod";
import { buildOpenApiDocument, ENDPOINTS } from "@/lib/api/openapi";
import { responseComponents } from "@/lib/api/schemas";

// Validates real responses against the OpenAPI document. No JSON Schema validator is installed,
// so each response is checked with the zod schema the document's component was generated from
// (the test below also proves the document's components ARE those schemas), and:
//   - the status must be one the operation documents;
//   - the content type must be the documented one (problem+json for errors);
//   - the body must parse, and parsing must not drop anything: a field the schema does not
//     declare is a contract change the document would not show.

export const document = buildOpenApiDocument({ serverUrl: "http://localhost:3000" });

type Responses = Record<string, { $ref?: string; content?: Record<string, { schema: { $ref?: string } }> }>;

// The registry the document's response components are generated from, by component id.
const componentsById = (responseComponents as unknown as { _idmap: Map<string, z.ZodType> })._idmap;

export function zodSchemaFor(componentId: string): z.ZodType {
  const found = componentsById.get(componentId);
  if (!found) throw new Error(`No zod schema registered for component ${componentId}`);
  return found;
}

/** Every (operationId, status) seen in this test file, for the coverage check. */
export const seen = new Set<string>();

export function operationFor(method: string, path: string) {
  const endpoint = ENDPOINTS.find((e) => e.method === method.toLowerCase() && e.path === path);
  if (!endpoint) throw new Error(`No documented operation ${method} ${path}`);
  const operation = (document.paths[path] as Record<string, { operationId: string; responses: Responses }>)[method.toLowerCase()]!;
  return { endpoint, operation };
}

/**
 * Asserts a response matches the document for `method path` (path as documented, e.g.
 * "/porting-requests/{id}"); returns the parsed body.
 */
export async function expectDocumented(method: string, path: string, response: Response): Promise<unknown> {
  const { operation } = operationFor(method, path);
  const status = String(response.status);
  const documented = operation.responses[status];
  expect(documented, `${method} ${path} answered ${status}, which the document does not list`).toBeDefined();
  seen.add(`${operation.operationId} ${status}`);

  // A stream never ends by itself: its media type is what can be checked (the events: app/api/v1/events/route.test.ts).
  if (documented!.content?.["text/event-stream"]) {
    expect(response.headers.get("content-type")?.split(";")[0], `${method} ${path} ${status}`).toBe("text/event-stream");
    await response.body?.cancel();
    return null;
  }
  // A file (a document download): one of its media types, and its bytes (the route's own test compares them).
  const fileTypes = Object.entries(documented!.content ?? {})
    .filter(([, c]) => (c.schema as { format?: string }).format === "binary")
    .map(([type]) => type);
  if (fileTypes.length > 0 && status === "200") {
    expect(fileTypes, `${method} ${path} ${status}`).toContain(response.headers.get("content-type")?.split(";")[0]);
    return new Uint8Array(await response.clone().arrayBuffer());
  }
  // A CSV is text, not a schema component: its media type, then the text (the export's own tests read its rows).
  if (documented!.content?.["text/csv"]) {
    expect(response.headers.get("content-type")?.split(";")[0], `${method} ${path} ${status}`).toBe("text/csv");
    return response.clone().text();
  }
  const text = await response.clone().text();
  if (status === "204" || status === "304") {
    expect(text).toBe("");
    return null;
  }
  let componentId: string;
  let contentType: string;
  if (documented!.$ref) {
    const name = documented!.$ref.split("/").pop()!;
    const shared = (document.components.responses as Record<string, { content: Record<string, { schema: { $ref: string } }> }>)[name]!;
    contentType = Object.keys(shared.content)[0]!;
    componentId = shared.content[contentType]!.schema.$ref.split("/").pop()!;
  } else {
    const content = documented!.content!;
    contentType = Object.keys(content)[0]!;
    componentId = content[contentType]!.schema.$ref!.split("/").pop()!;
  }
  expect(response.headers.get("content-type"), `${method} ${path} ${status}`).toBe(contentType);
  const body = JSON.parse(text) as unknown;
  const schema = zodSchemaFor(componentId);
  const result = schema.safeParse(body);
  expect(result.success ? [] : result.error.issues, `${method} ${path} ${status} against ${componentId}`).toEqual([]);
  // Nothing undeclared: the parsed value (unknown keys stripped) equals what was sent.
  expect(result.data, `${method} ${path} ${status}: fields the document does not declare`).toEqual(body);
  if (contentType === "application/problem+json") {
    expect((body as { status: number }).status).toBe(response.status);
  }
  return body;
}

/** Every documented (operationId, status) pair. */
export function documentedPairs(): string[] {
  const pairs: string[] = [];
  for (const endpoint of ENDPOINTS) {
    const { operation } = operationFor(endpoint.method, endpoint.path);
    for (const status of Object.keys(operation.responses)) pairs.push(`${operation.operationId} ${status}`);
  }
  return pairs;
}

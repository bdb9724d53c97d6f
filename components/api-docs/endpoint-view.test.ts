import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { buildOpenApiDocument, ENDPOINTS } from "@/lib/api/openapi";
import { EndpointView } from "./endpoint-view";
import type { Operation } from "./reference-model";
import type { JsonSchema } from "./schema-view";

// The reference page (/docs/api) renders every operation of the document: one that cannot be
// rendered takes the whole page down (a 304 in an operation's answers once did).

const document = buildOpenApiDocument({ serverUrl: "https://porting.example" });
const schemas = document.components.schemas as Record<string, JsonSchema>;
const render = (operationId: string) => {
  const endpoint = ENDPOINTS.find((e) => e.operationId === operationId)!;
  const operation = (document.paths[endpoint.path] as Record<string, Operation>)[endpoint.method]!;
  return renderToStaticMarkup(createElement(EndpointView, { endpoint, operation, schemas, base: "https://porting.example/api/v1" }));
};

test("every operation renders", () => {
  for (const endpoint of ENDPOINTS) expect(() => render(endpoint.operationId), endpoint.operationId).not.toThrow();
});

test("the event stream shows its media type, its Last-Event-ID header, a streaming curl and an example stream", () => {
  const html = render("streamEvents");
  expect(html).toContain("text/event-stream");
  expect(html).toContain("Last-Event-ID (header)");
  expect(html).toContain("curl -N");
  expect(html).toContain("event: porting_request.status_changed");
  expect(html).toContain("#problem-gone");
});

test("a 304 is listed as what it is, not as a problem", () => {
  const conditional = ENDPOINTS.find((e) => e.conditional);
  if (!conditional) return;
  const html = render(conditional.operationId);
  expect(html).toMatch(/>304<\/span> <span[^>]*>Not modified/);
});

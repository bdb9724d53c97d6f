import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { SANDBOX_SCENARIOS } from "@/lib/porting/sandbox";
import { ApiGuides } from "./guides";
import { GUIDES } from "./reference-model";

// The reference page's Sandbox guide is built from the scenarios the simulated provider runs
// (lib/porting/sandbox.ts): every magic number is in its table with its statuses, so the page
// cannot drift from what happens.

test("the Sandbox guide lists every magic number with the statuses it goes through, and the page's menu links to it", () => {
  const html = renderToStaticMarkup(createElement(ApiGuides, { base: "https://porting.example/api/v1", rateLimit: 600 }));
  const section = html.slice(html.indexOf('id="sandbox"'));
  expect(section).toContain("vp_test_");
  for (const scenario of SANDBOX_SCENARIOS) expect(section).toContain(scenario.display);
  expect(section).toContain("In progress → Ready to be ported");
  expect(section).toContain("In progress → Delayed → Ready to be ported");
  expect(section).toContain("In progress → Blocked");
  expect(section).toContain("In progress → Completed");
  expect(section).toContain("stays Requested");
  expect(GUIDES.map((g) => g.id)).toContain("sandbox");
});

test("the OpenAPI document names test keys and the sandbox field", () => {
  const document = buildOpenApiDocument({ serverUrl: "https://porting.example" });
  expect(JSON.stringify(document.components.securitySchemes)).toContain("vp_test_");
  expect(document.info.description).toContain("+31 20 999 0002");
  const request = document.components.schemas.PortingRequest as { properties: Record<string, unknown>; required?: string[] };
  expect(request.properties.sandbox).toBeDefined();
});

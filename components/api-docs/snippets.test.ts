import { expect, test } from "vitest";
import { buildOpenApiDocument, ENDPOINTS } from "@/lib/api/openapi";
import type { Operation } from "./reference-model";
import { curlFor, quickStartCommands } from "./snippets";

// The reference page renders a curl command for every operation: none may fail, and a document
// upload is multipart (-F), not a JSON body.

const document = buildOpenApiDocument({ serverUrl: "https://porting.example" });
const operationOf = (path: string, method: string) => (document.paths[path] as Record<string, Operation>)[method]!;

test("every operation has a curl command; uploads send the file as multipart", () => {
  for (const endpoint of ENDPOINTS) expect(() => curlFor("https://porting.example/api/v1", endpoint, operationOf(endpoint.path, endpoint.method))).not.toThrow();
  const upload = ENDPOINTS.find((e) => e.operationId === "uploadDocument")!;
  const command = curlFor("https://porting.example/api/v1", upload, operationOf(upload.path, upload.method));
  expect(command).toContain('-F "kind=letter_of_authorisation"');
  expect(command).toContain('-F "file=@letter-of-authorisation.pdf"');
  expect(command).not.toContain("application/json");
});

test("the quick start uploads the letter of authorisation before creating the request", () => {
  const text = quickStartCommands("https://porting.example/api/v1");
  expect(text.indexOf("POST https://porting.example/api/v1/documents")).toBeLessThan(text.indexOf("POST https://porting.example/api/v1/porting-requests"));
  expect(text).toContain('"documents":[{"id":"<upload id>"}]');
});
